"""The arenas app in the Django admin, for site admins. Invitations are sent through the service (the token
is never shown: only its hash is stored); the rest are plain edits a site admin may need to make."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from platform_core.exceptions import RateLimited
from platform_core.markdown import render_markdown

from .models import Arena, Invitation, JoinLink, JoinRequest, Membership, Phase, Playbook, Topic
from .services.invitations import invitation_create


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["order", "name", "description", "start_date", "end_date"]
    ordering = ["order"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "stakeholder_type", "banned", "ban_reason", "created"]
    raw_id_fields = ["user"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Arena)
class ArenaAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "organisation",
        "visibility",
        "status",
        "current_phase",
        "member_count",
        "created",
    ]
    list_filter = ["status", "visibility", "organisation", "topics"]
    search_fields = ["title", "slug", "problem_statement", "scope", "organisation__name"]
    list_select_related = ["organisation", "current_phase"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "topics"]
    readonly_fields = ["created_by", "created", "updated"]
    date_hierarchy = "created"
    inlines = [PhaseInline, MembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_member_count=Count("memberships", filter=Q(memberships__banned=False)))
        )

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "current_phase" in form.base_fields:
            # Only this arena's own phases can be its current phase.
            phases = Phase.objects.filter(arena=obj) if obj else Phase.objects.none()
            form.base_fields["current_phase"].queryset = phases
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        # What the pages show is the sanitised HTML; keep it in step with the Markdown edited here.
        obj.problem_statement_html = render_markdown(obj.problem_statement)
        obj.goals_html = render_markdown(obj.goals)
        super().save_model(request, obj, form, change)


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "arena", "order", "start_date", "end_date"]
    list_filter = ["arena__organisation"]
    search_fields = ["name", "description", "arena__title"]
    list_select_related = ["arena"]
    autocomplete_fields = ["arena"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "arena_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_arena_count=Count("arenas"))

    @admin.display(description=_("arenas"), ordering="_arena_count")
    def arena_count(self, obj):
        return obj._arena_count


@admin.register(Playbook)
class PlaybookAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "organisation", "phase_count", "created"]
    list_filter = [("organisation", admin.EmptyFieldListFilter), "organisation"]
    search_fields = ["name", "slug", "description", "organisation__name"]
    list_select_related = ["organisation"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["created_by"]

    @admin.display(description=_("phases"))
    def phase_count(self, obj):
        return len(obj.phases or [])


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "arena", "role", "stakeholder_type", "banned", "created"]
    list_filter = ["role", "stakeholder_type", "banned", "arena__organisation"]
    search_fields = ["user__email", "user__handle", "user__display_name", "arena__title"]
    list_select_related = ["user", "arena"]
    autocomplete_fields = ["arena"]
    raw_id_fields = ["user", "banned_by"]
    date_hierarchy = "created"


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
            reasons = getattr(error, "messages", None) or [str(error) or _("Not allowed.")]
            self.message_user(
                request,
                _("The invitation was not sent: %(reason)s") % {"reason": " ".join(reasons)},
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
