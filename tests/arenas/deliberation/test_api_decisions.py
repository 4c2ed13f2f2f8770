"""``POST /api/v1/posts/{id}/decision/``: the queue's one moderation decision through the API — the same
service, the same all-or-nothing, the same error shape."""

import pytest

from arenas.deliberation.models import Flag, Post
from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Membership, Role
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

from .api_helpers import auth

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(slug="safer-school-routes")


@pytest.fixture
def people(arena):
    def member(role, name):
        return MembershipFactory(arena=arena, user=UserFactory(display_name=name), role=role).user

    return {
        "citizen": member(Role.PARTICIPANT, "Cit Izen"),
        "reporter": member(Role.PARTICIPANT, "Rita Reporter"),
        "facilitator": member(Role.FACILITATOR, "Fay Facilitator"),
        "convener": member(Role.CONVENER, "Con Vener"),
    }


def flagged_post(arena, people, author):
    thread = thread_create(arena=arena, author=people["citizen"], title="Crossing at Ring Road")
    post = post_create(thread=thread, author=author, body="Call me on 12345678")
    flag_create(post=post, reporter=people["reporter"], reason="personal_data")
    return post


def decide(client, post, user, payload):
    return client.post(
        f"/api/v1/posts/{post.pk}/decision/", payload, content_type="application/json", **auth(user)
    )


def test_hide_warn_and_ban_in_one_call(client, arena, people):
    post = flagged_post(arena, people, people["citizen"])

    response = decide(
        client, post, people["facilitator"], {"hide": True, "warn": True, "ban": True, "reason": "Spam"}
    )

    assert response.status_code == 200, response.content
    assert response.json() == {
        "hidden": True,
        "warned": True,
        "banned": True,
        "dismissed": False,
        "flags_closed": 1,
    }
    assert Post.objects.get(pk=post.pk).is_hidden
    assert Membership.objects.get(arena=arena, user=people["citizen"]).banned
    ban = Notification.objects.get(recipient=people["citizen"], event="arenas.banned")
    assert (ban.actor_name, ban.data["by_role"], ban.data["reason"]) == ("", "facilitator", "Spam")


def test_a_refused_ban_is_a_403_and_changes_nothing(client, arena, people):
    post = flagged_post(arena, people, people["convener"])

    response = decide(client, post, people["facilitator"], {"hide": True, "ban": True, "reason": "Rude"})

    assert response.status_code == 403
    assert "below yours" in response.json()["error"]["message"]
    assert Post.objects.get(pk=post.pk).hidden_at is None
    assert Flag.objects.get().status == "open"


def test_a_missing_reason_is_a_400_naming_the_field(client, arena, people):
    post = flagged_post(arena, people, people["citizen"])

    response = decide(client, post, people["facilitator"], {"warn": True, "reason": " "})

    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]
    assert not Notification.objects.filter(recipient=people["citizen"], event="deliberation.warning").exists()


def test_none_chosen_dismisses_the_flags(client, arena, people):
    post = flagged_post(arena, people, people["citizen"])

    response = decide(client, post, people["facilitator"], {})

    assert response.json()["dismissed"] is True
    assert Flag.objects.get().status == "dismissed"


def test_a_participant_may_not_decide(client, arena, people):
    post = flagged_post(arena, people, people["citizen"])

    assert decide(client, post, people["reporter"], {"hide": True, "reason": "x"}).status_code == 403
    assert Flag.objects.get().status == "open"
