"""The deliberation pages through the client: who sees the thread list, a thread and the "start a thread"
form (a private arena is 404 for outsiders, never 403); what each viewer may do there; the list's filters,
sorts and pages; starting a thread; following and muting; the arena page's recent activity.

Posts have their own module (test_pages_posts.py), moderation too (test_pages_moderation.py), and the
query budgets and the "new posts" poll (test_pages_budgets.py)."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from arenas.deliberation.models import Thread, ThreadFollow
from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_moderate, thread_summary_set
from platform_core.notifications.models import Notification
from tests.arenas.deliberation.pages_helpers import ROLES, arena_for, people_with_observer, start_thread
from tests.arenas.pages_helpers import html, sign_in
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

MEMBERS = {"observer", "participant", "facilitator", "convener", "org_admin", "site_admin"}
CONTRIBUTORS = {"participant", "facilitator", "convener", "org_admin", "site_admin"}


@pytest.fixture
def people(db):
    return people_with_observer()


def threads_url(arena):
    return f"/arenas/{arena.slug}/threads/"


def thread_url(thread):
    return f"/arenas/{thread.arena.slug}/threads/{thread.pk}/"


# --- Who sees what ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", ["public", "private"])
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_thread_list_and_a_thread_and_everyone_else_gets_404(client, people, visibility, role):
    arena = arena_for(people, visibility=visibility)
    thread = start_thread(arena, people.participant, title="Crossing at Ring Road")
    sign_in(client, getattr(people, role))

    listing, page = client.get(threads_url(arena)), client.get(thread_url(thread))

    if visibility == "public" or role in MEMBERS:
        assertContains(listing, "Crossing at Ring Road")
        assertContains(page, '<h1 dir="auto">Crossing at Ring Road</h1>', html=True)
    else:
        assert listing.status_code == page.status_code == 404
        assertNotContains(page, "Crossing at Ring Road", status_code=404)


@pytest.mark.parametrize("role", ROLES)
def test_only_contributors_get_the_post_form_and_the_start_a_thread_button(client, people, role):
    arena = arena_for(people)
    thread = start_thread(arena, people.participant)
    sign_in(client, getattr(people, role))

    page, listing = html(client.get(thread_url(thread))), html(client.get(threads_url(arena)))

    assert ('id="new-post-form"' in page) == (role in CONTRIBUTORS)
    assert ("Start a thread" in listing) == (role in CONTRIBUTORS)
    if role == "observer":
        assert "You take part as an observer" in page
    if role == "anonymous":
        assert "and join the arena to take part" in page
    if role == "outsider":
        assert "Join the arena to take part in the conversation." in page


def test_a_thread_of_another_arena_or_a_missing_one_is_404(client, people):
    arena, other = arena_for(people), arena_for(people, title="Other arena")
    thread = start_thread(other, people.participant)
    sign_in(client, people.participant)

    assert client.get(f"/arenas/{arena.slug}/threads/{thread.pk}/").status_code == 404
    assert client.get(f"/arenas/{arena.slug}/threads/999999/").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "outsider", "observer"])
def test_who_may_not_contribute_cannot_open_the_start_a_thread_form(client, people, role):
    arena = arena_for(people)
    sign_in(client, getattr(people, role))

    response = client.get(f"/arenas/{arena.slug}/threads/new/")

    if role == "anonymous":
        assertRedirects(
            response,
            f"/accounts/login/?next=/arenas/{arena.slug}/threads/new/",
            fetch_redirect_response=False,
        )
    else:
        assert response.status_code == 403


def test_the_start_a_thread_form_of_a_private_arena_is_404_for_outsiders(client, people):
    arena = arena_for(people, visibility="private")
    sign_in(client, people.outsider)

    assert client.get(f"/arenas/{arena.slug}/threads/new/").status_code == 404
    assert (
        client.post(f"/arenas/{arena.slug}/threads/new/", {"title": "x", "kind": "idea"}).status_code == 404
    )


def test_a_closed_arena_is_read_only(client, people):
    arena = arena_for(people)
    thread = start_thread(arena, people.participant)
    post_create(thread=thread, author=people.participant, body="Before closing")
    arena.status = "closed"
    arena.save()
    sign_in(client, people.participant)

    page = html(client.get(thread_url(thread)))

    assert "This arena is closed." in page and "read-only" in page
    assert 'id="new-post-form"' not in page
    assert "Endorse" not in page and "/reply/" not in page and "/delete/" not in page
    assert client.post(f"{thread_url(thread)}posts/", {"body": "After closing"}).status_code == 403
    assert client.get(f"/arenas/{arena.slug}/threads/new/").status_code == 403


# --- The thread list ------------------------------------------------------------------------------------------


def test_the_thread_list_shows_each_thread_with_its_markers(client, people):
    arena = arena_for(people)
    thread = start_thread(arena, people.participant, title="Walking bus", kind="idea")
    thread_moderate(thread=thread, actor=people.facilitator, pinned=True, locked=True, resolved=True)
    thread_summary_set(thread=thread, actor=people.facilitator, body="We agree on Tuesdays.")
    Thread.objects.filter(pk=thread.pk).update(post_count=12)

    page = html(client.get(threads_url(arena)))

    for text in ("Walking bus", "Idea", "Pinned", "Locked", "Resolved", "Summarised", "12 posts"):
        assert text in page, text
    assert "Started by Cecilie Citizen" in page
    assert "<time datetime=" in page and 'title="' in page  # relative, exact on hover


def test_the_thread_list_filters_and_searches(client, people):
    arena = arena_for(people)
    ideation = arena.phases.get(name="Ideation")
    bus = start_thread(arena, people.participant, title="Walking bus", kind="idea", topics=["Mobility"])
    start_thread(arena, people.participant, title="When do we meet?", kind="question", phase=ideation)
    guards = start_thread(arena, people.participant, title="Crossing guards", body="Paid or volunteers?")
    thread_moderate(thread=guards, actor=people.facilitator, resolved=True)
    TopicFactory(name="Schools")  # a topic no thread carries is no filter choice

    def titles(query):
        page = html(client.get(f"{threads_url(arena)}?{query}"))
        return {t for t in ("Walking bus", "When do we meet?", "Crossing guards") if f">{t}</a>" in page}

    assert titles("") == {"Walking bus", "When do we meet?", "Crossing guards"}
    assert titles("kind=idea") == {"Walking bus"}
    assert titles(f"phase={ideation.pk}") == {"When do we meet?"}
    assert titles("topic=mobility") == {"Walking bus"}
    assert titles("status=resolved") == {"Crossing guards"}
    assert titles("status=open") == {"Walking bus", "When do we meet?"}
    assert titles("q=volunteers") == {"Crossing guards"}
    assert titles("kind=nonsense") == {"Walking bus", "When do we meet?", "Crossing guards"}
    assert 'value="schools"' not in html(client.get(threads_url(arena))) and bus.topics.exists()


def test_the_thread_list_sorts_and_pins_first(client, people):
    arena = arena_for(people)
    old = start_thread(arena, people.participant, title="Old but busy")
    Thread.objects.filter(pk=old.pk).update(post_count=50)
    quiet = start_thread(arena, people.participant, title="New and quiet")
    pinned = start_thread(arena, people.participant, title="House rules")
    thread_moderate(thread=pinned, actor=people.facilitator, pinned=True)
    post_create(thread=old, author=people.participant, body="Bump")

    def order(sort):
        page = html(client.get(f"{threads_url(arena)}?sort={sort}"))
        return sorted(["Old but busy", "New and quiet", "House rules"], key=page.index)

    assert order("activity") == ["House rules", "Old but busy", "New and quiet"]
    assert order("newest") == ["House rules", "New and quiet", "Old but busy"]
    assert order("active") == ["House rules", "Old but busy", "New and quiet"]
    assert quiet.post_count == 0


def test_the_thread_list_is_paginated_by_20(client, people):
    arena = arena_for(people)
    for n in range(23):
        start_thread(arena, people.participant, title=f"Thread number {n}")

    first, second = html(client.get(threads_url(arena))), html(client.get(f"{threads_url(arena)}?page=2"))

    assert first.count('<li class="thread-row') == 20 and second.count('<li class="thread-row') == 3
    assert "23 threads" in first and "Page 1 of 2" in first


def test_an_empty_thread_list_says_what_to_do(client, people):
    arena = arena_for(people)

    sign_in(client, people.participant)
    assertContains(client.get(threads_url(arena)), "Start the first one")
    assertContains(client.get(f"{threads_url(arena)}?q=nothing"), "No threads match")


# --- Starting a thread ------------------------------------------------------------------------------------------


def test_a_participant_starts_a_thread_and_lands_on_it(client, people):
    arena = arena_for(people)
    ideation = arena.phases.get(name="Ideation")
    sign_in(client, people.participant)
    form = html(client.get(f"/arenas/{arena.slug}/threads/new/"))
    assert "Start the thread" in form

    response = client.post(
        f"/arenas/{arena.slug}/threads/new/",
        {
            "title": "A walking bus",
            "body": "Parents take turns **walking** the children.",
            "kind": "idea",
            "phase": ideation.pk,
            "topics": "Mobility, Schools",
        },
    )

    thread = Thread.objects.get(title="A walking bus")
    assertRedirects(response, thread_url(thread))
    assert (thread.kind, thread.phase, thread.author) == ("idea", ideation, people.participant)
    assert sorted(thread.topics.values_list("name", flat=True)) == ["Mobility", "Schools"]
    page = html(client.get(thread_url(thread)))
    assert "<strong>walking</strong>" in page and "Mobility" in page
    assert Notification.objects.filter(
        recipient=people.facilitator, event="deliberation.thread_created"
    ).exists()


def test_starting_a_thread_without_a_title_shows_the_error(client, people):
    arena = arena_for(people)
    sign_in(client, people.participant)

    response = client.post(f"/arenas/{arena.slug}/threads/new/", {"title": "  ", "kind": "idea"})

    assert response.status_code == 200
    assertContains(response, "Please correct the following")
    assert not Thread.objects.exists()


def test_observers_cannot_start_a_thread_by_post(client, people):
    arena = arena_for(people)
    sign_in(client, people.observer)

    response = client.post(f"/arenas/{arena.slug}/threads/new/", {"title": "Sneaky", "kind": "idea"})

    assert response.status_code == 403
    assert not Thread.objects.exists()


# --- The thread page -----------------------------------------------------------------------------------------


def test_the_thread_page_shows_title_kind_phase_author_summary_and_opening(client, people):
    arena = arena_for(people)
    thread = start_thread(arena, people.participant, title="Walking bus", kind="idea", body="Take *turns*.")
    thread_summary_set(thread=thread, actor=people.facilitator, body="First take.")
    thread_summary_set(thread=thread, actor=people.facilitator, body="We agree on **Tuesdays**.")

    page = html(client.get(thread_url(thread)))

    assert "Idea" in page and "Phase: Framing the problem" in page and "Cecilie Citizen" in page
    assert "<em>turns</em>" in page
    summary = page[page.index('id="summary"') : page.index('id="posts"')]
    assert "<strong>Tuesdays</strong>" in summary and "Written by Frederik Facilitator" in summary
    assert "1 earlier version" in summary and "First take." in summary
    assert page.index('id="summary"') < page.index('id="posts"')
    assert "Write a new version of the summary" not in page  # only moderators


def test_the_thread_page_without_a_summary_says_so(client, people):
    thread = start_thread(arena_for(people), people.participant)

    assertContains(client.get(thread_url(thread)), "The facilitators have not summarised this thread yet.")
    sign_in(client, people.facilitator)
    assertContains(client.get(thread_url(thread)), "No summary yet. Write where the conversation stands")


def test_a_locked_thread_says_it_takes_no_posts_and_refuses_them(client, people):
    thread = start_thread(arena_for(people), people.participant)
    thread_moderate(thread=thread, actor=people.facilitator, locked=True)
    sign_in(client, people.participant)

    page = html(client.get(thread_url(thread)))
    response = client.post(f"{thread_url(thread)}posts/", {"body": "Late"})

    assert "This thread is locked." in page and 'id="new-post-form"' not in page
    assert response.status_code == 403
    assert not thread.posts.exists()


# --- Follow and mute ----------------------------------------------------------------------------------------


def test_follow_mute_and_back_to_the_default(client, people):
    thread = start_thread(arena_for(people), people.participant)
    sign_in(client, people.observer)
    assertContains(client.get(thread_url(thread)), "You do not follow this thread.")

    response = client.post(f"{thread_url(thread)}follow/", {"state": "following"})
    assertRedirects(response, f"{thread_url(thread)}#thread-tools", fetch_redirect_response=False)
    assert ThreadFollow.objects.get(thread=thread, user=people.observer).state == "following"
    assertContains(client.get(thread_url(thread)), "Stop following")

    client.post(f"{thread_url(thread)}follow/", {"state": "muted"})
    assert ThreadFollow.objects.get(thread=thread, user=people.observer).state == "muted"
    assertContains(client.get(thread_url(thread)), "Unmute this thread")

    client.post(f"{thread_url(thread)}follow/", {"state": "default"})
    assert not ThreadFollow.objects.filter(thread=thread, user=people.observer).exists()


def test_following_needs_a_person_and_a_get_changes_nothing(client, people):
    thread = start_thread(arena_for(people), people.participant)

    response = client.post(f"{thread_url(thread)}follow/", {"state": "following"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    sign_in(client, people.outsider)
    assert client.get(f"{thread_url(thread)}follow/?state=following").status_code == 405
    assert not ThreadFollow.objects.filter(user=people.outsider).exists()


# --- The arena page's recent activity ----------------------------------------------------------------------------


def test_the_arena_page_lists_recent_threads_and_posts_with_links(client, people):
    arena = arena_for(people)
    thread = start_thread(arena, people.participant, title="Walking bus")
    post = post_create(thread=thread, author=people.facilitator, body="Tuesdays work for the school.")

    page = html(client.get(f"/arenas/{arena.slug}/"))

    assert f'href="{thread_url(thread)}" dir="auto">Walking bus</a>' in page
    assert f'href="{thread_url(thread)}?post={post.number}#post-{post.number}"' in page
    assert "Frederik Facilitator in “Walking bus”" in page
    assert f'href="{threads_url(arena)}">All threads</a>' in page


def test_the_arena_page_without_threads_invites_to_start_one(client, people):
    arena = arena_for(people)
    sign_in(client, people.participant)

    page = html(client.get(f"/arenas/{arena.slug}/"))

    assert "Threads and prototypes will appear here." in page and "start the first one" in page
