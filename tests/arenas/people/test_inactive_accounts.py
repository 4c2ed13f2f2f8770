"""Accounts nobody uses: warned after ACCOUNT_INACTIVE_MONTHS, deleted 30 days later unless they sign in;
conveners, facilitators and staff never automatically."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from arenas.models import Role
from platform_core.accounts.models import User
from platform_core.accounts.retention import inactive_accounts_sweep
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, MembershipFactory, OrganisationMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(days=25 * 31)


@pytest.fixture
def people():
    past = timezone.now() - LONG_AGO
    arena = ArenaFactory()
    kept_convener = MembershipFactory(arena=arena, role=Role.CONVENER, user__last_login=past).user
    gone = MembershipFactory(arena=arena, role=Role.PARTICIPANT, user__last_login=past).user
    returning = UserFactory(last_login=past)
    recent = UserFactory(last_login=timezone.now() - timedelta(days=30))
    staff = UserFactory(last_login=past, is_staff=True)
    org = OrganisationMemberFactory(user__last_login=past).user
    return {
        "convener": kept_convener,
        "gone": gone,
        "returning": returning,
        "recent": recent,
        "staff": staff,
        "org": org,
    }


def test_the_long_inactive_are_warned_then_deleted_unless_they_come_back(people):
    assert inactive_accounts_sweep() == {"forgiven": 0, "warned": 2, "deleted": 0}
    warned = set(User.objects.filter(inactive_warned_at__isnull=False).values_list("pk", flat=True))
    assert warned == {people["gone"].pk, people["returning"].pk}
    notice = Notification.objects.get(recipient=people["gone"], event="account.inactive_warning")
    assert "Sign in before" in notice.target_title
    assert inactive_accounts_sweep() == {"forgiven": 0, "warned": 0, "deleted": 0}  # told once

    with time_machine.travel(timezone.now() + timedelta(days=10)):
        User.objects.filter(pk=people["returning"].pk).update(last_login=timezone.now())
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert inactive_accounts_sweep() == {"forgiven": 1, "warned": 0, "deleted": 1}

    assert User.objects.get(pk=people["gone"].pk).deleted_at is not None
    for key in ("returning", "convener", "recent", "staff", "org"):
        person = User.objects.get(pk=people[key].pk)
        assert person.deleted_at is None and person.is_active, key
    assert User.objects.get(pk=people["returning"].pk).inactive_warned_at is None


def test_a_batch_bounds_each_run(people):
    UserFactory.create_batch(5, last_login=timezone.now() - LONG_AGO)

    assert inactive_accounts_sweep(batch=3)["warned"] == 3
    assert inactive_accounts_sweep(batch=3)["warned"] == 3
    assert inactive_accounts_sweep(batch=3)["warned"] == 1
