"""Threads and prototypes started from a session (provenance): sessions' item in deliberation's
``thread_sources`` and prototypes' ``prototype_sources``, so that ``POST /api/v1/arenas/{slug}/threads/``
and ``…/prototypes/`` take ``session`` without deliberation or prototypes knowing sessions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arenas.deliberation.parts import ThreadSource, thread_sources
from arenas.policy import require
from arenas.prototypes.panels import prototype_sources

from .models import Session, SessionOutcome


def session_as_source(*, arena, value: int, user) -> Session:
    """A session of the thread's arena, which the caller runs (facilitators and up)."""
    session = Session.objects.filter(pk=value, arena=arena).first()
    if session is None:
        raise ValidationError(_("This arena has no session with this id."))
    session.arena = arena
    require(user, "sessions.change_session", session)
    return session


def session_attach(*, thread, source: Session, actor) -> SessionOutcome:
    return SessionOutcome.objects.create(
        session=source, thread=thread, item=thread.title[:300], created_by=actor
    )


thread_sources.register(
    ThreadSource(
        key="session",
        order=10,
        field="session",
        help_text=gettext_lazy(
            "The id of a session of this arena the thread comes from (its facilitators and conveners "
            "only): the thread shows it, and the session lists the thread."
        ),
        resolve=session_as_source,
        attach=session_attach,
    )
)


def session_attach_prototype(*, prototype, source: Session, actor) -> SessionOutcome:
    return SessionOutcome.objects.create(
        session=source, prototype=prototype, item=prototype.title[:300], created_by=actor
    )


prototype_sources.register(
    ThreadSource(
        key="session",
        order=10,
        field="session",
        help_text=gettext_lazy(
            "The id of a session of this arena the prototype comes from (its facilitators and conveners "
            "only): the prototype shows it, and the session lists the prototype."
        ),
        resolve=session_as_source,
        attach=session_attach_prototype,
    )
)
