"""Announcing, changing, cancelling and closing sessions (facilitators and up)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.audiences import members_of
from arenas.page_cache import arena_pages_changed
from arenas.policy import require
from arenas.services.telling import arena_notify
from platform_core.markdown import render_markdown

from ..models import Registration, Session
from ..search import session_index
from .minutes import minutes_save
from .registrations import waiting_promote

EDITABLE = [
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "accessibility",
    "online_url",
    "capacity",
    "registration_closes_at",
    "iteration",
]
# A change to one of these makes calendars update the event (iCalendar SEQUENCE).
SCHEDULE = {"starts_at", "ends_at", "place", "online_url", "status"}


def _validate(session: Session) -> None:
    errors = {}
    if not (session.title or "").strip():
        errors["title"] = _("Give the session a title.")
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    if (
        session.registration_closes_at
        and session.starts_at
        and session.registration_closes_at > session.ends_at
    ):
        errors["registration_closes_at"] = _("Registration must close before the session ends.")
    if session.capacity is not None and session.capacity < 1:
        errors["capacity"] = _("At least one seat, or leave it empty.")
    if session.iteration_id and session.iteration.prototype.arena_id != session.arena_id:
        errors["iteration"] = _("This test round belongs to another arena.")
    if session.kind == Session.Kind.ONLINE and not session.online_url:
        errors["online_url"] = _("An online meeting needs its link.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(*, arena, actor, announce: bool = True, **fields) -> Session:
    """A facilitator announces a session; the arena's members are told (``announce``)."""
    require(actor, "sessions.add_session", arena)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"session_create got unknown fields: {sorted(unknown)}")
    session = Session(arena=arena, created_by=actor, **fields)
    session.title = (session.title or "").strip()
    _validate(session)
    session.description_html = render_markdown(session.description)
    session.save()
    session_index(session)
    arena_pages_changed(session.arena)  # the arena page lists the next ones
    if announce:
        arena_notify(
            arena=arena,
            recipients=members_of(arena),
            event="sessions.announced",
            actor=actor,
            target_title=session.title,
            url=session.get_absolute_url(),
            data={"session": session.pk},
        )
    return session


@transaction.atomic
def session_update(*, session: Session, actor, **fields) -> Session:
    """Change a session. Moved in time, it tells the registered (and their reminders come again for the
    new time); more seats move the waiting list up."""
    session = Session.objects.select_for_update().select_related("arena").get(pk=session.pk)
    require(actor, "sessions.change_session", session)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session is cancelled: it can no longer be changed."))
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"session_update got unknown fields: {sorted(unknown)}")
    before = {name: getattr(session, name) for name in SCHEDULE}
    for name, value in fields.items():
        setattr(session, name, value)
    session.title = (session.title or "").strip()
    _validate(session)
    session.description_html = render_markdown(session.description)
    changed = {name for name in SCHEDULE if getattr(session, name) != before[name]}
    if changed:
        session.sequence += 1
    session.updated = timezone.now()
    session.save()
    session_index(session)
    arena_pages_changed(session.arena)  # the arena page lists the next ones
    waiting_promote(session=session)
    if changed & {"starts_at", "ends_at"}:
        arena_notify(
            arena=session.arena,
            recipients=list(_holding(session)),
            event="sessions.moved",
            actor=actor,
            target_title=session.title,
            url=session.get_absolute_url(),
            data={"session": session.pk},
        )
    return session


def _holding(session: Session):
    return session.registrations.exclude(status=Registration.Status.CANCELLED).values_list(
        "user_id", flat=True
    )


@transaction.atomic
def session_cancel(*, session: Session, actor) -> Session:
    """Cancel a session: everyone registered or waiting gets a cancellation notice (and calendars mark
    the event cancelled)."""
    session = Session.objects.select_for_update().select_related("arena").get(pk=session.pk)
    require(actor, "sessions.change_session", session)
    if session.status != Session.Status.PLANNED:
        raise ValidationError(_("Only a planned session can be cancelled."))
    session.status = Session.Status.CANCELLED
    session.sequence += 1
    session.updated = timezone.now()
    session.save(update_fields=["status", "sequence", "updated"])
    arena_pages_changed(session.arena)
    arena_notify(
        arena=session.arena,
        recipients=list(_holding(session)),
        event="sessions.cancelled",
        actor=actor,
        target_title=session.title,
        url=session.get_absolute_url(),
        data={"session": session.pk},
    )
    return session


@transaction.atomic
def session_mark_held(*, session: Session, actor) -> Session:
    session = Session.objects.select_for_update().select_related("arena").get(pk=session.pk)
    require(actor, "sessions.change_session", session)
    if session.status != Session.Status.PLANNED:
        raise ValidationError(_("Only a planned session can be marked as held."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("The session has not started yet."))
    session.status = Session.Status.HELD
    session.sequence += 1
    session.updated = timezone.now()
    session.save(update_fields=["status", "sequence", "updated"])
    arena_pages_changed(session.arena)
    return session


@transaction.atomic
def session_edit(*, session: Session, actor, status: str | None = None, minutes: str | None = None, **fields):
    """What one API call changes, all or nothing: the fields (``session_update``), the minutes
    (``minutes_save``), then the status ("cancelled" or "held")."""
    if fields:
        session = session_update(session=session, actor=actor, **fields)
    if minutes is not None:
        minutes_save(session=session, actor=actor, body=minutes)
    if status == Session.Status.CANCELLED:
        session = session_cancel(session=session, actor=actor)
    elif status == Session.Status.HELD:
        session = session_mark_held(session=session, actor=actor)
    return session
