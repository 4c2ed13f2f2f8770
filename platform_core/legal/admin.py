from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from platform_core.admin_records import RecordAdmin

from .models import Consent, LegalDocument, LegalText
from .services import legal_versions_apply


class LegalTextInline(admin.StackedInline):
    model = LegalText
    extra = 0
    min_num = 1

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.in_effect

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.in_effect

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.in_effect


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    """A new version is a new row (the next number); one in effect is read only. Saving one in effect
    asks every signed-in person to accept it on their next page (beat does the same for a later date)."""

    list_display = ["__str__", "kind", "version", "effective_at", "accepted_by"]
    list_filter = ["kind"]
    inlines = [LegalTextInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.in_effect:
            return ["kind", "version", "effective_at", "changes"]
        return []

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.in_effect

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(accepted=Count("consents"))

    @admin.display(description=_("accepted by"), ordering="accepted")
    def accepted_by(self, document):
        return document.accepted

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        legal_versions_apply()


@admin.register(Consent)
class ConsentAdmin(RecordAdmin):
    list_display = ["user", "document", "accepted_at", "how"]
    list_filter = ["document", "how"]
    list_select_related = ["user", "document"]
    search_fields = ["user__email", "user__handle"]
    date_hierarchy = "accepted_at"
