from django.contrib import admin

from arenas.page_cache import arena_pages_changed
from platform_core.markdown import render_markdown
from platform_core.search.services import documents_remove

from .models import Attendance, MinutesRevision, Registration, Session
from .search import session_index


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "status", "access_needs", "created"]
    readonly_fields = ["created"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["user", "recorded_by"]
    fields = ["user", "name", "stakeholder_type", "recorded_by"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "arena", "kind", "starts_at", "status", "capacity"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "arena__title"]
    list_select_related = ["arena"]
    raw_id_fields = ["arena", "iteration", "created_by"]
    readonly_fields = ["sequence", "created", "updated"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline, AttendanceInline]

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        obj.description_html = render_markdown(obj.description)
        super().save_model(request, obj, form, change)
        session_index(obj)
        arena_pages_changed(obj.arena)

    def delete_model(self, request, obj):
        documents_remove(kind="session", object_ids=[obj.pk])
        arena_pages_changed(obj.arena)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        documents_remove(kind="session", object_ids=list(queryset.values_list("pk", flat=True)))
        for obj in queryset.select_related("arena"):
            arena_pages_changed(obj.arena)
        super().delete_queryset(request, queryset)


@admin.register(MinutesRevision)
class MinutesRevisionAdmin(admin.ModelAdmin):
    list_display = ["session", "author", "created"]
    list_select_related = ["session", "author"]
    raw_id_fields = ["session", "author"]
    readonly_fields = ["body_html"]
