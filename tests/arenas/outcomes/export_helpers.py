"""Arenas with something of everything the open data holds, and ways to read the downloads back: the zip
unpacked (its files as text), the JSON parsed, a CSV file as rows."""

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from arenas.deliberation.bulk import Shape, posts_bulk_create
from arenas.deliberation.models import Post, Thread
from arenas.models import Role
from arenas.outcomes.models import Decision, StakeholderGroup
from arenas.prototypes.models import Feedback, Indicator, Iteration, Measurement
from arenas.sessions.models import Attendance, Registration, Session
from tests.arenas.pages_helpers import make_arena, make_people
from tests.factories import MembershipFactory, PrototypeFactory, UserFactory

HIDDEN_TEXT = "Secret hidden text about my neighbour"
DELETED_TEXT = "Text its author took back"
ONLINE_LINK = "https://meet.example.net/very-secret-room"
ACCESS_NEEDS = "Needs a wheelchair space near the door"
WALK_IN = "Walter Walk-In"


def zip_url(arena) -> str:
    return f"/arenas/{arena.slug}/export/data.zip"


def json_url(arena) -> str:
    return f"/api/v1/arenas/{arena.slug}/export.json"


def page_url(arena) -> str:
    return f"/arenas/{arena.slug}/export/"


def unzip(response) -> dict[str, str]:
    """The zip's files as text, by name (the response consumed chunk by chunk, as a browser would)."""
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def parsed(response) -> dict:
    return json.loads(b"".join(response.streaming_content))


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def world(**arena_fields):
    people = make_people()
    people.arena = make_arena(people, **arena_fields)
    return people


def fill(arena, *, posts: int = 6, members: int = 3, facilitator=None, prefix: str = "x"):
    """Members of several types, a map, a thread of ``posts`` posts (one hidden, one deleted, one with a
    mention), a prototype with a round, feedback (one on paper), an indicator with a measurement, a
    session with an online link, registrations with access needs and a walk-in, and a decision."""
    now = timezone.now()
    kinds = ["resident", "service_user", "expert", "business"]
    people = [UserFactory(handle=f"{prefix}-member-{n}") for n in range(members)]
    for n, person in enumerate(people):
        MembershipFactory(arena=arena, user=person, stakeholder_type=kinds[n % len(kinds)])
    StakeholderGroup.objects.get_or_create(
        arena=arena, stakeholder_type="resident", defaults={"target": 10, "description": "Parents"}
    )
    thread = Thread.objects.create(
        arena=arena, title="Crossings", body="Where is it unsafe?", author=people[0]
    )
    posts_bulk_create(thread, posts, author_ids=[p.pk for p in people], shape=Shape())
    first, second, third = Post.objects.filter(thread=thread).order_by("number")[:3]
    Post.objects.filter(pk=first.pk).update(body=HIDDEN_TEXT, hidden_at=now, hidden_reason="Personal data")
    Post.objects.filter(pk=second.pk).update(body="", deleted_at=now)
    Post.objects.filter(pk=third.pk).update(body=f"Agree with @{people[1].handle} and @nobody-here")
    prototype = PrototypeFactory(arena=arena, lead=people[0])
    iteration = Iteration.objects.create(prototype=prototype, number=1, goal="Try the walking bus")
    Feedback.objects.create(
        prototype=prototype, iteration=iteration, author=people[1], rating=4, would_use="yes"
    )
    Feedback.objects.create(
        prototype=prototype, entered_offline=True, stakeholder_type="resident", rating=2, would_use="no"
    )
    indicator = Indicator.objects.create(
        prototype=prototype, name="Cars at the gate", unit="cars", baseline=Decimal("120.50"), target=80
    )
    Measurement.objects.create(indicator=indicator, date=date(2025, 3, 1), value=Decimal("101.25"))
    session = Session.objects.create(
        arena=arena,
        title="Walk the crossings",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
        online_url=ONLINE_LINK,
        capacity=20,
    )
    Registration.objects.create(
        session=session, user=people[0], status="registered", access_needs=ACCESS_NEEDS
    )
    Attendance.objects.create(session=session, user=people[0])
    Attendance.objects.create(session=session, name=WALK_IN, stakeholder_type="resident")
    Decision.objects.create(
        arena=arena, thread=thread, outcome="adopted", reason="We will paint the crossing"
    )
    return SimpleNamespace(people=people, thread=thread, prototype=prototype, session=session)


def add_member(arena, role=Role.PARTICIPANT, **fields):
    person = UserFactory(**fields)
    MembershipFactory(arena=arena, user=person, role=role)
    return person
