"""Prototypes started from a session through the API (``session`` on ``POST …/prototypes/``): the
facilitators of the session's arena only; the prototype page says where it came from, the session lists it."""

import pytest

from arenas.models import Role
from arenas.prototypes.models import Prototype
from arenas.sessions.models import SessionOutcome
from tests.factories import ArenaFactory

from .api_helpers import auth, url
from .conftest import make_session, member

pytestmark = pytest.mark.django_db

HYPOTHESIS = "We believe a walking bus will mean fewer cars at the gate; we will know when drop-offs fall."


def start_prototype(client, arena, person, **fields):
    return client.post(
        f"/api/v1/arenas/{arena.slug}/prototypes/",
        {"title": "Walking bus 🚶", "hypothesis": HYPOTHESIS, **fields},
        content_type="application/json",
        **auth(person),
    )


def test_a_facilitator_starts_a_prototype_from_a_session(client, arena, facilitator):
    session = make_session(arena, facilitator, hours_ahead=-3)

    response = start_prototype(client, arena, facilitator, session=session.pk)

    assert response.status_code == 201, response.content
    prototype = Prototype.objects.get(pk=response.json()["id"])
    assert SessionOutcome.objects.get(prototype=prototype).session == session
    outcomes = client.get(url(session), **auth(facilitator)).json()["outcomes"]
    assert [(o["kind"], o["id"]) for o in outcomes] == [("prototype", prototype.pk)]
    assert "From session" in client.get(prototype.get_absolute_url()).content.decode()


def test_a_participant_cannot_claim_a_session_and_nothing_is_written(client, arena, facilitator):
    session = make_session(arena, facilitator, hours_ahead=-3)

    response = start_prototype(client, arena, member(arena, Role.PARTICIPANT), session=session.pk)

    assert response.status_code == 403
    assert not Prototype.objects.exists()


def test_another_arenas_session_is_a_field_error(client, arena, facilitator):
    elsewhere = ArenaFactory()
    other = make_session(elsewhere, member(elsewhere, Role.FACILITATOR))

    response = start_prototype(client, arena, facilitator, session=other.pk)

    assert response.status_code == 400 and "session" in response.json()["error"]["fields"]
    assert not Prototype.objects.exists()


def test_the_field_is_only_on_creating(client, arena, facilitator):
    prototype_id = start_prototype(client, arena, facilitator).json()["id"]
    session = make_session(arena, facilitator, hours_ahead=-3)

    response = client.patch(
        f"/api/v1/prototypes/{prototype_id}/",
        {"session": session.pk},
        content_type="application/json",
        **auth(facilitator),
    )

    assert response.status_code == 400
    assert not SessionOutcome.objects.exists()
