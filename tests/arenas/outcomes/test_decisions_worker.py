"""The review reminder end to end with a real Celery worker over Redis: the beat's task finds the due
decision and the arena's conveners get the notification."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenas.outcomes.models import Decision
from platform_core.notifications.models import Notification
from platform_core.queue import enqueue_on_commit
from tests.embedded import wait_for

from .decisions_helpers import world

pytestmark = pytest.mark.services


def test_the_worker_tells_the_conveners_a_review_is_due(celery_worker_factory, tmp_path):
    worker = celery_worker_factory(mail_dir=tmp_path / "mail")
    people = world()
    decision = Decision.objects.create(
        arena=people.arena,
        thread=people.thread,
        outcome=Decision.Outcome.DEFERRED,
        reason="Wait for the spring budget.",
        review_on=timezone.localdate() - timedelta(days=1),
        decided_by=people.convener,
    )

    enqueue_on_commit("outcomes.remind_reviews")  # what beat does every hour

    def reminded():
        return Notification.objects.filter(event="outcomes.review_due", recipient=people.convener).first()

    try:
        notification = wait_for(reminded, timeout=90, what="the review reminder")
    except AssertionError:
        raise AssertionError(worker.log()[-3000:]) from None
    assert notification.target_title == "Ideas for the bakery crossing"
    decision.refresh_from_db()
    assert decision.review_reminded_at is not None
