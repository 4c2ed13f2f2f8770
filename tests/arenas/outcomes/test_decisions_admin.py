"""The admin lists decisions (what they answered, the outcome, the arena) and finds them by their reason;
it adds none (a decision is published where its people are told)."""

import pytest

from arenas.outcomes.models import Decision
from tests.factories import UserFactory

from .decisions_helpers import ARABIC, world

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_searches_decisions(client):
    people = world()
    Decision.objects.create(
        arena=people.arena, thread=people.thread, outcome="adopted", reason=ARABIC, decided_by=people.convener
    )
    Decision.objects.create(
        arena=people.arena, prototype=people.prototype, outcome="declined", reason="Too costly."
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listed = client.get("/admin/outcomes/decision/").content.decode()
    found = client.get("/admin/outcomes/decision/", {"q": "costly"}).content.decode()

    assert "Ideas for the bakery crossing" in listed and "Walking bus" in listed
    assert "Walking bus" in found and "Ideas for the bakery crossing" not in found
    assert client.get("/admin/outcomes/decision/add/").status_code == 403
    assert client.get("/admin/outcomes/stakeholdergroup/").status_code == 200
