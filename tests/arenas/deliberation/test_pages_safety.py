"""What must not get through the thread page: posting faster than the rate limit (429, with the message,
in the page and in the HTMX form), script in anything people write, and the text of deleted and hidden
posts to people who may not read it."""

import datetime as dt
import re

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from arenas.deliberation.models import Post
from arenas.deliberation.services.posts import (
    post_create,
    post_delete,
    post_edit,
    post_hide,
)
from platform_core.ratelimits import rates_for
from tests.arenas.deliberation.pages_helpers import arena_for, people_with_observer, start_thread
from tests.arenas.pages_helpers import html, sign_in

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(db):
    return people_with_observer()


@pytest.fixture
def thread(people):
    return start_thread(arena_for(people), people.participant)


def url(thread, rest=""):
    return f"/arenas/{thread.arena.slug}/threads/{thread.pk}/{rest}"


def first_post(thread, people, **kwargs):
    kwargs.setdefault("body", "Paint a zebra crossing at the school gate.")
    return post_create(thread=thread, author=kwargs.pop("author", people.participant), **kwargs)


# --- The rate limit ----------------------------------------------------------------------------------------------


NOW = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)


def _fill_the_minute(thread, people):
    for n in range(rates_for("posts")[0].amount):
        post_create(thread=thread, author=people.participant, body=f"Post {n}")


@time_machine.travel(NOW, tick=False)
def test_posting_too_fast_answers_429_with_the_message(client, people, thread):
    _fill_the_minute(thread, people)
    sign_in(client, people.participant)

    response = client.post(url(thread, "posts/"), {"body": "One too many"})

    assert response.status_code == 429 and response["Retry-After"] == "60"
    assertContains(response, "You are posting very fast", status_code=429)
    assertContains(response, "One too many", status_code=429)  # what they wrote is still there
    assert not Post.objects.filter(body="One too many").exists()


def test_posting_too_fast_through_htmx_answers_429_with_the_form(client, people, thread):
    _fill_the_minute(thread, people)
    parent = Post.objects.get(number=1)
    sign_in(client, people.participant)

    response = client.post(url(thread, f"posts/{parent.number}/reply/"), {"body": "Quick reply"}, **HTMX)
    new = client.post(url(thread, "posts/"), {"body": "Quick post"}, **HTMX)

    assert response.status_code == new.status_code == 429
    assert (
        response["HX-Retarget"] == f"#reply-form-{parent.number}" and new["HX-Retarget"] == "#new-post-form"
    )
    assertContains(response, "You are posting very fast", status_code=429)
    assertContains(new, "You are posting very fast", status_code=429)


# --- XSS ----------------------------------------------------------------------------------------------------------

EVENT_HANDLER = re.compile(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)  # a real tag with onerror= etc.
SCRIPT_URL = re.compile(
    r"<[a-zA-Z][^<>]*\s(href|src|action)\s*=\s*[\"']?\s*(javascript|data):", re.IGNORECASE
)
PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(2)">link</a>',
    "<svg onload=alert(3)>",
    '<iframe src="https://evil.example"></iframe>',
]


def test_script_in_posts_replies_edits_summaries_and_titles_never_reaches_the_page(client, people, thread):
    sign_in(client, people.participant)
    client.post(
        f"/arenas/{thread.arena.slug}/threads/new/",
        {"title": PAYLOADS[0], "body": PAYLOADS[1], "kind": "idea"},
    )
    for payload in PAYLOADS:
        client.post(url(thread, "posts/"), {"body": payload})
    client.post(url(thread, "posts/1/reply/"), {"body": PAYLOADS[1]})
    client.post(url(thread, "posts/2/edit/"), {"body": PAYLOADS[2]})
    sign_in(client, people.facilitator)
    client.post(url(thread, "summary/"), {"summary": PAYLOADS[1]})

    pages = [html(client.get(url(thread))), html(client.get(f"/arenas/{thread.arena.slug}/threads/"))]
    pages.append(html(client.get(f"/arenas/{thread.arena.slug}/")))
    new_thread = thread.arena.threads.exclude(pk=thread.pk).get()
    pages.append(html(client.get(f"/arenas/{thread.arena.slug}/threads/{new_thread.pk}/")))

    assert Post.objects.filter(thread=thread).count() == len(PAYLOADS) + 1
    for page in pages:
        assert "<script>alert" not in page
        assert not EVENT_HANDLER.search(page)
        assert not SCRIPT_URL.search(page)
        assert "<iframe" not in page and "<svg" not in page
        assert "<img src=x" not in page  # the page's own images (the header's bell) come from /static/
    assert "&lt;script&gt;alert" in pages[3]  # the title is shown, as text
    assert "&lt;img src=x onerror=" in pages[0]  # and so is the typed HTML


def test_deleted_and_hidden_post_bodies_are_not_sent_to_others(client, people, thread):
    hidden = first_post(thread, people, body="Phone number 12345678")
    post_hide(post=hidden, actor=people.facilitator, reason="Personal data")
    gone = first_post(thread, people, body="Regret this")
    post_edit(post=gone, actor=people.participant, body="Regret this a lot")
    post_delete(post=gone, actor=people.participant)

    page = client.get(url(thread))

    assertNotContains(page, "12345678")
    assertNotContains(page, "Regret this")
