"""Answering a thread, an idea or a prototype with a decision ("you said, we did").

Conveners decide; everyone who took part is told why, in the same transaction as the decision (the
outbox emails them after the commit). A subject may be decided again — deferred, then adopted — and every
decision stays: the newest is the current one, the others its trail."""

from datetime import date
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.deliberation.models import Post, Thread
from arenas.page_cache import arena_pages_changed
from arenas.policy import require
from arenas.prototypes.models import Feedback, Prototype, TeamMember
from arenas.services.telling import arena_notify
from platform_core.audit.services import audit_record
from platform_core.text import within_limit

from ..models import Decision

REASON_LIMIT = 4000


def today_for(person) -> date:
    """The person's today (their time zone), or the site's: what "not in the past" means to them."""
    zone = getattr(person, "time_zone", "") or ""
    try:
        return timezone.localdate(timezone=ZoneInfo(zone)) if zone else timezone.localdate()
    except (KeyError, ValueError):  # an unknown zone name: the site's day
        return timezone.localdate()


def contributors_of(subject: Thread | Prototype) -> list[int]:
    """Who took part, as user ids, in one query: a thread's author and the authors of its posts that were
    not deleted; a prototype's team and the authors of its feedback."""
    if isinstance(subject, Thread):
        ids = (
            Post.objects.filter(thread=subject, deleted_at__isnull=True, author__isnull=False)
            .order_by()
            .values_list("author_id", flat=True)
            .union(
                Thread.objects.filter(pk=subject.pk, author__isnull=False)
                .order_by()
                .values_list("author_id", flat=True)
            )
        )
    else:
        ids = (
            TeamMember.objects.filter(prototype=subject)
            .order_by()
            .values_list("user_id", flat=True)
            .union(
                Feedback.objects.filter(prototype=subject, author__isnull=False)
                .order_by()
                .values_list("author_id", flat=True)
            )
        )
    return sorted(ids.order_by())


def _clean(*, arena, subject, outcome: str, reason: str, review_on, today: date) -> dict:
    """Every field checked, every error said at once (nothing is written unless all of it is right)."""
    errors: dict[str, str] = {}
    if not isinstance(subject, Thread | Prototype):
        errors["subject"] = _("A decision answers a thread, an idea or a prototype.")
    elif subject.arena_id != arena.pk:
        errors["subject"] = _("That is not part of this arena.")
    if outcome not in Decision.Outcome.values:
        errors["outcome"] = _("Choose the decision: adopted, adapted, declined or deferred.")
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Say why: the people who took part will read it.")
    else:
        try:
            reason = within_limit(reason, REASON_LIMIT, field="reason")
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if review_on is not None and not isinstance(review_on, date):
        errors["review_on"] = _("Give the review date as a date.")
    elif review_on is not None and review_on < today:
        errors["review_on"] = _("The review date cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    return {"reason": reason}


@transaction.atomic
def decision_create(
    *,
    arena,
    actor,
    subject: Thread | Prototype,
    outcome: str,
    reason: str,
    review_on: date | None = None,
    tell: bool = True,
) -> Decision:
    """A convener's decision on ``subject``, its contributors told and the audit log written. Refused
    (``Refused``) for anyone the policy does not let decide; a ``ValidationError`` per wrong field.
    ``tell=False`` tells nobody (the demo data emails no one)."""
    require(actor, "outcomes.decide", arena)
    cleaned = _clean(
        arena=arena,
        subject=subject,
        outcome=outcome,
        reason=reason,
        review_on=review_on,
        today=today_for(actor),
    )
    is_thread = isinstance(subject, Thread)
    decision = Decision.objects.create(
        arena=arena,
        thread=subject if is_thread else None,
        prototype=None if is_thread else subject,
        outcome=outcome,
        reason=cleaned["reason"],
        review_on=review_on,
        decided_by=actor,
    )
    arena_pages_changed(arena)  # the thread shows its decisions
    audit_record(
        actor=actor,
        action="decision.made",
        target=decision,
        group_key=arena.group_key,
        details={
            "subject": decision.subject_kind,
            "subject_id": subject.pk,
            "outcome": outcome,
            "review_on": review_on.isoformat() if review_on else None,
        },
    )
    if not tell:
        return decision
    subject.arena = arena  # its URL needs the arena's slug, already at hand
    arena_notify(
        arena=arena,
        recipients=[pk for pk in contributors_of(subject) if pk != actor.pk],
        event="outcomes.decided",
        actor=actor,
        target_title=subject.title,
        url=f"{subject.get_absolute_url()}#decisions",
        data={"decision": decision.pk, "outcome": outcome},
    )
    return decision
