"""The object permission matrix, the sessions' rows: registering (members, observers too, while
registration is open), and seeing access needs, taking attendance and entering offline feedback
(facilitators and up) — for every role × arena (public/private, open/closed) × session state."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenas.models import Standing
from arenas.policy import can
from arenas.prototypes.models import Iteration
from arenas.sessions.models import Session
from tests.arenas.rules_objects_helpers import (
    ARENAS,
    ROLES,
    STANDING,
    acts,
    build_world,
    close_if,
    disagreements,
    fresh,
    moderates,
    moderator,
    sees,
)
from tests.factories import PrototypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=ARENAS, ids=[f"{v}-{s}" for v, s in ARENAS])
def world(request):
    return build_world(*request.param)


def sessions_in(arena) -> dict[str, Session]:
    now = timezone.now()
    round_ = Iteration.objects.create(prototype=PrototypeFactory(arena=arena), number=1, goal="Test it")

    def one(**fields):
        starts = fields.pop("starts_at", now + timedelta(days=2))
        return Session.objects.create(
            arena=arena,
            title="S",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            iteration=round_,
            **fields,
        )

    return {
        "open": one(),
        "closed": one(registration_closes_at=now - timedelta(minutes=1)),
        "cancelled": one(status=Session.Status.CANCELLED),
        "held": one(starts_at=now - timedelta(days=1), status=Session.Status.HELD),
    }


def expect_register(role, arena, session_state) -> bool:
    return acts(role, arena) and STANDING[role] >= Standing.OBSERVER and session_state == "open"


def expect_see_access_needs(role, arena, session_state) -> bool:
    return sees(role, arena) and moderator(role)


def expect_take_attendance(role, arena, session_state) -> bool:
    return moderates(role, arena)


def test_sessions(world):
    arena, people, state = world
    sessions = sessions_in(arena)
    arena = close_if(arena, state)
    people = fresh(people)
    checks = []
    for role in ROLES:
        for session_state, session in sessions.items():
            session = Session.objects.select_related("iteration__prototype").get(pk=session.pk)
            session.arena = arena
            session.iteration.prototype.arena = arena
            viewer = people[role]
            for permission, expect in [
                ("sessions.register", expect_register),
                ("sessions.see_access_needs", expect_see_access_needs),
                ("sessions.take_attendance", expect_take_attendance),
            ]:
                checks.append(
                    (
                        (role, session_state, permission),
                        can(viewer, permission, session),
                        expect(role, state, session_state),
                    )
                )
            offline = can(viewer, "prototypes.enter_offline_feedback", session.iteration.prototype)
            checks.append(
                (
                    (role, session_state, "offline"),
                    offline,
                    expect_take_attendance(role, state, session_state),
                )
            )
    assert disagreements(checks) == []
