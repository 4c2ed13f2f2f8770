"""Sessions in a person's data export, and what deleting their account does here: their registrations
(with their access needs) and reminders go; that they attended stays, anonymous, in the counts; the
sessions and minutes they wrote stay, by "Deleted participant". Their calendar feed goes; the export says
only when it was made, never its secret."""

from platform_core.erasure import Eraser, eraser_register
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import Attendance, CalendarFeed, MinutesRevision, Registration, Reminder, Session


def erase(user, traces) -> None:
    Registration.objects.filter(user=user).delete()
    Reminder.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()


eraser_register(Eraser(key="sessions", erase=erase))


def tables(user) -> dict:
    return {
        "session_registrations": rows_of(
            Registration.objects.filter(user=user).order_by("created"),
            [
                "session__arena__title",
                "session__title",
                "session__starts_at",
                "status",
                "access_needs",
                "created",
            ],
        ),
        "session_attendance": rows_of(
            Attendance.objects.filter(user=user).order_by("created"),
            ["session__arena__title", "session__title", "session__starts_at", "stakeholder_type"],
        ),
        "sessions_announced": rows_of(
            Session.objects.filter(created_by=user).order_by("created"),
            ["arena__title", "title", "kind", "starts_at", "ends_at", "place", "description", "created"],
        ),
        "session_minutes": rows_of(
            MinutesRevision.objects.filter(author=user).order_by("created"),
            ["session__arena__title", "session__title", "body", "created"],
        ),
        "calendar_feed": rows_of(CalendarFeed.objects.filter(user=user), ["created"]),
    }


exporter_register(Exporter(key="sessions", tables=tables))
