"""Who takes part, in the admin: memberships, invitations, join links and join requests. A member's role,
ban and removal change only through the actions here, which call the services (audit entries and
notifications included); an invitation added here is sent exactly as the members page sends it."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from platform_core.exceptions import RateLimited

from .admin_actions import refusal_text, report_each
from .models import Invitation, JoinLink, JoinRequest, Membership, Role
from .services.invitations import invitation_create
from .services.membership import (
    membership_add,
    membership_ban,
    membership_change_role,
    membership_remove,
    membership_unban,
)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """A member's role, ban and removal change through the actions (the services: audit entries and
    notifications included); adding one goes through ``membership_add``."""

    list_display = ["user", "arena", "role", "stakeholder_type", "banned", "created"]
    list_filter = ["role", "stakeholder_type", "banned", "arena__organisation"]
    search_fields = ["user__email", "user__handle", "user__display_name", "arena__title"]
    list_select_related = ["user", "arena"]
    autocomplete_fields = ["arena"]
    raw_id_fields = ["user"]
    date_hierarchy = "created"
    actions = [
        "make_convener",
        "make_facilitator",
        "make_participant",
        "make_observer",
        "ban_members",
        "lift_bans",
        "remove_members",
    ]
    SERVICE_FIELDS = ["role", "banned", "ban_reason", "banned_by", "banned_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["banned", "ban_reason", "banned_by", "banned_at", "created"]
        return ["arena", "user", *self.SERVICE_FIELDS, "created"]

    def has_delete_permission(self, request, obj=None):
        return False  # "Remove from the arena" goes through membership_remove

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)  # the stakeholder type only
        try:
            added = membership_add(
                arena=obj.arena,
                user=obj.user,
                actor=request.user,
                role=obj.role,
                stakeholder_type=obj.stakeholder_type,
            )
        except (ValidationError, PermissionDenied) as error:
            self.message_user(
                request, _("Not added: %(reason)s") % {"reason": refusal_text(error)}, messages.ERROR
            )
            return
        obj.pk = added.pk
        obj._state.adding = False

    def log_addition(self, request, obj, message):
        return super().log_addition(request, obj, message) if obj.pk is not None else None

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:
            return redirect("admin:arenas_membership_add")
        return super().response_add(request, obj, post_url_continue)

    def _each(self, request, queryset, change, done):
        report_each(self, request, queryset.select_related("arena", "user"), change, done=done)

    def _make(self, request, queryset, role):
        self._each(
            request,
            queryset,
            lambda m: membership_change_role(arena=m.arena, membership=m, actor=request.user, role=role),
            ngettext_lazy(
                "One role changed; the member is told.",
                "%(count)s roles changed; the members are told.",
                "count",
            ),
        )

    @admin.action(description=_("Make the selected members conveners"))
    def make_convener(self, request, queryset):
        self._make(request, queryset, Role.CONVENER)

    @admin.action(description=_("Make the selected members facilitators"))
    def make_facilitator(self, request, queryset):
        self._make(request, queryset, Role.FACILITATOR)

    @admin.action(description=_("Make the selected members participants"))
    def make_participant(self, request, queryset):
        self._make(request, queryset, Role.PARTICIPANT)

    @admin.action(description=_("Make the selected members observers"))
    def make_observer(self, request, queryset):
        self._make(request, queryset, Role.OBSERVER)

    @admin.action(description=_("Ban the selected members…"))
    def ban_members(self, request, queryset):
        """Asks for the reason first (it is kept with the ban), then bans each through the service."""
        form = BanReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._each(
                request,
                queryset,
                lambda m: membership_ban(arena=m.arena, membership=m, actor=request.user, reason=reason),
                ngettext_lazy("One member banned.", "%(count)s members banned.", "count"),
            )
            return None
        return TemplateResponse(
            request,
            "admin/arenas/membership/ban.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Ban members"),
                "members": queryset.select_related("arena", "user"),
                "form": form,
                "action": "ban_members",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Lift the bans on the selected members"))
    def lift_bans(self, request, queryset):
        self._each(
            request,
            queryset.filter(banned=True),
            lambda m: membership_unban(arena=m.arena, membership=m, actor=request.user),
            ngettext_lazy("One ban lifted.", "%(count)s bans lifted.", "count"),
        )

    @admin.action(description=_("Remove the selected members from their arenas"))
    def remove_members(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda m: membership_remove(arena=m.arena, membership=m, actor=request.user),
            ngettext_lazy("One member removed.", "%(count)s members removed.", "count"),
        )


class InvitationAddForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["arena", "email", "role", "stakeholder_type", "message"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """The token is never shown (only its hash is stored, and the hash is no use to anyone). Adding one
    here sends it, exactly as the members page does."""

    list_display = [
        "email",
        "arena",
        "role",
        "stakeholder_type",
        "status",
        "invited_by",
        "created",
        "expires_at",
    ]
    list_filter = ["status", "role", "stakeholder_type", "arena__organisation"]
    search_fields = ["email", "arena__title", "invited_by__email"]
    list_select_related = ["arena", "invited_by"]
    autocomplete_fields = ["arena"]
    raw_id_fields = ["invited_by", "accepted_by"]
    date_hierarchy = "created"
    readonly_fields = ["created", "responded_at", "sent_count", "last_sent_at", "accepted_by"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = InvitationAddForm
            kwargs["fields"] = InvitationAddForm.Meta.fields
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": InvitationAddForm.Meta.fields})]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        try:
            sent = invitation_create(
                arena=obj.arena,
                actor=request.user,
                email=obj.email,
                role=obj.role,
                stakeholder_type=obj.stakeholder_type,
                message=obj.message,
            )
        except (ValidationError, PermissionDenied, RateLimited) as error:
            self.message_user(
                request,
                _("The invitation was not sent: %(reason)s") % {"reason": refusal_text(error)},
                messages.ERROR,
            )
            return
        obj.pk = sent.pk
        obj._state.adding = False

    def log_addition(self, request, obj, message):
        if obj.pk is not None:
            return super().log_addition(request, obj, message)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:
            return redirect("admin:arenas_invitation_add")
        return super().response_add(request, obj, post_url_continue)


@admin.register(JoinLink)
class JoinLinkAdmin(admin.ModelAdmin):
    list_display = ["arena", "role", "uses", "max_uses", "expires_at", "revoked_at", "created_by", "created"]
    list_filter = ["role", ("revoked_at", admin.EmptyFieldListFilter), "arena__organisation"]
    search_fields = ["arena__title", "created_by__email"]
    list_select_related = ["arena", "created_by"]
    autocomplete_fields = ["arena"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["uses", "created"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "arena", "stakeholder_type", "status", "created", "decided_by", "decided_at"]
    list_filter = ["status", "stakeholder_type", "arena__organisation"]
    search_fields = ["user__email", "user__handle", "arena__title", "note"]
    list_select_related = ["user", "arena", "decided_by"]
    autocomplete_fields = ["arena"]
    raw_id_fields = ["user", "decided_by"]
    date_hierarchy = "created"


class BanReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are they banned?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
