"""The demo's decisions: safer-school-routes has an adopted prototype and a deferred thread with a review
date; seeding again adds none, and seeding tells nobody."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from arenas.outcomes.models import Decision
from platform_core.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_adopted_prototype_and_a_deferred_thread():
    call_command("seed_demo")
    call_command("seed_demo")

    decisions = Decision.objects.filter(arena__slug="safer-school-routes")
    adopted = decisions.get(outcome="adopted")
    deferred = decisions.get(outcome="deferred")
    assert adopted.prototype_id and adopted.decided_by.email == "convener@example.org"
    assert deferred.thread_id and deferred.review_on > timezone.localdate()
    assert decisions.count() == 2
    assert not Notification.objects.filter(event="outcomes.decided").exists()
