"""Posts through the API: writing, replying, reading a thread page by page, editing, deleting, endorsing,
flagging, hiding — and what a hidden or deleted post shows to whom."""

import datetime as dt

import pytest
import time_machine

from arenas.deliberation.models import Flag, Post, PostRevision
from arenas.deliberation.services.posts import post_create, post_hide
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

from .api_helpers import auth, bulk_thread, unsafe_markup, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(slug="safer-school-routes")


@pytest.fixture
def citizen(arena):
    return MembershipFactory(
        arena=arena, user=UserFactory(handle="citizen", display_name="Cit Izen"), role=Role.PARTICIPANT
    ).user


@pytest.fixture
def other(arena):
    return MembershipFactory(arena=arena, role=Role.PARTICIPANT).user


@pytest.fixture
def facilitator(arena):
    return MembershipFactory(arena=arena, role=Role.FACILITATOR).user


@pytest.fixture
def thread(arena, citizen):
    return thread_create(arena=arena, author=citizen, title="Crossing at Ring Road")


@pytest.fixture
def post(thread, citizen):
    return post_create(thread=thread, author=citizen, body="At the **school gate**.", stance="supports")


def send(client, method, url, user, payload=None):
    return getattr(client, method)(url, payload, content_type="application/json", **auth(user))


def write(client, thread, user, **payload):
    return send(client, "post", f"/api/v1/threads/{thread.pk}/posts/", user, payload)


# --- writing -------------------------------------------------------------------------------------------------


def test_a_participant_posts_and_gets_the_post_back_with_its_id(client, thread, citizen):
    response = write(client, thread, citizen, body="I *agree*", stance="supports")

    assert response.status_code == 201, response.content
    body = response.json()
    post = Post.objects.get(pk=body["id"])
    assert response["Location"] == f"/api/v1/posts/{post.pk}/"
    created = body.pop("created")
    assert created
    assert body == {
        "id": post.pk,
        "number": 1,
        "body_html": "<p>I <em>agree</em></p>",
        "author": {"handle": "citizen", "display_name": "Cit Izen"},
        "stance": "supports",
        "parent": None,
        "depth": 0,
        "endorsements": 0,
        "endorsed": False,
        "edited": None,
        "hidden": False,
        "hidden_reason": None,
        "deleted": False,
    }


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_a_script_or_an_onerror_image_comes_back_as_harmless_text(client, thread, citizen, payload):
    body = write(client, thread, citizen, body=payload).json()

    stored = Post.objects.get(pk=body["id"]).body_html
    page = client.get(f"/arenas/{thread.arena.slug}/threads/{thread.pk}/").content.decode()

    assert body["body_html"] == stored
    assert "&lt;" in stored
    assert unsafe_markup(stored) == []
    assert unsafe_markup(page) == []
    assert payload in visible_text(page)


def test_replies_nest_two_levels_and_deeper_replies_join_the_second(client, thread, citizen, other, post):
    first = write(client, thread, other, body="Why?", parent=post.pk).json()
    second = write(client, thread, citizen, body="Because", parent=first["id"]).json()
    third = write(client, thread, other, body="I see", parent=second["id"]).json()

    assert (first["parent"], first["depth"]) == (post.pk, 1)
    assert (second["parent"], second["depth"]) == (first["id"], 2)
    assert (third["parent"], third["depth"]) == (first["id"], 2)
    assert Notification.objects.filter(recipient=citizen, event="deliberation.reply").exists()


def test_a_reply_to_a_post_of_another_thread_is_a_400(client, arena, thread, citizen):
    elsewhere = post_create(
        thread=thread_create(arena=arena, author=citizen, title="Other"), author=citizen, body="Else"
    )

    response = write(client, thread, citizen, body="Hm", parent=elsewhere.pk)

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"parent": ["There is no such post in this thread."]}


