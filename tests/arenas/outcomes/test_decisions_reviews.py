"""The review reminder: when a decision's review date comes, the arena's conveners are told once (the
task run twice tells no one twice); before it, nobody; a newer decision on the subject replaces the older
one's review."""

from datetime import date

import pytest

from arenas.models import Role
from arenas.outcomes.models import Decision
from arenas.outcomes.services.decisions import decision_create
from arenas.outcomes.tasks import remind_reviews
from platform_core.notifications.models import Notification

from .decisions_helpers import member, told, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(time_machine):
    time_machine.move_to("2030-03-02 09:00Z", tick=False)
    people = world()
    people.second_convener = member(people.arena, "Carl Convener", role=Role.CONVENER)
    return people


def deferred(people, subject, review_on):
    return decision_create(
        arena=people.arena,
        actor=people.convener,
        subject=subject,
        outcome=Decision.Outcome.DEFERRED,
        reason="Once the budget is known.",
        review_on=review_on,
    )


def test_a_due_review_tells_the_conveners_once(people, time_machine):
    decision = deferred(people, people.thread, date(2030, 3, 10))
    time_machine.move_to("2030-03-10 08:00Z", tick=False)

    assert remind_reviews() == 1
    assert remind_reviews() == 0

    assert told("outcomes.review_due") == sorted([people.convener.pk, people.second_convener.pk])
    notification = Notification.objects.filter(event="outcomes.review_due").first()
    assert notification.target_title == "Ideas for the bakery crossing"
    assert notification.verb == "Time to review the decision"
    assert Decision.objects.get(pk=decision.pk).review_reminded_at is not None


def test_a_review_not_yet_due_tells_nobody(people, time_machine):
    deferred(people, people.prototype, date(2030, 3, 10))
    time_machine.move_to("2030-03-09 08:00Z", tick=False)

    assert remind_reviews() == 0
    assert told("outcomes.review_due") == []


def test_a_newer_decision_replaces_the_older_review(people, time_machine):
    deferred(people, people.thread, date(2030, 3, 10))
    time_machine.move_to("2030-03-05 08:00Z", tick=False)
    later = deferred(people, people.thread, date(2030, 4, 1))
    time_machine.move_to("2030-03-11 08:00Z", tick=False)

    assert remind_reviews() == 0
    time_machine.move_to("2030-04-01 08:00Z", tick=False)
    assert remind_reviews() == 1
    assert (
        Notification.objects.get(event="outcomes.review_due", recipient=people.second_convener).data[
            "decision"
        ]
        == later.pk
    )


def test_a_decision_without_a_review_date_never_reminds(people, time_machine):
    deferred(people, people.thread, None)
    time_machine.move_to("2031-01-01 08:00Z", tick=False)

    assert remind_reviews() == 0


def test_of_many_decisions_on_one_subject_only_the_newest_reminds(
    people, time_machine, django_assert_max_num_queries
):
    """Made in the same instant, the latest made is the newest; finding them is one query."""
    for _ in range(12):
        deferred(people, people.prototype, date(2030, 3, 3))
    time_machine.move_to("2030-03-04 08:00Z", tick=False)
    with django_assert_max_num_queries(40):
        assert remind_reviews() == 1  # only the newest decision on the prototype reminds
