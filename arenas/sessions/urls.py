"""The session pages, their calendars, and a person's calendar feed."""

from django.urls import path

from .views import calendar, editing, listing, pages, running

app_name = "sessions"

ARENA = "arenas/<slug:slug>/sessions/"
SESSION = ARENA + "<int:session_id>/"

urlpatterns = [
    path(ARENA, listing.sessions_list, name="list"),
    path(ARENA + "new/", editing.session_create_view, name="create"),
    path(SESSION, pages.session_detail, name="detail"),
    path(SESSION + "edit/", editing.session_edit_view, name="edit"),
    path(SESSION + "register/", pages.session_register, name="register"),
    path(SESSION + "unregister/", pages.session_unregister, name="unregister"),
    path(SESSION + "attendance/", running.attendance_view, name="attendance"),
    path(SESSION + "walk-ins/", running.walk_in_view, name="walk-in"),
    path(SESSION + "minutes/", running.minutes_view, name="minutes"),
    path(SESSION + "threads/", running.thread_from_minutes_view, name="thread-from-minutes"),
    path(SESSION + "prototypes/", running.prototype_from_minutes_view, name="prototype-from-minutes"),
    path(SESSION + "offline-feedback/", running.offline_feedback_view, name="offline-feedback"),
    path(SESSION + "cancel/", running.session_cancel_view, name="cancel"),
    path(SESSION + "held/", running.session_held_view, name="held"),
    path(SESSION + "calendar.ics", calendar.session_calendar, name="ics"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="feed"),
    path("settings/calendar/", calendar.calendar_settings, name="calendar-settings"),
]
