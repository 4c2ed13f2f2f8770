"""The email a contributor gets of a decision says the decision, the reason and the review date in their
own language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenas.outcomes.services.decisions import decision_create
from platform_core.notifications.delivery import delivery_send
from platform_core.notifications.models import EmailDelivery

from .decisions_helpers import DANISH, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


def sent(mailoutbox) -> list:
    for pk in EmailDelivery.objects.filter(status="pending").values_list("pk", flat=True):
        delivery_send(delivery_id=pk)
    return list(mailoutbox)


def test_the_poster_reads_the_decision_and_its_reason_in_their_language(people, mailoutbox):
    people.poster.language = "da"
    people.poster.save(update_fields=["language"])
    review_on = timezone.localdate() + timedelta(days=30)

    decision_create(
        arena=people.arena,
        actor=people.convener,
        subject=people.thread,
        outcome="adopted",
        reason=DANISH,
        review_on=review_on,
    )

    [email] = [m for m in sent(mailoutbox) if people.poster.email in m.to]
    body = email.body
    assert "Beslutning: Vedtaget" in body
    assert "Vi indfører gåbussen på alle skoler 🚸" in body
    assert f"Revurderes den {review_on.day}." in body  # a Danish date, not ISO
    assert review_on.isoformat() not in body
