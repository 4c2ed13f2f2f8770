"""The facilitator digest's "Voice balance": one sentence per flagged group and measure over the last
seven days, for the arenas whose insights the reader may see, in the reader's language; nothing when
nothing is flagged; the figures counted once per arena for all its facilitators."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.utils import translation

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role, StakeholderType
from arenas.outcomes.digest_map import voice_balance_section
from platform_core.notifications import digests
from tests.arenas.members_helpers import deliver_emails

from .map_helpers import member

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unbalanced(arena, facilitator, time_machine):
    """Six residents and four public employees (with the facilitator); the employees write 10 of 10 posts."""
    time_machine.move_to(NOW, tick=False)
    for _n in range(6):
        member(arena, stakeholder_type=StakeholderType.RESIDENT)
    staff = [facilitator] + [
        member(arena, stakeholder_type=StakeholderType.PUBLIC_EMPLOYEE) for _n in range(3)
    ]
    thread = thread_create(arena=arena, author=facilitator, title="Crossings", body="Where?")
    for n in range(10):
        post_create(thread=thread, author=staff[n % 4], body=f"Post {n}")
    return arena


def texts(section):
    return [item["text"] for item in (section or {}).get("items", [])]


def test_a_facilitator_is_told_which_voices_are_out_of_balance(unbalanced, facilitator):
    section = voice_balance_section(user=facilitator, notifications=[])

    assert section["title"] == "Voice balance"
    assert texts(section) == [
        "Safer school routes: Residents hold 60% of the seats but wrote 0% of the posts this week.",
        "Safer school routes: Public employees hold 40% of the seats but wrote 100% of the posts this week.",
    ]
    assert section["items"][0]["url"] == f"/arenas/{unbalanced.slug}/dashboard/"


def test_in_danish_the_numbers_follow_the_readers_language(unbalanced, facilitator):
    with translation.override("da"):
        section = voice_balance_section(user=facilitator, notifications=[])
    assert texts(section)[0] == (
        "Safer school routes: Beboere har 60 % af pladserne, men skrev 0 % af indlæggene i denne uge."
    )


def test_participants_get_no_voice_balance(unbalanced):
    reader = member(unbalanced, Role.PARTICIPANT)
    assert voice_balance_section(user=reader, notifications=[]) is None


def test_nothing_when_nothing_is_flagged(arena, facilitator, participant, time_machine):
    time_machine.move_to(NOW, tick=False)
    assert voice_balance_section(user=facilitator, notifications=[]) is None


def test_last_weeks_posts_do_not_count(unbalanced, facilitator, time_machine):
    time_machine.move_to(datetime(2026, 12, 10, 9, 0, tzinfo=UTC), tick=False)
    assert voice_balance_section(user=facilitator, notifications=[]) is None


def test_the_figures_are_counted_once_per_arena_for_all_its_facilitators(
    unbalanced, facilitator, convener, django_assert_max_num_queries
):
    voice_balance_section(user=facilitator, notifications=[])
    with django_assert_max_num_queries(3):  # the convener's arenas and policy, not the figures again
        assert len(texts(voice_balance_section(user=convener, notifications=[]))) == 2


def test_the_digest_email_says_it(unbalanced, facilitator, mailoutbox):
    # The posts in the thread the facilitator started are their news.
    [run_id] = digests.digest_runs_create_now(user_ids=[facilitator.pk])
    digests.digest_build(run_id=run_id)

    [email] = deliver_emails(mailoutbox)

    assert "== Voice balance ==" in email.body
    assert "Residents hold 60% of the seats but wrote 0% of the posts this week." in email.body
