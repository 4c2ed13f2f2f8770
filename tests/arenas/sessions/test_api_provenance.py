"""Threads started from a session through the API (``session`` on ``POST /api/v1/arenas/{slug}/threads/``):
the facilitators of the session's arena only; the session then lists the thread."""

import pytest

from arenas.deliberation.models import Thread
from arenas.models import Role
from arenas.sessions.models import SessionOutcome
from tests.factories import ArenaFactory

from .api_helpers import auth, url
from .conftest import make_session, member

pytestmark = pytest.mark.django_db


def start_thread(client, arena, person, **fields):
    return client.post(
        f"/api/v1/arenas/{arena.slug}/threads/",
        {"title": "Crossing by the bakery", "body": "From the workshop.", **fields},
        content_type="application/json",
        **auth(person),
    )


def test_a_facilitator_starts_a_thread_from_a_session_and_the_session_lists_it(client, arena, facilitator):
    session = make_session(arena, facilitator, hours_ahead=-3)

    response = start_thread(client, arena, facilitator, session=session.pk)

    assert response.status_code == 201, response.content
    thread = Thread.objects.get(pk=response.json()["id"])
    assert SessionOutcome.objects.get(thread=thread).session == session
    outcomes = client.get(url(session), **auth(facilitator)).json()["outcomes"]
    assert outcomes == [
        {
            "kind": "thread",
            "id": thread.pk,
            "title": "Crossing by the bakery",
            "url": thread.get_absolute_url(),
        }
    ]


def test_a_participant_cannot_claim_a_session_as_the_source(client, arena, facilitator):
    session = make_session(arena, facilitator, hours_ahead=-3)

    response = start_thread(client, arena, member(arena, Role.PARTICIPANT), session=session.pk)

    assert response.status_code == 403
    assert not Thread.objects.exists() and not SessionOutcome.objects.exists()


def test_a_session_of_another_arena_or_none_is_a_field_error(client, arena, facilitator):
    elsewhere = ArenaFactory()
    foreign = make_session(elsewhere, member(elsewhere, Role.FACILITATOR), hours_ahead=-3)

    for value in (foreign.pk, 2**31 - 1, 2**40, "soon"):
        response = start_thread(client, arena, facilitator, session=value)
        assert response.status_code == 400, value
        assert "session" in response.json()["error"]["fields"]
    assert not Thread.objects.exists()


def test_a_thread_without_a_session_is_as_before(client, arena, facilitator):
    response = start_thread(client, arena, facilitator, session=None)

    assert response.status_code == 201
    assert not SessionOutcome.objects.exists()
