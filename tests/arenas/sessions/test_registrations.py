"""Registering for a session (DESIGN.md "Sessions"): seats up to the capacity, then a waiting list that
moves up when someone cancels (and tells them); members only, observers too, while registration is open."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arenas.models import Role
from arenas.sessions.models import Registration
from arenas.sessions.services.registrations import registration_cancel, registration_create, waiting_position
from arenas.sessions.services.sessions import session_cancel, session_update
from platform_core.exceptions import Refused
from platform_core.notifications.models import Notification
from tests.factories import UserFactory

from .conftest import make_session, member

pytestmark = pytest.mark.django_db


def test_the_third_person_waits_and_moves_up_when_someone_cancels(arena, facilitator):
    session = make_session(arena, facilitator, capacity=2)
    anna, bo, carl = (member(arena) for _ in range(3))

    first = registration_create(session=session, user=anna, access_needs="Wheelchair 🦽")
    second = registration_create(session=session, user=bo)
    third = registration_create(session=session, user=carl)

    assert [first.status, second.status, third.status] == ["registered", "registered", "waiting"]
    assert waiting_position(third) == 1
    registration_cancel(session=session, user=anna)

    third.refresh_from_db()
    assert third.status == Registration.Status.REGISTERED
    told = Notification.objects.get(recipient=carl, event="sessions.seat_freed")
    assert told.url == session.get_absolute_url()


def test_registering_twice_keeps_one_seat_and_updates_the_access_needs(arena, facilitator):
    session = make_session(arena, facilitator, capacity=1)
    anna = member(arena)

    registration_create(session=session, user=anna)
    again = registration_create(session=session, user=anna, access_needs="Hearing loop, please")

    assert again.status == "registered" and again.access_needs == "Hearing loop, please"
    assert session.registrations.count() == 1


def test_observers_register_and_outsiders_are_refused(arena, facilitator):
    session = make_session(arena, facilitator)
    observer = member(arena, Role.OBSERVER)

    assert registration_create(session=session, user=observer).status == "registered"
    with pytest.raises(Refused) as refused:
        registration_create(session=session, user=UserFactory())
    assert "join the arena first" in refused.value.message


def test_registration_closes_at_its_time(arena, facilitator, time_machine):
    session = make_session(arena, facilitator, hours_ahead=48)
    session_update(
        session=session, actor=facilitator, registration_closes_at=session.starts_at - timedelta(hours=24)
    )

    time_machine.move_to(session.starts_at - timedelta(hours=23))
    with pytest.raises(Refused) as refused:
        registration_create(session=session, user=member(arena))
    assert "closed" in refused.value.message


def test_more_seats_move_the_waiting_list_up(arena, facilitator):
    session = make_session(arena, facilitator, capacity=1)
    registration_create(session=session, user=member(arena))
    waiting = registration_create(session=session, user=member(arena))

    session_update(session=session, actor=facilitator, capacity=2)

    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_a_cancelled_session_tells_everyone_holding_a_place_and_takes_no_one(arena, facilitator):
    session = make_session(arena, facilitator, capacity=1)
    seated, waiting = member(arena), member(arena)
    registration_create(session=session, user=seated)
    registration_create(session=session, user=waiting)

    session_cancel(session=session, actor=facilitator)

    assert set(
        Notification.objects.filter(event="sessions.cancelled").values_list("recipient_id", flat=True)
    ) == {seated.pk, waiting.pk}
    with pytest.raises(Refused):
        registration_create(session=session, user=member(arena))


def test_only_facilitators_and_up_announce_sessions(arena, facilitator):
    participant = member(arena)

    with pytest.raises(Refused):
        make_session(arena, participant)
    with pytest.raises(ValidationError) as invalid:
        make_session(arena, facilitator, capacity=0)
    assert "capacity" in invalid.value.message_dict


def test_a_session_that_ends_before_it_starts_is_refused_and_nothing_is_written(arena, facilitator):
    from arenas.sessions.services.sessions import session_create

    starts = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError) as invalid:
        session_create(arena=arena, actor=facilitator, title="Backwards", starts_at=starts, ends_at=starts)

    assert "ends_at" in invalid.value.message_dict
    assert not arena.sessions.exists()


def test_a_session_is_found_by_search_and_a_private_arenas_is_not(client, arena, facilitator):
    from arenas.models import Arena
    from tests.factories import ArenaFactory

    make_session(arena, facilitator, title="Lanternevandring ved skolen 🏮")
    hidden = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    make_session(hidden, member(hidden, Role.FACILITATOR), title="Lanternevandring i det skjulte")

    found = client.get("/api/v1/search/", {"q": "lanternevandring", "type": "session"}).json()

    assert [r["title"] for r in found["results"]] == ["Lanternevandring ved skolen 🏮"]
