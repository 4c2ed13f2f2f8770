"""The arenas app in the Django admin, for site admins. What the services own — an arena's status, a member's
role and ban, invitations — changes only through admin actions and forms that call those services, so the
audit log and the people concerned hear of it as they would from the pages; those fields are read-only here.
The rest are plain edits a site admin may need to make."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from platform_core.markdown import render_markdown
from platform_core.search.services import scope_forget

from .admin_actions import report_each
from .models import Arena, Membership, Phase, Playbook, Topic
from .page_cache import arena_pages_bump, arena_pages_changed
from .search import arena_index
from .services.arenas import arena_status_change


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["order", "name", "description", "start_date", "end_date"]
    ordering = ["order"]


class MembershipInline(admin.TabularInline):
    """Who takes part, read-only: roles and bans change through the membership's actions."""

    model = Membership
    extra = 0
    fields = ["user", "role", "stakeholder_type", "banned", "ban_reason", "created"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

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
    readonly_fields = ["status", "created_by", "created", "updated"]
    date_hierarchy = "created"
    inlines = [PhaseInline, MembershipInline]
    actions = ["open_arenas", "close_arenas", "archive_arenas"]

    def _status_to(self, request, queryset, status):
        report_each(
            self,
            request,
            queryset,
            lambda arena: arena_status_change(arena=arena, actor=request.user, status=status),
            done=ngettext_lazy("One arena changed.", "%(count)s arenas changed.", "count"),
        )

    @admin.action(description=_("Open the selected arenas"))
    def open_arenas(self, request, queryset):
        self._status_to(request, queryset, Arena.Status.OPEN)

    @admin.action(description=_("Close the selected arenas (members are told)"))
    def close_arenas(self, request, queryset):
        self._status_to(request, queryset, Arena.Status.CLOSED)

    @admin.action(description=_("Archive the selected arenas"))
    def archive_arenas(self, request, queryset):
        self._status_to(request, queryset, Arena.Status.ARCHIVED)

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
        arena_index(obj)
        arena_pages_changed(obj)
        if change and form.initial.get("slug") not in (None, obj.slug):  # the old address stops at once
            arena_pages_bump(form.initial["slug"])

    def delete_model(self, request, obj):
        scope_forget(scope_ids=[obj.pk])
        arena_pages_changed(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        scope_forget(scope_ids=list(queryset.values_list("pk", flat=True)))
        for arena in queryset.only("slug"):
            arena_pages_changed(arena)
        super().delete_queryset(request, queryset)


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


from . import admin_members  # noqa: E402, F401  (members, invitations, join links and requests)
