"""Signed-out visitors' arena, thread and directory pages come from the cache, and never a page that is out
of date, someone else's, in another language or of an arena they may not see (arenas/page_cache.py)."""

import re

import pytest
from django.test import Client

from arenas.deliberation.services.posts import post_create
from arenas.models import Arena
from arenas.services.arenas import arena_update
from tests.arenas.deliberation.pages_helpers import start_thread
from tests.arenas.pages_helpers import html, make_arena, page_of

CACHED_BUDGET = 2  # a page from the cache reads nothing from the database (a session at most)


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.ARENA_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def arena(people):
    return make_arena(people, title="Safer school routes")


@pytest.fixture
def thread(arena, people):
    return start_thread(arena, people.participant, title="Crossing at Ring Road")


def thread_url(thread):
    return thread.get_absolute_url()


def kept(client, url, django_assert_max_num_queries, **headers):
    """Fetch ``url`` twice: the second answer must come from the cache."""
    first = client.get(url, **headers)
    assert first.status_code == 200
    with django_assert_max_num_queries(CACHED_BUDGET):
        second = client.get(url, **headers)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    return second


def test_a_post_appears_at_once_for_signed_out_visitors(
    client, thread, people, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    url = thread_url(thread)
    page = kept(client, url, django_assert_max_num_queries)
    assert "The lights change too fast" not in html(page)

    with django_capture_on_commit_callbacks(execute=True):
        post_create(thread=thread, author=people.participant, body="The lights change too fast.")

    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "The lights change too fast." in html(fresh)
    assert client.get(url)["X-Page-Cache"] == "hit"  # and it is kept again


def test_the_arena_page_and_the_directory_show_a_new_thread_at_once(
    client, arena, people, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    kept(client, page_of(arena), django_assert_max_num_queries)
    kept(client, "/arenas/", django_assert_max_num_queries)

    with django_capture_on_commit_callbacks(execute=True):
        start_thread(arena, people.participant, title="Bicycle lane on Mill Street")

    assert "Bicycle lane on Mill Street" in html(client.get(page_of(arena)))
    assert client.get("/arenas/")["X-Page-Cache"] == "miss"


def test_a_change_that_rolls_back_keeps_the_cached_page(
    client, thread, people, django_assert_max_num_queries
):
    url = thread_url(thread)
    kept(client, url, django_assert_max_num_queries)
    with pytest.raises(RuntimeError):
        from django.db import transaction

        with transaction.atomic():
            post_create(thread=thread, author=people.participant, body="Never written.")
            raise RuntimeError
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_query_string_is_part_of_the_key(client, thread, django_assert_max_num_queries):
    url = thread_url(thread)
    kept(client, url, django_assert_max_num_queries)
    newest = client.get(url, {"order": "newest"})
    assert newest["X-Page-Cache"] == "miss"


def test_signed_in_people_never_get_the_cached_page(client, thread, people, django_assert_max_num_queries):
    url = thread_url(thread)
    kept(client, url, django_assert_max_num_queries)
    client.force_login(people.outsider)

    page = client.get(url)

    assert page.status_code == 200
    assert "X-Page-Cache" not in page
    assert "Oscar Outsider" in html(page)  # "Settings (Oscar Outsider)" in the header
    assert "Sign in" not in re.sub(r"\s+", " ", html(page)).split("<main")[0]


def test_a_page_made_for_a_signed_in_person_is_not_kept_for_visitors(client, thread, people):
    signed_in = Client()
    signed_in.force_login(people.outsider)
    signed_in.get(thread_url(thread))

    page = client.get(thread_url(thread))

    assert page["X-Page-Cache"] == "miss"
    assert "Oscar Outsider" not in html(page)


def test_danish_and_english_are_kept_apart(client, thread, django_assert_max_num_queries):
    url = thread_url(thread)
    english = kept(client, url, django_assert_max_num_queries, HTTP_ACCEPT_LANGUAGE="en")
    danish_visitor = Client()
    danish = danish_visitor.get(url, HTTP_ACCEPT_LANGUAGE="da")
    assert danish["X-Page-Cache"] == "miss"
    danish = kept(danish_visitor, url, django_assert_max_num_queries, HTTP_ACCEPT_LANGUAGE="da")

    assert '<html lang="en">' in html(english)
    assert '<html lang="da">' in html(danish)


def test_a_private_arena_is_never_kept_nor_served(client, people, django_assert_max_num_queries):
    private = make_arena(people, title="Staff only", visibility=Arena.Visibility.PRIVATE)
    for _attempt in range(2):
        response = client.get(page_of(private))
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_an_arena_that_turns_private_is_gone_at_once(
    client, arena, thread, people, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    kept(client, page_of(arena), django_assert_max_num_queries)
    kept(client, thread_url(thread), django_assert_max_num_queries)

    with django_capture_on_commit_callbacks(execute=True):
        arena_update(arena=arena, actor=people.convener, visibility=Arena.Visibility.PRIVATE)

    assert client.get(page_of(arena)).status_code == 404
    assert client.get(thread_url(thread)).status_code == 404
    assert "Safer school routes" not in html(client.get("/arenas/"))


def test_every_visitor_gets_their_own_csrf_token_and_the_forms_work(client, thread, settings):
    url = thread_url(thread)
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    assert first.get(url)["X-Page-Cache"] == "miss"
    served = second.get(url)
    assert served["X-Page-Cache"] == "hit"

    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html(served)))
    assert len(tokens) == 1
    assert "\x00" not in html(served)
    token = tokens.pop()
    first_tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html(first.get(url))))
    assert token not in first_tokens

    # The language switcher on the cached page works for this visitor (CSRF checked).
    switched = second.post("/language/", {"language": "da", "next": url, "csrfmiddlewaretoken": token})
    assert switched.status_code == 302
    assert second.cookies[settings.LANGUAGE_COOKIE_NAME].value == "da"


def test_the_scripts_run_under_the_nonce_of_the_policy_sent_with_the_page(client, thread):
    url = thread_url(thread)
    client.get(url)
    served = client.get(url)
    assert served["X-Page-Cache"] == "hit"
    nonce = re.search(r"'nonce-([^']+)'", served["Content-Security-Policy"]).group(1)
    assert re.findall(r'<script[^>]* nonce="([^"]+)"', html(served)) and all(
        found == nonce for found in re.findall(r'<script[^>]* nonce="([^"]+)"', html(served))
    )


def test_a_visitor_with_a_message_waiting_sees_it(client, thread, people):
    url = thread_url(thread)
    client.get(url)  # kept
    client.force_login(people.participant)
    client.post("/accounts/logout/")

    page = client.get(url)

    assert "You have signed out." in html(page)
    assert page.get("X-Page-Cache") != "hit"


def test_htmx_requests_are_not_served_from_the_cache(client, thread):
    url = thread_url(thread)
    client.get(url)
    assert client.get(url, HTTP_HX_REQUEST="true").get("X-Page-Cache") is None


def test_off_without_a_shared_cache(client, thread, settings):
    settings.ARENA_PAGE_CACHE_SECONDS = 0
    client.get(thread_url(thread))
    assert "X-Page-Cache" not in client.get(thread_url(thread))
