"""Threads through the API: the list and its filters, starting a thread, its detail, and editing it (the
author's text, the facilitators' lock, pin, resolve and summary)."""

import pytest

from arenas.deliberation.models import Thread, ThreadSummary
from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create, thread_moderate, thread_summary_set
from arenas.models import Phase, Role
from platform_core.audit.models import AuditEntry
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

from .api_helpers import auth

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    arena = ArenaFactory(slug="safer-school-routes", title="Safer school routes")
    Phase.objects.create(arena=arena, order=1, name="Prototyping")
    return arena


@pytest.fixture
def citizen(arena):
    return MembershipFactory(
        arena=arena, user=UserFactory(handle="citizen", display_name="Cit Izen"), role=Role.PARTICIPANT
    ).user


@pytest.fixture
def facilitator(arena):
    return MembershipFactory(arena=arena, role=Role.FACILITATOR).user


def list_url(arena) -> str:
    return f"/api/v1/arenas/{arena.slug}/threads/"


def patch(client, thread, payload, user):
    return client.patch(
        f"/api/v1/threads/{thread.pk}/", payload, content_type="application/json", **auth(user)
    )


# --- starting a thread ---------------------------------------------------------------------------------------


def test_a_participant_starts_a_thread_and_gets_its_id_and_detail(client, arena, citizen, facilitator):
    response = client.post(
        list_url(arena),
        {
            "title": "  Walking bus  ",
            "body": "**Idea**: parents take turns <script>alert(1)</script>",
            "kind": "idea",
            "phase": "prototyping",
            "topics": ["Mobility", "Schools"],
        },
        content_type="application/json",
        **auth(citizen),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    thread = Thread.objects.get(pk=body["id"])
    assert response["Location"] == f"/api/v1/threads/{thread.pk}/"
    assert body["title"] == "Walking bus"
    assert body["arena"] == "safer-school-routes"
    assert body["kind"] == "idea"
    assert body["phase"] == "Prototyping"
    assert sorted(body["topics"]) == ["Mobility", "Schools"]
    assert body["author"] == {"handle": "citizen", "display_name": "Cit Izen"}
    assert "<strong>Idea</strong>" in body["body_html"]
    assert "<script" not in body["body_html"]
    assert body["summary"] is None
    assert body["post_count"] == 0
    assert body["url"] == f"http://testserver/arenas/safer-school-routes/threads/{thread.pk}/"
    assert Notification.objects.filter(recipient=facilitator, event="deliberation.thread_created").exists()


def test_a_thread_starts_in_the_current_phase_as_a_discussion_by_default(client, arena, citizen):
    body = client.post(
        list_url(arena), {"title": "Lights"}, content_type="application/json", **auth(citizen)
    ).json()

    assert (body["kind"], body["phase"], body["body_html"]) == ("discussion", "Framing the problem", "")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "No title"}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "T", "kind": "rant"}, "kind"),
        ({"title": "T", "phase": "Scaling"}, "phase"),
        ({"title": "T", "topics": "Mobility"}, "topics"),
    ],
)
def test_a_thread_that_cannot_be_started_is_a_400_naming_the_field(client, arena, citizen, payload, field):
    response = client.post(list_url(arena), payload, content_type="application/json", **auth(citizen))

    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not Thread.objects.exists()


# --- the list ------------------------------------------------------------------------------------------------


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def threads(arena, citizen, facilitator):
    prototyping = arena.phases.get(name="Prototyping")
    made = {
        "crossing": thread_create(
            arena=arena, author=citizen, title="Crossing", body="A zebra crossing", topics=["Mobility"]
        ),
        "bus": thread_create(
            arena=arena, author=citizen, title="Walking bus", kind="idea", phase=prototyping
        ),
        "lights": thread_create(
            arena=arena, author=citizen, title="Lights", kind="question", topics=["Schools"]
        ),
    }
    for number in range(3):
        post_create(thread=made["bus"], author=citizen, body=f"Post {number}")
    thread_moderate(thread=made["lights"], actor=facilitator, resolved=True)
    thread_moderate(thread=made["crossing"], actor=facilitator, locked=True, pinned=True)
    return made


def test_the_list_puts_pinned_threads_first_then_the_latest_activity(client, arena, threads):
    assert titles(client.get(list_url(arena))) == ["Crossing", "Walking bus", "Lights"]


