"""Sessions as iCalendar (RFC 5545), built with the ``icalendar`` library.

Times are written in UTC (``DTSTART:20261204T160000Z``): every calendar app shows them in its owner's
zone, and no VTIMEZONE is needed. The UID is stable per session (``session-<pk>@<site domain>``) and
SEQUENCE is ``Session.sequence``, so a moved or cancelled session updates the event people already
have instead of adding a second one. The online link is written only for people who may see it."""

from datetime import UTC
from urllib.parse import urlsplit

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.policy import can
from platform_core.links import absolute, site_url
from platform_core.text import readable_slug

from .models import Session

PRODID = "-//Cocreate//Sessions//EN"
MIMETYPE = "text/calendar; charset=utf-8"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{urlsplit(site_url()).hostname or 'cocreate.localhost'}"


def _location(session: Session, *, may_see_link: bool) -> str:
    if session.place:
        return session.place
    return session.online_url if may_see_link else ""


def _description(session: Session, *, url: str, may_see_link: bool) -> str:
    parts = [session.description.strip()]
    if session.accessibility:
        parts.append(_("Access: %(notes)s") % {"notes": session.accessibility.strip()})
    if session.online_url and may_see_link:
        parts.append(_("Online: %(link)s") % {"link": session.online_url})
    parts.append(url)
    return "\n\n".join(part for part in parts if part)


def session_event(session: Session, *, viewer, stamp=None) -> icalendar.Event:
    """One VEVENT for ``session`` as ``viewer`` may see it (``session.arena`` loaded)."""
    may_see_link = can(viewer, "sessions.see_online_link", session)
    url = absolute(session.get_absolute_url())
    event = icalendar.Event.new(
        uid=session_uid(session),
        stamp=stamp or timezone.now(),
        start=session.starts_at.astimezone(UTC),
        end=session.ends_at.astimezone(UTC),
        summary=session.title,
        description=_description(session, url=url, may_see_link=may_see_link),
        url=url,
        sequence=session.sequence,
        status="CANCELLED" if session.status == Session.Status.CANCELLED else "CONFIRMED",
    )
    location = _location(session, may_see_link=may_see_link)
    if location:
        event.add("location", location)
    return event


def calendar_bytes(events, *, name: str = "") -> bytes:
    calendar = icalendar.Calendar.new(prodid=PRODID, method="PUBLISH", subcomponents=list(events))
    calendar.pop("UID", None)  # icalendar adds a random one; a feed's identity is its URL
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    return calendar.to_ical()


def session_ics(session: Session, *, viewer) -> bytes:
    return calendar_bytes([session_event(session, viewer=viewer)])


def ics_filename(session: Session) -> str:
    return f"{readable_slug(session.title, max_length=60) or 'session'}.ics"
