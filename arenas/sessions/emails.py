"""What sessions add to their notification emails (the ``EventType`` hooks): when and where, in the
recipient's language and time zone (the email is rendered in them), and the session's ``.ics``."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from arenas.policy import can

from .calendar import ics_filename, session_ics
from .models import Session


def _session_for(notification) -> Session | None:
    """The notification's session, if its recipient may still see it."""
    session_id = (notification.data or {}).get("session")
    if not session_id:
        return None
    session = Session.objects.select_related("arena").filter(pk=session_id).first()
    if session is None or not can(notification.recipient, "sessions.view_session", session):
        return None
    return session


def when(session: Session) -> str:
    """ "Thursday 4 December, 17:00–19:00 (Europe/Copenhagen)", in the active language and time zone."""
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    day_and_time = pgettext("a session's start in emails", "l j F, H:i")
    end = date_format(ends, "H:i" if ends.date() == starts.date() else day_and_time)
    return _("%(start)s–%(end)s (%(zone)s)") % {
        "start": date_format(starts, day_and_time),
        "end": end,
        "zone": timezone.get_current_timezone_name(),
    }


def session_details(notification) -> list[str]:
    session = _session_for(notification)
    if session is None:
        return []
    lines = [when(session)]
    if session.status == Session.Status.CANCELLED:
        lines[0] = _("Was planned for %(when)s") % {"when": lines[0]}
    if session.place:
        lines.append(_("Where: %(place)s") % {"place": session.place})
    elif session.online_url:
        lines.append(_("Online"))
    return lines


def session_attachments(notification) -> list[tuple[str, str, str]]:
    session = _session_for(notification)
    if session is None:
        return []
    ics = session_ics(session, viewer=notification.recipient).decode()
    return [(ics_filename(session), ics, "text/calendar")]