@pytest.mark.parametrize(
    ("payload", "field"), [({"body": ""}, "body"), ({"body": "x", "stance": "angry"}, "stance"), ({}, "body")]
)
def test_a_post_that_cannot_be_written_is_a_400_naming_the_field(client, thread, citizen, payload, field):
    response = write(client, thread, citizen, **payload)

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_posting_too_fast_is_a_429_with_retry_after(client, thread, citizen, settings):
    settings.RATE_LIMITS = {"posts": "2/minute"}
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC), tick=False):  # one minute
        assert [write(client, thread, citizen, body=f"Post {n}").status_code for n in range(2)] == [201, 201]

        response = write(client, thread, citizen, body="One more")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert (
        response.json()["error"]["message"] == "You are posting very fast. You can post again in 60 seconds."
    )


# --- reading page by page ------------------------------------------------------------------------------------


def walk(client, url, user=None, **params):
    """Every page from the first by ``next``: the numbers on each page, and the last response's body."""
    pages, body = [], client.get(url, params, **auth(user)).json()
    pages.append([item["number"] for item in body["results"]])
    while body["next"]:
        body = client.get(body["next"], **auth(user)).json()
        pages.append([item["number"] for item in body["results"]])
    return pages, body


def flat(pages) -> list[int]:
    return [number for page in pages for number in page]


def test_a_120_post_thread_is_walked_in_pages_of_50_with_no_duplicate_or_gap_both_ways(
    client, arena, citizen, other
):
    long = bulk_thread(arena, 120, authors=[citizen, other])
    url = f"/api/v1/threads/{long.pk}/posts/"

    oldest, last = walk(client, url)
    newest, _last = walk(client, url, order="newest")

    assert [len(page) for page in oldest] == [50, 50, 20]
    assert flat(oldest) == list(range(1, 121))
    assert [len(page) for page in newest] == [50, 50, 20]
    assert flat(newest) == list(range(120, 0, -1))
    assert "order=newest" in client.get(url, {"order": "newest"}).json()["next"]

    back = [[item["number"] for item in last["results"]]]
    body = last
    while body["previous"]:
        body = client.get(body["previous"]).json()
        back.append([item["number"] for item in body["results"]])
    assert flat(reversed(back)) == list(range(1, 121))


def test_a_forged_cursor_is_a_404_in_the_error_shape(client, thread, post):
    response = client.get(f"/api/v1/threads/{thread.pk}/posts/", {"cursor": "cD1hYmM="})  # p=abc

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Invalid cursor"


def test_the_page_says_which_posts_the_caller_endorses(client, arena, citizen, other):
    long = bulk_thread(arena, 12, authors=[other], endorser=citizen)

    results = client.get(f"/api/v1/threads/{long.pk}/posts/", **auth(citizen)).json()["results"]

    assert [p["number"] for p in results if p["endorsed"]] == [3, 6, 9, 12]
    anonymous = client.get(f"/api/v1/threads/{long.pk}/posts/").json()["results"]
    assert not any(p["endorsed"] for p in anonymous)


# --- editing and deleting ------------------------------------------------------------------------------------


