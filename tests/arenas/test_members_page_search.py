"""The members page searches and pages its members and pending invitations (25 a page each), and its
query count does not grow with the number of pending invitations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.models import Arena, Role
from tests.arenas.members_helpers import member, page_text, url
from tests.factories import ArenaFactory, InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes", visibility=Arena.Visibility.RESTRICTED)


@pytest.fixture
def facilitator(arena):
    return member(arena, Role.FACILITATOR, display_name="Frederik Facilitator").user


def test_search_finds_members_by_name_and_handle_and_invitations_by_email(client, arena, facilitator):
    member(arena, display_name="Nina Nørgaard", handle="nina")
    member(arena, display_name="Otto Olsen", handle="otto")
    InvitationFactory(arena=arena, email="nina.home@example.org", invited_by=facilitator)
    InvitationFactory(arena=arena, email="someone@example.org", invited_by=facilitator)
    client.force_login(facilitator)

    by_name = client.get(url(arena), {"q": "nørg"})
    text = page_text(by_name)
    assert [m.user.name for m in by_name.context["members"]] == ["Nina Nørgaard"]
    assert "Otto Olsen" not in text
    assert "Showing what matches “<bdi>nørg</bdi>”." in text
    assert "No pending invitation matches “<bdi>nørg</bdi>”." in text
    assert "5 people take part" not in text and "3 people take part" in text  # the total, not the matches

    by_handle = client.get(url(arena), {"q": "@otto"})
    assert [m.user.name for m in by_handle.context["members"]] == ["Otto Olsen"]

    by_email = client.get(url(arena), {"q": "NINA"})
    assert [i.email for i in by_email.context["invitations"]] == ["nina.home@example.org"]
    assert "someone@example.org" not in page_text(by_email)
    assert "Pending invitation (1)" in page_text(by_email)


def test_a_participant_searches_members_but_never_by_email(client, arena, facilitator):
    person = member(arena, display_name="Cecilie Citizen").user
    member(arena, display_name="Hidden Address", email="findme@example.org")
    client.force_login(person)

    response = client.get(url(arena), {"q": "findme"})

    assert list(response.context["members"]) == []
    text = page_text(response)
    assert "No member matches “<bdi>findme</bdi>”." in text
    assert "Search members</label>" in text
    assert "invitations" not in response.context or not response.context.get("invitations")


def test_members_and_invitations_page_by_25_and_the_links_keep_the_search(client, arena, facilitator):
    for index in range(30):
        member(arena, display_name=f"Person {index:02d}")
    InvitationFactory.create_batch(100, arena=arena, invited_by=facilitator)
    client.force_login(facilitator)

    first = client.get(url(arena))
    assert len(first.context["members"]) == 25
    assert len(first.context["invitations"]) == 25
    text = page_text(first)
    assert "Pending invitations (100)" in text
    assert 'href="?page=2#members">Next' in text
    assert 'href="?invitations_page=2#pending-invitations">Next' in text
    assert text.count('name="invitation"') == 25

    last = client.get(url(arena), {"invitations_page": 4, "page": 2})
    assert len(last.context["invitations"]) == 25
    assert len(last.context["members"]) == 31 - 25
    assert 'href="?page=2&amp;invitations_page=3#pending-invitations">Previous' in page_text(last)

    searched = client.get(url(arena), {"q": "person", "page": 2})
    assert 'href="?q=person&amp;page=1#members">Previous' in page_text(searched)


def test_a_page_number_out_of_range_or_nonsense_shows_a_page(client, arena, facilitator):
    InvitationFactory.create_batch(3, arena=arena, invited_by=facilitator)
    client.force_login(facilitator)

    for value in ("999", "abc", "-1"):
        response = client.get(url(arena), {"invitations_page": value, "page": value, "q": "x" * 500})
        assert response.status_code == 200


def test_the_page_costs_the_same_queries_with_10_and_with_100_pending_invitations(client, arena, facilitator):
    client.force_login(facilitator)
    counts = {}
    for size in (10, 100):
        InvitationFactory.create_batch(size - arena.invitations.count(), arena=arena, invited_by=facilitator)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(arena))
        assert response.context["invitations_page"].paginator.count == size
        counts[size] = len(queries)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(arena), {"q": "invitee"})
        counts[f"{size} searched"] = len(queries)

    assert counts[10] == counts[100], counts
    assert counts["10 searched"] == counts["100 searched"], counts


def test_in_danish_the_search_paging_and_selection_read_danish_and_ids_stay_machine_numbers(
    client, arena, facilitator, settings
):
    from tests.locale_helpers import localised_numbers

    InvitationFactory.create_batch(30, arena=arena, invited_by=facilitator)
    client.force_login(facilitator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"

    page = page_text(client.get(url(arena)))

    assert "Søg i medlemmer og invitationer" in page
    assert "Udfør på de valgte invitationer" in page
    assert 'aria-label="Sider med afventende invitationer"' in page
    assert "Side 1 af 2" in page
    assert localised_numbers(page) == []
