"""Moderation through the pages: pin, lock, resolve and summarise a thread; the moderation queue (who may
see it, what it shows, in which order). Its decisions are in test_pages_moderation_decisions.py."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from arenas.deliberation.models import Thread, ThreadSummary
from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import post_create
from platform_core.audit.models import AuditEntry
from tests.arenas.deliberation.pages_helpers import ROLES, arena_for, people_with_observer, start_thread
from tests.arenas.pages_helpers import html, sign_in

pytestmark = pytest.mark.django_db

MODERATORS = {"facilitator", "convener", "org_admin", "site_admin"}
MEMBERS = MODERATORS | {"observer", "participant"}


@pytest.fixture
def people(db):
    return people_with_observer()


@pytest.fixture
def thread(people):
    return start_thread(arena_for(people), people.participant, title="Crossing at Ring Road")


def url(thread, rest=""):
    return f"/arenas/{thread.arena.slug}/threads/{thread.pk}/{rest}"


def queue_url(arena):
    return f"/arenas/{arena.slug}/moderation/"


# --- Pin, lock, resolve, summarise ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "button", "message"),
    [
        ("pinned", "Pin this thread", "The thread is pinned to the top of the list."),
        ("locked", "Lock this thread", "The thread is locked: it takes no new posts."),
        ("resolved", "Mark as resolved", "The thread is marked resolved."),
    ],
)
def test_a_facilitator_pins_locks_and_resolves_and_undoes_it(client, people, thread, field, button, message):
    sign_in(client, people.facilitator)
    assertContains(client.get(url(thread)), button)

    response = client.post(url(thread, "moderate/"), {field: "1"})

    assertRedirects(response, f"{url(thread)}#thread-tools", fetch_redirect_response=False)
    assert getattr(Thread.objects.get(pk=thread.pk), field) is True
    assertContains(client.get(url(thread)), message)
    client.post(url(thread, "moderate/"), {field: "0"})
    assert getattr(Thread.objects.get(pk=thread.pk), field) is False
    assert AuditEntry.objects.filter(action="thread.moderated").count() == 2


@pytest.mark.parametrize("role", ["observer", "participant", "outsider"])
def test_others_cannot_moderate_a_thread(client, people, thread, role):
    sign_in(client, getattr(people, role))

    assert "Moderator tools" not in html(client.get(url(thread)))
    assert client.post(url(thread, "moderate/"), {"locked": "1"}).status_code == 403
    assert client.post(url(thread, "summary/"), {"summary": "Mine"}).status_code == 403
    assert not Thread.objects.get(pk=thread.pk).locked and not ThreadSummary.objects.exists()


def test_a_facilitator_writes_a_new_version_of_the_summary(client, people, thread):
    sign_in(client, people.facilitator)
    client.post(url(thread, "summary/"), {"summary": "First version."})

    response = client.post(url(thread, "summary/"), {"summary": "Where we are: **Tuesdays**."})

    assertRedirects(response, f"{url(thread)}#summary", fetch_redirect_response=False)
    page = html(client.get(url(thread)))
    assert "<strong>Tuesdays</strong>" in page and "1 earlier version" in page and "First version." in page
    assert "Written by Frederik Facilitator" in page
    assert ThreadSummary.objects.count() == 2


def test_an_empty_summary_shows_the_error_on_the_thread_page(client, people, thread):
    sign_in(client, people.facilitator)

    response = client.post(url(thread, "summary/"), {"summary": " "})

    assert response.status_code == 200
    assertContains(response, 'id="summary-form-errors"')
    assertContains(response, '<details class="summary-editor mt-2" open>')
    assert not ThreadSummary.objects.exists()


# --- The queue: who sees it -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", ["public", "private"])
@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_see_the_queue_others_403_and_hidden_arenas_404(client, people, visibility, role):
    arena = arena_for(people, visibility=visibility)
    sign_in(client, getattr(people, role))

    response = client.get(queue_url(arena))

    if role in MODERATORS:
        assertContains(response, "<h1>Moderation queue</h1>", html=True)
    elif visibility == "private" and role not in MEMBERS:
        assert response.status_code == 404
    elif role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


def test_an_empty_queue_says_nothing_to_review(client, people):
    sign_in(client, people.facilitator)

    assertContains(client.get(queue_url(arena_for(people))), "Nothing to review")


def test_the_queue_lists_flagged_posts_newest_flagged_first_with_their_flags(client, people, thread):
    older = post_create(thread=thread, author=people.participant, body="Buy cheap watches")
    newer = post_create(thread=thread, author=people.convener, body="You are all idiots")
    post_create(thread=thread, author=people.participant, body="Nobody flagged me")
    with time_machine.travel(timezone.now() - timedelta(hours=2)):
        flag_create(post=older, reporter=people.observer, reason="spam")
    flag_create(post=newer, reporter=people.participant, reason="other", note="Insults the neighbours")
    sign_in(client, people.facilitator)

    page = html(client.get(queue_url(thread.arena)))

    assert "2 flagged posts" in page and "Nobody flagged me" not in page
    assert page.index("You are all idiots") < page.index("Buy cheap watches")
    assert "Insults the neighbours" in page and "flagged by Cecilie Citizen" in page and "Spam" in page
    assert (
        f'href="{url(thread)}?post={newer.number}#post-{newer.number}" dir="auto">Crossing at Ring Road</a>'
        in page
    )
    for label in ("Dismiss the flags", "Hide the post", "Warn the author", "Ban the author from this arena"):
        assert label in page
    assert page.count('class="moderation-decision"') == 2  # one decision form per flagged post
