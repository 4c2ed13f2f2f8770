"""Registering for a session, with a waiting list.

Seats are counted under a lock on the session row (``SELECT … FOR UPDATE``): two people taking the last
seat at once are served one after the other, so one gets it and the other waits. Cancelling a seat moves
the first person waiting up, and tells them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.page_cache import arena_pages_changed
from arenas.policy import require
from arenas.services.telling import arena_notify

from ..models import Registration, Session


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("arena").get(pk=session.pk)


def seats_taken(session: Session) -> int:
    return session.registrations.filter(status=Registration.Status.REGISTERED).count()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None for anyone not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        session_id=registration.session_id, status=Registration.Status.WAITING
    ).filter(created__lt=registration.created)
    return ahead.count() + 1


@transaction.atomic
def registration_create(*, session: Session, user, access_needs: str = "") -> Registration:
    """``user`` registers: a seat if one is free, else the waiting list. Registering again while
    registered or waiting changes nothing but the access needs."""
    session = _locked(session)
    require(user, "sessions.register", session)
    access_needs = (access_needs or "").strip()
    mine = Registration.objects.filter(session=session, user=user).first()
    if mine is not None and mine.status != Registration.Status.CANCELLED:
        if access_needs != mine.access_needs:
            mine.access_needs = access_needs
            mine.updated = timezone.now()
            mine.save(update_fields=["access_needs", "updated"])
        return mine
    arena_pages_changed(session.arena)  # the seats left
    free = session.capacity is None or seats_taken(session) < session.capacity
    status = Registration.Status.REGISTERED if free else Registration.Status.WAITING
    now = timezone.now()
    if mine is None:
        mine = Registration.objects.create(
            session=session, user=user, status=status, access_needs=access_needs, created=now, updated=now
        )
    else:  # back after cancelling: at the end of the list
        mine.status, mine.access_needs, mine.created, mine.updated = status, access_needs, now, now
        mine.save(update_fields=["status", "access_needs", "created", "updated"])
    return mine


@transaction.atomic
def registration_cancel(*, session: Session, user) -> Registration:
    """``user`` gives up their seat (or their place on the waiting list); a freed seat goes to the first
    person waiting, who is told."""
    session = _locked(session)
    mine = (
        Registration.objects.filter(session=session, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if mine is None:
        raise ValidationError(_("You are not registered for this session."))
    if session.status != Session.Status.PLANNED or session.starts_at <= timezone.now():
        raise ValidationError(_("This session is no longer ahead: there is nothing to cancel."))
    mine.status = Registration.Status.CANCELLED
    mine.updated = timezone.now()
    mine.save(update_fields=["status", "updated"])
    arena_pages_changed(session.arena)
    waiting_promote(session=session)
    return mine


def waiting_promote(*, session: Session) -> list[Registration]:
    """Give free seats to the people waiting longest, and tell them. Call with the session locked."""
    if session.status != Session.Status.PLANNED:
        return []
    waiting = Registration.objects.filter(session=session, status=Registration.Status.WAITING).order_by(
        "created", "pk"
    )
    if session.capacity is not None:
        free = session.capacity - seats_taken(session)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    if not promoted:
        return []
    arena_pages_changed(session.arena)
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=Registration.Status.REGISTERED, updated=timezone.now()
    )
    arena_notify(
        arena=session.arena,
        recipients=[r.user_id for r in promoted],
        event="sessions.seat_freed",
        target_title=session.title,
        url=session.get_absolute_url(),
        data={"session": session.pk},
    )
    return promoted
