"""Digests built a batch at a time: each person's news goes into their own run, a person without news
gets an empty run and no email, building twice sends once, and a batch costs the same queries at any
size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from platform_core.notifications import delivery, digests
from platform_core.notifications.models import DigestRun, EmailDelivery, Notification
from platform_core.notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def people_with_news(count: int, *, each: int = 2) -> list:
    people = UserFactory.create_batch(count)
    for n in range(each):
        notify(recipients=people, event="test.digest", target_title=f"News {n}")
    return people


def test_each_persons_news_goes_into_their_own_run_and_nobody_elses(mailoutbox):
    ann, bo = people_with_news(2)
    quiet = UserFactory()
    runs = {
        person.pk: DigestRun.objects.create(user=person, period="daily:2026-12-02")
        for person in (ann, bo, quiet)
    }

    delivery_ids = digests.digests_build(run_ids=[run.pk for run in runs.values()])

    for person in (ann, bo):
        assert set(Notification.objects.filter(recipient=person).values_list("digest_run_id", flat=True)) == {
            runs[person.pk].pk
        }
    statuses = dict(DigestRun.objects.values_list("user_id", "status"))
    assert statuses == {ann.pk: "built", bo.pk: "built", quiet.pk: "empty"}
    assert DigestRun.objects.get(user=ann).notification_count == 2
    for delivery_id in delivery_ids:
        delivery.delivery_send(delivery_id=delivery_id)
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        [ann.email, bo.email]
    )


def test_building_a_batch_twice_sends_once():
    people = people_with_news(3)
    run_ids = digests.digest_runs_create_now(user_ids=[p.pk for p in people])

    first = digests.digests_build(run_ids=run_ids)
    second = digests.digests_build(run_ids=run_ids)

    assert len(first) == 3 and second == []
    assert EmailDelivery.objects.filter(digest_run_id__in=run_ids).count() == 3


@pytest.mark.parametrize("size", [3, 60])
def test_a_batch_costs_the_same_queries_at_any_size(size):
    people = people_with_news(size)
    run_ids = digests.digest_runs_create_now(user_ids=[p.pk for p in people])

    with CaptureQueriesContext(connection) as queries:
        assert len(digests.digests_build(run_ids=run_ids)) == size

    # Claim the runs, attach the news, count it, mark the runs, create the deliveries (and the savepoint).
    assert len(queries) <= 7
