"""The session pages, their calendars, and a person's calendar feed."""

from django.urls import path

from .views import calendar, pages

app_name = "sessions"

ARENA = "arenas/<slug:slug>/sessions/"
SESSION = ARENA + "<int:session_id>/"

urlpatterns = [
    path(SESSION, pages.session_detail, name="detail"),
    path(SESSION + "calendar.ics", calendar.session_calendar, name="ics"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="feed"),
    path("settings/calendar/", calendar.calendar_settings, name="calendar-settings"),
]