def test_a_list_item_carries_what_a_list_shows(client, arena, threads):
    item = client.get(list_url(arena), {"kind": "idea"}).json()["results"][0]

    assert item["id"] == threads["bus"].pk
    assert item["post_count"] == 3
    assert item["phase"] == "Prototyping"
    assert item["has_summary"] is False
    assert (item["pinned"], item["locked"], item["resolved"]) == (False, False, False)
    assert item["url"].endswith(f"/arenas/safer-school-routes/threads/{threads['bus'].pk}/")
    assert "body_html" not in item


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "question"}, ["Lights"]),
        ({"phase": "Prototyping"}, ["Walking bus"]),
        ({"topic": "mobility"}, ["Crossing"]),
        ({"status": "open"}, ["Walking bus"]),
        ({"status": "resolved"}, ["Lights"]),
        ({"status": "locked"}, ["Crossing"]),
        ({"q": "zebra"}, ["Crossing"]),
        ({"sort": "active"}, ["Crossing", "Walking bus", "Lights"]),
        ({"sort": "newest", "status": "open"}, ["Walking bus"]),
    ],
)
def test_the_list_filters_searches_and_sorts(client, arena, threads, params, expected):
    assert titles(client.get(list_url(arena), params)) == expected


def test_an_unknown_filter_value_is_a_400_naming_the_parameter(client, arena):
    response = client.get(list_url(arena), {"kind": "rant", "sort": "random"})

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"kind", "sort"}


def test_the_list_is_paginated(client, arena, threads):
    body = client.get(list_url(arena), {"page_size": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"].endswith("page=2&page_size=2")


# --- the detail and editing ----------------------------------------------------------------------------------


@pytest.fixture
def thread(arena, citizen):
    return thread_create(arena=arena, author=citizen, title="Crossing", body="Where do we cross?")


def test_the_detail_shows_the_latest_summary_with_who_wrote_it(client, thread, facilitator):
    thread_summary_set(thread=thread, actor=facilitator, body="First take")
    thread_summary_set(thread=thread, actor=facilitator, body="We agree on **the gate**")

    body = client.get(f"/api/v1/threads/{thread.pk}/").json()

    assert body["summary"]["body_html"] == "<p>We agree on <strong>the gate</strong></p>"
    assert body["summary"]["author"]["handle"] == facilitator.handle
    assert body["summary"]["created"]
    assert body["body"] == "Where do we cross?"
    assert body["has_summary"] is True
    assert body["last_activity_at"]


def test_the_author_edits_title_text_and_kind(client, thread, citizen):
    response = patch(
        client, thread, {"title": "Crossing at the gate", "body": "_Here_", "kind": "question"}, citizen
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["kind"], body["body_html"]) == (
        "Crossing at the gate",
        "question",
        "<p><em>Here</em></p>",
    )


def test_a_facilitator_locks_pins_resolves_and_summarises_in_one_call_and_it_is_audited(
    client, thread, facilitator
):
    response = patch(
        client,
        thread,
        {"locked": True, "pinned": True, "resolved": True, "summary": "Done: *lights*"},
        facilitator,
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["locked"], body["pinned"], body["resolved"]) == (True, True, True)
    assert body["summary"]["body_html"] == "<p>Done: <em>lights</em></p>"
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "thread.moderated",
        "thread.summarised",
    }

    unlocked = patch(client, thread, {"locked": False}, facilitator).json()
    assert (unlocked["locked"], unlocked["pinned"]) == (False, True)
    assert ThreadSummary.objects.filter(thread=thread).count() == 1


def test_the_author_may_not_lock_even_together_with_an_edit_and_nothing_changes(client, thread, citizen):
    response = patch(client, thread, {"title": "Mine", "locked": True}, citizen)

    assert response.status_code == 403
    assert "facilitators and conveners" in response.json()["error"]["message"]
    thread.refresh_from_db()
    assert (thread.title, thread.locked) == ("Crossing", False)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "non_field_errors"),
        ({"arena": "other"}, "arena"),
        ({"title": ""}, "title"),
        ({"summary": " "}, "summary"),
    ],
)
def test_an_edit_that_cannot_be_made_is_a_400(client, thread, facilitator, payload, field):
    response = patch(client, thread, payload, facilitator)

    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]


def test_a_locked_thread_takes_no_post_and_says_so(client, thread, citizen, facilitator):
    patch(client, thread, {"locked": True}, facilitator)

    response = client.post(
        f"/api/v1/threads/{thread.pk}/posts/",
        {"body": "Still?"},
        content_type="application/json",
        **auth(citizen),
    )

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "This thread is locked: it takes no new posts, and its posts can no longer be changed."
    )
    assert thread.posts.count() == 0
