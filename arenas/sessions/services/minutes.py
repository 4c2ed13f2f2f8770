"""Minutes, and what came of them: a thread or a prototype started from a minutes item (provenance)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from arenas.deliberation.models import Thread
from arenas.deliberation.services.threads import thread_create
from arenas.policy import require
from arenas.prototypes.models import Prototype
from arenas.prototypes.services.prototypes import prototype_create
from platform_core.markdown import render_markdown

from ..models import MinutesRevision, Session, SessionOutcome


def minutes_of(session: Session) -> MinutesRevision | None:
    return session.minutes_revisions.order_by("-created", "-pk").first()


@transaction.atomic
def minutes_save(*, session: Session, actor, body: str) -> MinutesRevision:
    """Save the minutes as a new revision (the earlier ones stay). The same text again saves nothing."""
    require(actor, "sessions.change_session", session)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"minutes": _("Write the minutes first.")})
    latest = minutes_of(session)
    if latest is not None and latest.body == body:
        return latest
    return MinutesRevision.objects.create(
        session=session, body=body, body_html=render_markdown(body), author=actor
    )


@transaction.atomic
def thread_from_minutes(
    *, session: Session, actor, title: str, body: str = "", item: str = "", kind: str = Thread.Kind.DISCUSSION
) -> Thread:
    """A facilitator starts a thread from a minutes item; the thread shows it came from the session, and
    the session lists it."""
    require(actor, "sessions.change_session", session)
    thread = thread_create(arena=session.arena, author=actor, title=title, body=body, kind=kind)
    SessionOutcome.objects.create(
        session=session, thread=thread, item=(item or title)[:300], created_by=actor
    )
    return thread


@transaction.atomic
def prototype_from_minutes(
    *, session: Session, actor, title: str, hypothesis: str, summary: str = "", item: str = ""
) -> Prototype:
    """A facilitator starts a prototype from a minutes item (at the idea stage, led by them); the
    prototype shows it came from the session, and the session lists it."""
    require(actor, "sessions.change_session", session)
    prototype = prototype_create(
        arena=session.arena, creator=actor, title=title, hypothesis=hypothesis, summary=summary
    )
    SessionOutcome.objects.create(
        session=session, prototype=prototype, item=(item or title)[:300], created_by=actor
    )
    return prototype


def session_of_prototype(prototype: Prototype) -> Session | None:
    outcome = SessionOutcome.objects.filter(prototype=prototype).select_related("session__arena").first()
    return outcome.session if outcome else None


def session_of_thread(thread: Thread) -> Session | None:
    outcome = SessionOutcome.objects.filter(thread=thread).select_related("session__arena").first()
    return outcome.session if outcome else None
