"""Demo sessions in safer-school-routes (DESIGN.md section 4), dated around the day of seeding: a workshop
held yesterday with minutes, attendance (members and a walk-in) and a thread started from its minutes;
an upcoming test session of the walking bus's running round, with a place and access notes; a full
session (two seats) with a waiting list; and an online meeting. Announced without notifications: seeding
emails nobody."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from arenas.models import Arena, StakeholderType
from arenas.prototypes.models import Iteration
from platform_core.accounts.models import User

from .models import Registration, Session
from .services.attendance import attendance_set, walk_in_add
from .services.minutes import minutes_save, thread_from_minutes
from .services.registrations import registration_create
from .services.sessions import session_create, session_mark_held

WORKSHOP = "Mapping the school routes"
MINUTES = """## What we mapped
- The crossing by the bakery is where most near-misses happen.
- Parents of pupils in Birch Street would join a walking bus on Mondays and Fridays.

## Agreed
1. Ask the council for a trial crossing guard by the bakery.
2. Try a second walking bus route from Mill Lane.
"""


def _at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """A local time on a day relative to today (the demo's sessions are in the platform's time zone)."""
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed_sessions(*, users, organisation, reset: bool) -> None:
    if reset:
        return  # they go with their arena
    arena = Arena.objects.filter(slug="safer-school-routes").first()
    if arena is None or Session.objects.filter(arena=arena).exists():
        return
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    facilitator, citizen = people["facilitator@example.org"], people["citizen@example.org"]

    workshop = session_create(
        arena=arena,
        actor=facilitator,
        announce=False,
        kind=Session.Kind.WORKSHOP,
        title=WORKSHOP,
        description="Bring what you know about the walk to school: we draw it on one big map.",
        starts_at=_at(-1, 17),
        ends_at=_at(-1, 19),
        place="Northbridge East School, the library",
        accessibility="Step-free entrance from the car park; hearing loop in the library.",
        capacity=20,
    )
    came = [citizen, facilitator, *(people[f"{n}@example.org"] for n in ("amira", "bent", "chen"))]
    Registration.objects.bulk_create(  # they registered before it began
        [
            Registration(session=workshop, user=person, status=Registration.Status.REGISTERED)
            for person in [*came, people["dorte@example.org"]]
        ]
    )
    session_mark_held(session=workshop, actor=facilitator)
    attendance_set(session=workshop, actor=facilitator, user_ids=[p.pk for p in came])
    walk_in_add(
        session=workshop,
        actor=facilitator,
        name="Jens, crossing guard",
        stakeholder_type=StakeholderType.PUBLIC_EMPLOYEE,
    )
    minutes_save(session=workshop, actor=facilitator, body=MINUTES)
    thread_from_minutes(
        session=workshop,
        actor=facilitator,
        title="A trial crossing guard by the bakery?",
        body="At the workshop we agreed to ask the council for a crossing guard by the bakery. "
        "Who can help us make the case?",
        item="Ask the council for a trial crossing guard by the bakery.",
    )

    running = (
        Iteration.objects.filter(prototype__arena=arena, status=Iteration.Status.RUNNING)
        .select_related("prototype")
        .order_by("pk")
        .first()
    )
    test = session_create(
        arena=arena,
        actor=facilitator,
        announce=False,
        kind=Session.Kind.TEST_SESSION,
        title="Try the walking bus rota with rain plans",
        description="Walk one route with us and tell us what would make you use it.",
        starts_at=_at(3, 7, 30),
        ends_at=_at(3, 8, 30),
        place="Sports hall, Ring Road 4 (meet at the main door)",
        accessibility="The route is flat and step-free; buggies welcome.",
        capacity=15,
        iteration=running,
    )
    registration_create(session=test, user=citizen)

    full = session_create(
        arena=arena,
        actor=facilitator,
        announce=False,
        kind=Session.Kind.WORKSHOP,
        title="Walk the crossings with the traffic engineer",
        description="A small group walks the three crossings with the council's traffic engineer.",
        starts_at=_at(6, 16),
        ends_at=_at(6, 17, 30),
        place="Outside the bakery, Ring Road 12",
        capacity=2,
    )
    for email in ("bent@example.org", "chen@example.org", "dorte@example.org", "amira@example.org"):
        registration_create(session=full, user=people[email])  # two seats, then the waiting list

    session_create(
        arena=arena,
        actor=facilitator,
        announce=False,
        kind=Session.Kind.ONLINE,
        title="Online check-in: how is the walking bus going?",
        description="Half an hour online for families who cannot come in person.",
        starts_at=_at(9, 20),
        ends_at=_at(9, 20, 30),
        online_url="https://meet.example.org/safer-school-routes",
    )
