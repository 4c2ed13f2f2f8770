"""Prototypes in the Django admin, for site admins. The stage is read-only here: a stage move goes through
``prototype_transition`` (the table, the reason, the timeline, the notifications), never a plain edit."""

from django.contrib import admin
from django.db.models import Avg, Count
from django.utils.translation import gettext_lazy as _

from arenas.page_cache import arena_pages_changed
from platform_core.search.services import documents_remove

from .models import (
    Feedback,
    Indicator,
    Iteration,
    Measurement,
    Prototype,
    PrototypeSource,
    StageTransition,
    TeamJoinRequest,
    TeamMember,
)
from .search import prototype_index


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    fields = ["user", "role", "joined"]
    raw_id_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class IterationInline(admin.StackedInline):
    model = Iteration
    extra = 0
    fields = [
        ("number", "status", "decision"),
        "goal",
        ("test_what", "test_where", "test_with_whom"),
        ("start_date", "end_date"),
        "outcome",
        "learnings",
    ]
    show_change_link = True


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["name", "unit", "baseline", "target", "direction"]
    show_change_link = True


class PrototypeSourceInline(admin.TabularInline):
    model = PrototypeSource
    extra = 0
    fields = ["thread", "post", "created"]
    raw_id_fields = ["thread", "post"]


class StageTransitionInline(admin.TabularInline):
    """The timeline, read-only: it is the record of what happened."""

    model = StageTransition
    extra = 0
    fields = ["from_stage", "to_stage", "actor", "reason", "created"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Prototype)
class PrototypeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "arena",
        "stage",
        "team_size",
        "feedback_count",
        "feedback_mean",
        "stage_changed_at",
    ]
    list_filter = ["stage", "arena__organisation", "arena"]
    search_fields = ["title", "summary", "hypothesis", "problem_addressed", "arena__title"]
    list_select_related = ["arena"]
    autocomplete_fields = ["arena", "topics"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["stage", "stage_changed_at", "created"]
    date_hierarchy = "created"
    inlines = [
        TeamMemberInline,
        IterationInline,
        IndicatorInline,
        PrototypeSourceInline,
        StageTransitionInline,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _team_size=Count("team", distinct=True),
                _feedback_count=Count("feedback", distinct=True),
                _feedback_mean=Avg("feedback__rating"),
            )
        )

    @admin.display(description=_("team"), ordering="_team_size")
    def team_size(self, obj):
        return obj._team_size

    @admin.display(description=_("feedback"), ordering="_feedback_count")
    def feedback_count(self, obj):
        return obj._feedback_count

    @admin.display(description=_("mean rating"), ordering="_feedback_mean")
    def feedback_mean(self, obj):
        return f"{obj._feedback_mean:.1f}" if obj._feedback_mean is not None else "–"

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        prototype_index(obj)
        arena_pages_changed(obj.arena)

    def delete_model(self, request, obj):
        documents_remove(kind="prototype", object_ids=[obj.pk])
        arena_pages_changed(obj.arena)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        documents_remove(kind="prototype", object_ids=list(queryset.values_list("pk", flat=True)))
        for obj in queryset.select_related("arena"):
            arena_pages_changed(obj.arena)
        super().delete_queryset(request, queryset)


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "prototype", "role", "joined"]
    list_filter = ["role", "prototype__arena"]
    search_fields = ["user__email", "user__display_name", "prototype__title"]
    list_select_related = ["user", "prototype"]
    raw_id_fields = ["user", "prototype"]


@admin.register(TeamJoinRequest)
class TeamJoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "prototype", "status", "created", "decided_at"]
    list_filter = ["status", "prototype__arena"]
    search_fields = ["user__email", "user__display_name", "prototype__title", "note"]
    list_select_related = ["user", "prototype"]
    raw_id_fields = ["user", "prototype"]


@admin.register(StageTransition)
class StageTransitionAdmin(admin.ModelAdmin):
    list_display = ["prototype", "from_stage", "to_stage", "actor", "created"]
    list_filter = ["to_stage", "from_stage", "prototype__arena"]
    search_fields = ["prototype__title", "reason", "actor__email"]
    list_select_related = ["prototype", "actor"]
    raw_id_fields = ["prototype", "actor"]
    date_hierarchy = "created"


@admin.register(Iteration)
class IterationAdmin(admin.ModelAdmin):
    list_display = ["prototype", "number", "status", "decision", "start_date", "end_date"]
    list_filter = ["status", "decision", "prototype__arena"]
    search_fields = ["prototype__title", "goal", "outcome", "learnings"]
    list_select_related = ["prototype"]
    raw_id_fields = ["prototype"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["prototype", "author", "rating", "would_use", "iteration", "updated"]
    list_filter = ["rating", "would_use", "prototype__arena"]
    search_fields = ["prototype__title", "author__email", "author__display_name", "comment"]
    list_select_related = ["prototype", "author", "iteration"]
    raw_id_fields = ["prototype", "author", "iteration"]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["date", "value", "note"]
    ordering = ["date"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "prototype", "unit", "baseline", "target", "direction", "measurement_count"]
    list_filter = ["direction", "prototype__arena"]
    search_fields = ["name", "prototype__title"]
    list_select_related = ["prototype"]
    raw_id_fields = ["prototype"]
    inlines = [MeasurementInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_measurements=Count("measurements"))

    @admin.display(description=_("measurements"), ordering="_measurements")
    def measurement_count(self, obj):
        return obj._measurements


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "date", "value", "note"]
    list_filter = ["indicator__prototype__arena"]
    search_fields = ["indicator__name", "indicator__prototype__title", "note"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]
    date_hierarchy = "date"


@admin.register(PrototypeSource)
class PrototypeSourceAdmin(admin.ModelAdmin):
    list_display = ["prototype", "thread", "post", "created"]
    list_filter = ["prototype__arena"]
    search_fields = ["prototype__title", "thread__title"]
    list_select_related = ["prototype", "thread", "post"]
    raw_id_fields = ["prototype", "thread", "post"]