def test_the_author_edits_a_post_and_the_earlier_text_is_kept(client, post, citizen):
    response = send(
        client, "patch", f"/api/v1/posts/{post.pk}/", citizen, {"body": "At the _back_ gate", "stance": ""}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["body_html"] == "<p>At the <em>back</em> gate</p>"
    assert body["stance"] is None
    assert body["edited"]
    assert PostRevision.objects.get(post=post).body == "At the **school gate**."


def test_the_author_deletes_a_post_its_place_stays_without_text(client, thread, post, citizen, other):
    reply = post_create(thread=thread, author=other, body="Agreed", parent=post)

    response = send(client, "delete", f"/api/v1/posts/{post.pk}/", citizen)

    assert response.status_code == 204
    body = client.get(f"/api/v1/posts/{post.pk}/").json()
    assert (body["deleted"], body["body_html"], body["number"]) == (True, "", 1)
    assert client.get(f"/api/v1/posts/{reply.pk}/").json()["parent"] == post.pk
    edit = send(client, "patch", f"/api/v1/posts/{post.pk}/", citizen, {"body": "Back"})
    assert edit.status_code == 403


def test_a_post_of_a_deleted_account_has_no_author(client, post, citizen):
    citizen.delete()

    assert client.get(f"/api/v1/posts/{post.pk}/").json()["author"] is None


# --- endorsing and flagging ----------------------------------------------------------------------------------


def test_endorsing_toggles(client, post, other):
    url = f"/api/v1/posts/{post.pk}/endorse/"

    assert send(client, "post", url, other).json() == {"endorsed": True, "endorsements": 1}
    assert client.get(f"/api/v1/posts/{post.pk}/", **auth(other)).json()["endorsed"] is True
    assert send(client, "post", url, other).json() == {"endorsed": False, "endorsements": 0}
    assert client.get(f"/api/v1/posts/{post.pk}/").json()["endorsements"] == 0


def test_a_hidden_post_cannot_be_endorsed(client, post, other, facilitator):
    post_hide(post=post, actor=facilitator, reason="Spam")

    response = send(client, "post", f"/api/v1/posts/{post.pk}/endorse/", other)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "A hidden or deleted post cannot be endorsed."


def test_anyone_who_sees_the_post_flags_it_once_while_the_flag_is_open(client, post, facilitator):
    passer_by = UserFactory()
    url = f"/api/v1/posts/{post.pk}/flags/"

    first = send(client, "post", url, passer_by, {"reason": "off_topic", "note": "Not about roads"})
    second = send(client, "post", url, passer_by, {"reason": "spam"})

    assert first.status_code == 201, first.content
    assert first.json()["reason"] == "off_topic"
    assert first.json()["status"] == "open"
    assert second.status_code == 400
    assert second.json()["error"]["message"] == (
        "You have already flagged this post; the facilitators will look at it."
    )
    assert Flag.objects.filter(post=post).count() == 1
    assert Notification.objects.filter(recipient=facilitator, event="deliberation.post_flagged").exists()


@pytest.mark.parametrize(
    ("payload", "field"), [({"reason": "other"}, "note"), ({"reason": "boring"}, "reason"), ({}, "reason")]
)
def test_a_flag_without_a_reason_is_a_400(client, post, other, payload, field):
    response = send(client, "post", f"/api/v1/posts/{post.pk}/flags/", other, payload)

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


# --- hiding --------------------------------------------------------------------------------------------------


def test_a_facilitator_hides_a_post_the_author_is_told_and_sees_why_others_do_not(
    client, post, citizen, other, facilitator
):
    response = send(
        client, "post", f"/api/v1/posts/{post.pk}/hide/", facilitator, {"reason": "Personal data"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["hidden"] is True
    assert response.json()["hidden_reason"] == "Personal data"
    notification = Notification.objects.get(recipient=citizen, event="deliberation.post_hidden")
    assert "Personal data" in notification.target_title

    as_author = client.get(f"/api/v1/posts/{post.pk}/", **auth(citizen)).json()
    as_other = client.get(f"/api/v1/posts/{post.pk}/", **auth(other)).json()
    in_the_list = client.get(f"/api/v1/threads/{post.thread_id}/posts/", **auth(other)).json()["results"][0]
    assert (as_author["hidden"], as_author["body_html"], as_author["hidden_reason"]) == (
        True,
        post.body_html,  # the author still reads their own text, marked hidden
        "Personal data",
    )
    assert (as_other["hidden"], as_other["body_html"], as_other["hidden_reason"]) == (True, "", None)
    assert in_the_list == as_other


def test_a_hide_without_a_reason_is_a_400(client, post, facilitator):
    response = send(client, "post", f"/api/v1/posts/{post.pk}/hide/", facilitator, {"reason": " "})

    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]


def test_a_facilitator_unhides_a_post(client, post, facilitator):
    post_hide(post=post, actor=facilitator, reason="Spam")

    response = send(client, "post", f"/api/v1/posts/{post.pk}/unhide/", facilitator)

    assert response.status_code == 200
    body = response.json()
    assert (body["hidden"], body["hidden_reason"]) == (False, None)
    assert body["body_html"] == "<p>At the <strong>school gate</strong>.</p>"
