"""The digest's "Upcoming sessions": the next seven days' sessions in the person's arenas, registered or
not, in their time zone; none of arenas they may not see; one query however many."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from arenas.models import Arena, Membership, Role
from arenas.sessions.digest import upcoming_sessions
from arenas.sessions.services.registrations import registration_create
from arenas.sessions.services.sessions import session_cancel, session_create
from platform_core.notifications import digests
from tests.arenas.members_helpers import deliver_emails
from tests.factories import ArenaFactory

from .conftest import member

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)


def at(arena, organiser, title, *, days, **fields):
    starts = NOW + timedelta(days=days)
    return session_create(
        arena=arena,
        actor=organiser,
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        **fields,
    )


@pytest.fixture
def person(arena, facilitator, time_machine):
    time_machine.move_to(NOW, tick=False)
    someone = member(arena, time_zone="America/New_York", display_name="Sam")
    registration_create(session=at(arena, facilitator, "Walk the crossings", days=2), user=someone)
    at(arena, facilitator, "Map the routes", days=1)
    at(arena, facilitator, "Too far ahead", days=8)
    session_cancel(session=at(arena, facilitator, "Called off", days=3), actor=facilitator)
    return someone


def texts(section) -> list[str]:
    return [item["text"] for item in (section or {}).get("items", [])]


def test_the_next_weeks_sessions_of_my_arenas_registered_or_not(arena, person):
    other = ArenaFactory(visibility=Arena.Visibility.PUBLIC)
    at(other, member(other, Role.FACILITATOR), "Not my arena", days=1)

    with timezone.override(UTC):
        section = upcoming_sessions(user=person, notifications=[])

    assert section["title"] == "Upcoming sessions"
    assert texts(section) == [
        "Map the routes, Thursday 3 December, 16:00–17:00 (UTC) — Safer school routes",
        "Walk the crossings, Friday 4 December, 16:00–17:00 (UTC) — Safer school routes (you are registered)",
    ]
    assert section["items"][0]["url"].startswith(f"/arenas/{arena.slug}/sessions/")


def test_no_sessions_of_an_arena_i_was_banned_from(arena, person):
    Membership.objects.filter(arena=arena, user=person).update(banned=True)
    assert upcoming_sessions(user=person, notifications=[]) is None


def test_the_digest_email_shows_them_in_my_time_zone(arena, person, mailoutbox):
    [run_id] = digests.digest_runs_create_now(user_ids=[person.pk])  # the announcements are its news
    digests.digest_build(run_id=run_id)

    [email] = deliver_emails(mailoutbox)

    assert "== Upcoming sessions ==" in email.body
    assert "Walk the crossings, Friday 4 December, 11:00–12:00 (America/New_York)" in email.body
    assert "Too far ahead" not in email.body.split("== Upcoming sessions ==")[1]


def test_one_query_however_many_sessions(arena, facilitator, person, django_assert_num_queries):
    with django_assert_num_queries(1):
        upcoming_sessions(user=person, notifications=[])
    for hours in range(10, 40):
        at(arena, facilitator, f"Session {hours}", days=hours / 24)
    with django_assert_num_queries(1):
        assert len(texts(upcoming_sessions(user=person, notifications=[]))) == 8
