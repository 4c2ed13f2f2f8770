"""Two people taking the last seat at once, on PostgreSQL: one gets it, the other waits."""

import threading

import pytest
from django.db import connection, connections

from arenas.sessions.models import Registration
from arenas.sessions.services.registrations import registration_create
from tests.conftest import require_or_skip

from .conftest import make_session, member

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_taking_the_last_seat_at_once_one_gets_it_one_waits(arena, facilitator):
    if connection.vendor != "postgresql":
        require_or_skip("row locks are PostgreSQL's: set DATABASE_URL to a PostgreSQL database")
    session = make_session(arena, facilitator, capacity=1)
    people = [member(arena), member(arena)]
    start = threading.Barrier(2)
    errors = []

    def register(person):
        try:
            start.wait()
            registration_create(session=session, user=person)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(Registration.objects.filter(session=session).values_list("status", flat=True)) == [
        "registered",
        "waiting",
    ]
