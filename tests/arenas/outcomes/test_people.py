"""The stakeholder map's arithmetic (invited, joined, active against the target; missing groups; types the
map left out) and the voice balance's shares and flags."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenas.deliberation.models import Endorsement, Post
from arenas.models import Invitation, StakeholderType
from arenas.outcomes.models import StakeholderGroup
from arenas.outcomes.people import ENOUGH_TO_JUDGE, balance, stakeholder_map_of, voice_balance_of
from arenas.prototypes.models import Feedback
from tests.arenas.deliberation.pages_helpers import start_thread
from tests.factories import ArenaFactory, InvitationFactory, MembershipFactory, PrototypeFactory

pytestmark = pytest.mark.django_db

RESIDENT, EXPERT, BUSINESS = StakeholderType.RESIDENT, StakeholderType.EXPERT, StakeholderType.BUSINESS


def _post(thread, author, *, when=None, number=None):
    thread.last_number += 1
    thread.save(update_fields=["last_number"])
    return Post.objects.create(
        thread=thread, author=author, number=thread.last_number, body="Ja 🚸", created=when or timezone.now()
    )


@pytest.fixture
def arena():
    return ArenaFactory()


def test_the_map_counts_invited_joined_and_active_against_each_target(arena):
    StakeholderGroup.objects.create(arena=arena, stakeholder_type=RESIDENT, target=4, order=0)
    StakeholderGroup.objects.create(arena=arena, stakeholder_type=EXPERT, target=2, order=1)
    residents = [MembershipFactory(arena=arena, stakeholder_type=RESIDENT) for _ in range(3)]
    MembershipFactory(arena=arena, stakeholder_type=RESIDENT, banned=True)
    MembershipFactory(arena=arena, stakeholder_type=BUSINESS)
    InvitationFactory(arena=arena, stakeholder_type=EXPERT)
    InvitationFactory(arena=arena, stakeholder_type=EXPERT, status=Invitation.Status.DECLINED)
    thread = start_thread(arena, residents[0].user)
    _post(thread, residents[1].user, when=timezone.now() - timedelta(days=40))  # too long ago

    rows = stakeholder_map_of(arena=arena)

    assert [row.stakeholder_type for row in rows] == [RESIDENT, EXPERT, BUSINESS]
    resident, expert, business = rows
    assert (resident.joined, resident.active, resident.short_by, resident.missing) == (3, 1, 1, False)
    assert resident.reached == 0.75
    assert (expert.invited, expert.joined, expert.missing, expert.short_by) == (1, 0, True, 2)
    # A type the map did not declare: shown, never "missing", no target.
    assert (business.joined, business.target, business.missing) == (1, None, False)


def test_feedback_and_attendance_make_a_member_active(arena):
    StakeholderGroup.objects.create(arena=arena, stakeholder_type=EXPERT, target=1)
    expert = MembershipFactory(arena=arena, stakeholder_type=EXPERT).user
    prototype = PrototypeFactory(arena=arena)
    Feedback.objects.create(prototype=prototype, author=expert, rating=4, would_use="yes")

    [row] = [row for row in stakeholder_map_of(arena=arena) if row.stakeholder_type == EXPERT]

    assert (row.joined, row.active) == (1, 1)


def test_a_voice_under_half_or_over_twice_its_share_of_members_is_flagged(arena):
    residents = [MembershipFactory(arena=arena, stakeholder_type=RESIDENT).user for _ in range(7)]
    experts = [MembershipFactory(arena=arena, stakeholder_type=EXPERT).user for _ in range(3)]
    thread = start_thread(arena, experts[0])
    for _ in range(2):
        _post(thread, residents[0])
    for index in range(8):
        post = _post(thread, experts[index % 3])
    Endorsement.objects.create(post=post, user=residents[1])

    voices = {voice.stakeholder_type: voice for voice in voice_balance_of(arena=arena)}

    resident, expert = voices[RESIDENT], voices[EXPERT]
    assert resident.member_share == pytest.approx(0.7)
    assert resident.shares["posts"] == pytest.approx(0.2)
    assert resident.flags == {"posts": "under"}  # 20% of posts with 70% of seats
    assert expert.shares["posts"] == pytest.approx(0.8)
    assert expert.flags == {"posts": "over"}  # 80% with 30%
    # One endorsement is too few to judge.
    assert resident.counts["endorsements"] == 1 and "endorsements" not in resident.flags


def test_paper_feedback_counts_in_the_type_it_was_entered_with(arena):
    prototype = PrototypeFactory(arena=arena)
    Feedback.objects.create(
        prototype=prototype,
        author=None,
        entered_offline=True,
        stakeholder_type=BUSINESS,
        rating=3,
        would_use="yes",
    )

    voices = {voice.stakeholder_type: voice for voice in voice_balance_of(arena=arena)}

    assert voices[BUSINESS].counts["feedback"] == 1


def test_exactly_half_or_twice_is_not_flagged():
    voices = balance(
        {"resident": 5, "expert": 5},
        {"posts": {"resident": 25, "expert": 75}, "endorsements": {}, "feedback": {}},
    )

    assert [voice.flags for voice in voices] == [{}, {}]


def test_nothing_is_flagged_below_what_is_enough_to_judge():
    voices = balance(
        {"resident": 9, "expert": 1},
        {"posts": {"expert": ENOUGH_TO_JUDGE - 1}, "endorsements": {}, "feedback": {}},
    )

    assert all(not voice.flags for voice in voices)
    assert voices[0].shares["endorsements"] is None
