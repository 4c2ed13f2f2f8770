from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .delivery import deliveries_retry
from .models import DigestRun, EmailDelivery, Notification, NotificationSettings


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created",
        "recipient",
        "event",
        "actor_name",
        "target_title",
        "group_label",
        "email_mode",
        "read_at",
        "digest_run",
    ]
    list_filter = [
        "event",
        "email_mode",
        ("read_at", admin.EmptyFieldListFilter),
        ("digest_run", admin.EmptyFieldListFilter),
    ]
    search_fields = ["recipient__email", "target_title", "group_label", "event"]
    list_select_related = ["recipient", "digest_run"]
    raw_id_fields = ["recipient", "actor", "digest_run"]
    date_hierarchy = "created"


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "key",
        "recipient",
        "status",
        "attempts",
        "created",
        "next_attempt_at",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status"]
    search_fields = ["key", "recipient__email", "last_error"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "notification", "digest_run"]
    readonly_fields = ["key", "created", "claimed_at", "sent_at", "attempts", "last_error"]
    actions = ["retry"]
    date_hierarchy = "created"

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:80]

    @admin.action(description=_("Retry the selected failed deliveries"))
    def retry(self, request, queryset):
        count = deliveries_retry(delivery_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%(count)d delivery queued again.", "%(count)d deliveries queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = ["created", "user", "period", "status", "notification_count", "built_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "period"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    date_hierarchy = "created"


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "digest_frequency", "digest_hour", "digest_weekday"]
    list_filter = ["digest_frequency"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
