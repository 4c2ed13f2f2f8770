"""Past a rate, the pages answer 429 with ``Retry-After`` and the message in the person's language, and
keep what the person wrote: starting a thread, flagging (a page and under the post, through HTMX),
endorsing (no form: the 429 page, or the page's alert region for HTMX), feedback and asking to join.
Posting and inviting: tests/arenas/deliberation/test_pages_safety.py, test_members_page_invitations.py."""

import datetime as dt

import pytest
import time_machine
from pytest_django.asserts import assertContains

from arenas.deliberation.models import Flag, Thread
from arenas.deliberation.services.posts import post_create
from arenas.models import Arena, JoinRequest, Role
from arenas.prototypes.models import Feedback
from tests.arenas.deliberation.pages_helpers import arena_for, people_with_observer, start_thread
from tests.arenas.pages_helpers import sign_in
from tests.danish import danish_catalogue
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
NOW = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _one_a_minute(settings):
    settings.RATE_LIMITS = dict.fromkeys(
        ("threads", "flags", "endorsements", "feedback", "join_requests"), "1/minute"
    )


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def people(db):
    return people_with_observer()


@pytest.fixture
def arena(people):
    return arena_for(people)


@pytest.fixture
def thread(arena, people):
    thread = start_thread(arena, people.facilitator)
    for n in range(3):
        post_create(thread=thread, author=people.convener, body=f"Post {n + 1}")
    return thread


def post_url(thread, number, action):
    return f"/arenas/{thread.arena.slug}/threads/{thread.pk}/posts/{number}/{action}/"


def assert_429(response, message):
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assertContains(response, message, status_code=429)


def test_starting_a_thread_too_fast_keeps_the_form_with_the_message(client, arena, people):
    sign_in(client, people.participant)
    path = f"/arenas/{arena.slug}/threads/new/"
    first = client.post(path, {"title": "Lights by the bakery", "kind": "discussion"})

    response = client.post(path, {"title": "A second crossing", "body": "By the bus stop", "kind": "idea"})

    assert first.status_code == 302
    assert_429(
        response, "You have started many threads in a short time. You can start another in 60 seconds."
    )
    assertContains(response, "Slow down a little", status_code=429)
    assertContains(response, 'value="A second crossing"', status_code=429)  # what they wrote is there
    assertContains(response, "By the bus stop", status_code=429)
    assert not Thread.objects.filter(title="A second crossing").exists()


def test_a_danish_person_is_told_in_danish(client, arena, people):
    people.participant.language = "da"
    people.participant.save()
    sign_in(client, people.participant)
    path = f"/arenas/{arena.slug}/threads/new/"
    with danish_catalogue():
        client.post(path, {"title": "Lys ved bageren", "kind": "discussion"})
        response = client.post(path, {"title": "En ny overgang", "kind": "idea"})

    assert_429(response, "Du har startet mange tråde på kort tid. Du kan starte en ny om 60 sekunder.")
    assertContains(response, "Sæt lidt farten ned", status_code=429)


def test_flagging_too_fast_keeps_the_flag_form(client, thread, people):
    sign_in(client, people.participant)
    client.post(post_url(thread, 1, "flag"), {"reason": "spam"})

    response = client.post(post_url(thread, 2, "flag"), {"reason": "other", "note": "Not about the route"})

    assert_429(response, "You have flagged many posts in a short time")
    assertContains(response, "Not about the route", status_code=429)
    assert Flag.objects.filter(reporter=people.participant).count() == 1


def test_flagging_too_fast_through_htmx_puts_the_message_in_the_form_under_the_post(client, thread, people):
    sign_in(client, people.participant)
    client.post(post_url(thread, 1, "flag"), {"reason": "spam"}, **HTMX)

    response = client.post(post_url(thread, 2, "flag"), {"reason": "spam"}, **HTMX)

    assert_429(response, "You can flag another in 60 seconds.")
    assert response["HX-Retarget"] == "#flag-form-2"
    assert "<html" not in response.content.decode()  # the form alone, for HTMX to swap in


def test_endorsing_too_fast_is_the_429_page_with_a_way_back(client, thread, people):
    sign_in(client, people.participant)
    client.post(post_url(thread, 1, "endorse"))
    referer = f"http://testserver{thread.get_absolute_url()}"

    response = client.post(post_url(thread, 2, "endorse"), HTTP_REFERER=referer)

    assert_429(response, "You are endorsing very fast. You can endorse again in 60 seconds.")
    assertContains(response, f'href="{referer}"', status_code=429)


def test_endorsing_too_fast_through_htmx_says_so_in_the_pages_alert_region(client, thread, people):
    sign_in(client, people.participant)
    client.post(post_url(thread, 1, "endorse"), **HTMX)

    response = client.post(post_url(thread, 2, "endorse"), **HTMX)

    assert_429(response, "You can endorse again in 60 seconds.")
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#page-alerts", "innerHTML")
    assert 'role="alert"' in response.content.decode()


def test_every_page_has_the_alert_region_and_lets_htmx_swap_a_429(client, thread, people):
    sign_in(client, people.participant)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert '<div id="page-alerts" aria-live="assertive"></div>' in page
    assert '{"code": "429", "swap": true, "error": false}' in page


def test_feedback_too_fast_keeps_the_form(client, arena, people):
    sign_in(client, people.participant)
    first, second = PrototypeFactory(arena=arena), PrototypeFactory(arena=arena)
    client.post(f"/arenas/{arena.slug}/prototypes/{first.pk}/feedback/", {"rating": "4", "would_use": "yes"})

    response = client.post(
        f"/arenas/{arena.slug}/prototypes/{second.pk}/feedback/",
        {"rating": "2", "would_use": "no", "comment": "The route crosses the ring road"},
    )

    assert_429(
        response, "You have given feedback many times in a short time. You can give more in 60 seconds."
    )
    assertContains(response, "The route crosses the ring road", status_code=429)
    assert Feedback.objects.filter(author=people.participant).count() == 1


def test_asking_to_join_too_fast_keeps_the_note(client, people):
    first, second = (ArenaFactory(visibility=Arena.Visibility.RESTRICTED) for _n in range(2))
    MembershipFactory(arena=second, user=people.facilitator, role=Role.FACILITATOR)
    sign_in(client, people.outsider)
    client.post(f"/arenas/{first.slug}/join/", {"stakeholder_type": "resident", "note": "Hello"})

    response = client.post(
        f"/arenas/{second.slug}/join/", {"stakeholder_type": "resident", "note": "I walk my son to school"}
    )

    assert_429(
        response, "You have asked to join many arenas in a short time. You can ask again in 60 seconds."
    )
    assertContains(response, "I walk my son to school", status_code=429)
    assert JoinRequest.objects.filter(user=people.outsider).count() == 1
