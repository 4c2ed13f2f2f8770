"""Hand-made arenas for the dashboard tests: posts, sessions, feedback, indicators and decisions written
directly (the services' own rules are tested where they live), and a bigger arena for the query budgets."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from arenas.deliberation.bulk import posts_bulk_create
from arenas.deliberation.models import Post, Thread
from arenas.models import Membership, StakeholderType
from arenas.outcomes.models import Decision, StakeholderGroup
from arenas.prototypes.models import Feedback, Indicator, Measurement
from arenas.sessions.models import Attendance, Registration, Session
from tests.factories import MembershipFactory, PrototypeFactory

KINDS = StakeholderType.values


def thread_in(arena, author, title="Crossing at Ring Road 🚸") -> Thread:
    return Thread.objects.create(arena=arena, author=author, title=title, body="Hvor krydser børnene?")


def post(thread, author, *, when=None, deleted=False) -> Post:
    thread.last_number += 1
    thread.save(update_fields=["last_number"])
    return Post.objects.create(
        thread=thread,
        author=author,
        number=thread.last_number,
        body="Ja 🚸",
        created=when or timezone.now(),
        deleted_at=timezone.now() if deleted else None,
    )


def session(arena, *, title="Crossing walk", days=-3, status=Session.Status.PLANNED) -> Session:
    starts = timezone.now() + timedelta(days=days)
    return Session.objects.create(
        arena=arena, title=title, starts_at=starts, ends_at=starts + timedelta(hours=2), status=status
    )


def register(session, users, *, status=Registration.Status.REGISTERED):
    Registration.objects.bulk_create([Registration(session=session, user=u, status=status) for u in users])


def attend(session, users, *, walk_ins=0):
    Attendance.objects.bulk_create(
        [Attendance(session=session, user=u) for u in users]
        + [Attendance(session=session, name=f"Walk-in {n}") for n in range(walk_ins)]
    )


def feedback(prototype, ratings):
    for rating in ratings:
        author = MembershipFactory(arena=prototype.arena).user
        Feedback.objects.create(prototype=prototype, author=author, rating=rating, would_use="yes")


def indicator(prototype, *, baseline, target, values=(), direction=Indicator.Direction.HIGHER, name="Cars"):
    made = Indicator.objects.create(
        prototype=prototype,
        name=name,
        unit="cars",
        baseline=Decimal(baseline),
        target=Decimal(target),
        direction=direction,
    )
    today = timezone.localdate()
    for n, value in enumerate(values):
        Measurement.objects.create(
            indicator=made, date=today - timedelta(days=len(values) - n), value=Decimal(value)
        )
    return made


def decide(arena, thread, outcome, *, times=1):
    for _ in range(times):
        Decision.objects.create(arena=arena, thread=thread, outcome=outcome, reason="Because 🚸")


def members(arena, count: int, *, prefix: str) -> list:
    """``count`` members of every stakeholder type in turn, bulk-created."""
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}-{n}@example.org", handle=f"{prefix}-{n}", display_name=f"Person {n}")
            for n in range(count)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(arena=arena, user=u, stakeholder_type=KINDS[n % len(KINDS)]) for n, u in enumerate(users)]
    )
    return users


def fill(arena, size: int, *, prefix: str):
    """An arena with ``size`` of everything the dashboard counts: members, posts, sessions with
    registrations and attendance, prototypes with feedback and indicators, decisions, a stakeholder map."""
    users = members(arena, size, prefix=prefix)
    StakeholderGroup.objects.get_or_create(arena=arena, stakeholder_type="resident", defaults={"target": 5})
    thread = thread_in(arena, users[0])
    posts_bulk_create(thread, size * 2, author_ids=[u.pk for u in users])
    for n in range(max(1, size // 10)):
        held = session(arena, title=f"Walk {n}", days=-n - 1)
        register(held, users[:5])
        attend(held, users[:3], walk_ins=1)
        prototype = PrototypeFactory(arena=arena, lead=users[n % len(users)])
        Feedback.objects.bulk_create(
            [
                Feedback(prototype=prototype, author=u, rating=1 + k % 5, would_use="yes")
                for k, u in enumerate(users)
            ]
        )
        indicator(prototype, baseline="10", target="4", values=["9", "7"], direction="lower")
        decide(arena, thread, Decision.Outcome.ADOPTED)
