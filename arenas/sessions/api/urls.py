"""The sessions' part of ``/api/v1/`` (included without a namespace: every name starts with ``session-``)."""

from django.urls import path

from . import views, views_people

urlpatterns = [
    path("arenas/<slug:slug>/sessions/", views.SessionListView.as_view(), name="session-list"),
    path("sessions/<int:session_id>/", views.SessionDetailView.as_view(), name="session-detail"),
    path(
        "sessions/<int:session_id>/registrations/",
        views_people.RegistrationListView.as_view(),
        name="session-registrations",
    ),
    path(
        "sessions/<int:session_id>/registrations/mine/",
        views_people.MyRegistrationView.as_view(),
        name="session-registration-mine",
    ),
    path(
        "sessions/<int:session_id>/attendance/",
        views_people.AttendanceView.as_view(),
        name="session-attendance",
    ),
]
