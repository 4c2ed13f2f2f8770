"""A person's private calendar feed: a signed URL that works without signing in, shows the sessions of
their arenas (never of arenas they may not see), and dies when they reset it."""

import icalendar
import pytest
from django.urls import reverse

from arenas.models import Arena, Membership, Role
from arenas.sessions.models import CalendarFeed
from arenas.sessions.services.feeds import calendar_feed_of, feed_path
from arenas.sessions.services.sessions import session_cancel
from tests.factories import ArenaFactory, UserFactory

from .conftest import make_session, member

pytestmark = pytest.mark.django_db

SETTINGS = "/settings/calendar/"


def feed_url_on_the_page(client) -> str:
    response = client.get(SETTINGS)
    assert response.status_code == 200
    url = response.context["feed_url"]
    assert url in response.content.decode()
    return url.removeprefix("http://127.0.0.1:8000")


def summaries(client, path) -> dict[str, str]:
    client.logout()  # calendar apps do not sign in
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.events}


def test_the_feed_shows_the_sessions_of_my_arenas_without_signing_in(client, arena, facilitator):
    person = member(arena)
    make_session(arena, facilitator, title="Upcoming walk")
    cancelled = make_session(arena, facilitator, title="Called off")
    session_cancel(session=cancelled, actor=facilitator)
    make_session(arena, facilitator, title="Last week", hours_ahead=-24 * 7)
    make_session(arena, facilitator, title="Long ago", hours_ahead=-24 * 40)
    other = ArenaFactory(visibility=Arena.Visibility.PUBLIC)
    make_session(other, member(other, Role.FACILITATOR), title="Not my arena")
    client.force_login(person)

    path = feed_url_on_the_page(client)

    assert summaries(client, path) == {
        "Upcoming walk": "CONFIRMED",
        "Called off": "CANCELLED",
        "Last week": "CONFIRMED",
    }


def test_no_sessions_of_arenas_the_person_may_not_see(client, facilitator):
    private = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    organiser = member(private, Role.FACILITATOR)
    person = member(private)
    make_session(private, organiser, title="Members only")
    path = feed_path(calendar_feed_of(user=person))
    assert summaries(client, path) == {"Members only": "CONFIRMED"}

    Membership.objects.filter(arena=private, user=person).update(banned=True)

    assert summaries(client, path) == {}


def test_resetting_makes_a_new_address_and_the_old_one_a_404(client, arena, facilitator):
    person = member(arena)
    make_session(arena, facilitator, title="Upcoming walk")
    client.force_login(person)
    old = feed_url_on_the_page(client)

    response = client.post(SETTINGS, follow=True)

    assert "The old one no longer works" in response.content.decode()
    client.force_login(person)
    new = feed_url_on_the_page(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert summaries(client, new) == {"Upcoming walk": "CONFIRMED"}
    assert (client.head(new).status_code, client.head(old).status_code) == (200, 404)


@pytest.mark.parametrize(
    "token", ["nonsense", "1-", "-abc", "99999999-abc", "1-" + "f" * 40, "١٢-abc", "999999999999999999999-a"]
)
def test_a_made_up_address_is_a_404(client, arena, token):
    calendar_feed_of(user=member(arena))
    assert client.get(reverse("sessions:feed", args=[token])).status_code == 404


def test_a_deactivated_persons_feed_stops(client, arena, facilitator):
    person = member(arena)
    path = feed_path(calendar_feed_of(user=person))
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert client.get(path).status_code == 404


def test_the_settings_page_is_in_the_settings_menu_and_needs_signing_in(client):
    assert client.get(SETTINGS).status_code == 302
    person = UserFactory()
    client.force_login(person)

    page = client.get("/settings/").content.decode()

    assert f'href="{SETTINGS}"' in page
    assert 'aria-current="page">Calendar<' in client.get(SETTINGS).content.decode()
    assert CalendarFeed.objects.filter(user=person).count() == 1  # made once, on first view
    client.get(SETTINGS)
    assert CalendarFeed.objects.filter(user=person).count() == 1


def test_the_feed_takes_a_fixed_number_of_queries(client, arena, facilitator, django_assert_max_num_queries):
    person = member(arena)
    path = feed_path(calendar_feed_of(user=person))
    for hours in (10, 20):
        make_session(arena, facilitator, hours_ahead=hours)
    with django_assert_max_num_queries(8):
        client.get(path)
    for hours in range(30, 50):
        make_session(arena, facilitator, hours_ahead=hours, kind="online", online_url="https://x.example/y")
    with django_assert_max_num_queries(8):
        response = client.get(path)
    assert len(icalendar.Calendar.from_ical(response.content).events) == 22


def test_the_data_export_says_when_the_feed_was_made_but_never_its_secret(arena):
    from platform_core.accounts.data_export import archive_tables

    person = member(arena)
    feed = calendar_feed_of(user=person)

    [row] = archive_tables(person)["calendar_feed"]

    assert set(row) == {"created"}
    assert feed.key not in str(archive_tables(person))
    assert feed_path(feed).split("/")[-1].removesuffix(".ics") not in str(archive_tables(person))
