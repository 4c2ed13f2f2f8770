from django.contrib import admin

from .models import Attendance, MinutesRevision, Registration, Session


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


@admin.register(MinutesRevision)
class MinutesRevisionAdmin(admin.ModelAdmin):
    list_display = ["session", "author", "created"]
    list_select_related = ["session", "author"]
    raw_id_fields = ["session", "author"]
    readonly_fields = ["body_html"]
