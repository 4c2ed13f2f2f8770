"""Hidden means hidden everywhere (DESIGN.md section 3, "read a hidden post's text or its reason"): once a
facilitator hides a citizen's post, its text and the reason are on no page, endpoint, notification or email
for anyone but its author (who sees it marked hidden) and the arena's moderators."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from arenas.deliberation.models import ThreadFollow
from arenas.deliberation.services.posts import post_create, post_hide
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from platform_core.notifications.models import Notification
from tests.arenas.members_helpers import deliver_emails
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

from .api_helpers import auth

pytestmark = pytest.mark.django_db

SECRET = "Bussen kører forbi Skolevej 7 kl. 7.45 🚌 — مرحبا"
SECRET_MARK = "Skolevej 7"
REASON = "Personal data: an address"


@pytest.fixture(params=["public", "private"])
def scene(request):
    arena = ArenaFactory(slug="safer-school-routes", visibility=request.param, status=Arena.Status.OPEN)
    people = {
        "author": MembershipFactory(
            arena=arena, role=Role.PARTICIPANT, user=UserFactory(handle="cecilie")
        ).user,
        "participant": MembershipFactory(
            arena=arena, role=Role.PARTICIPANT, user=UserFactory(handle="per")
        ).user,
        "facilitator": MembershipFactory(arena=arena, role=Role.FACILITATOR).user,
        "outsider": UserFactory(),
        "anonymous": None,
    }
    thread = thread_create(arena=arena, author=people["participant"], title="Crossing at Ring Road")
    post = post_create(thread=thread, author=people["author"], body=f"{SECRET} @per")
    post_create(thread=thread, author=people["participant"], body="Thanks", parent=post)
    ThreadFollow.objects.get_or_create(thread=thread, user=people["facilitator"])
    post_hide(post=post, actor=people["facilitator"], reason=REASON)
    post.refresh_from_db()
    return arena, thread, post, people


def pages(arena, thread, post) -> dict[str, str]:
    base = reverse("deliberation:thread", args=[arena.slug, thread.pk])
    posts = f"{base}posts/{post.number}/"
    return {
        "arena": arena.get_absolute_url(),
        "thread": base,
        "thread, newest first": f"{base}?order=newest",
        "thread, at the post": f"{base}?post={post.number}",
        "flag": f"{posts}flag/",
        "reply": f"{posts}reply/",
        "edit": f"{posts}edit/",
        "delete": f"{posts}delete/",
        "hide": f"{posts}hide/",
        "moderation queue": reverse("deliberation:moderation", args=[arena.slug]),
        "thread list": reverse("deliberation:threads", args=[arena.slug]),
    }


def endpoints(thread, post) -> dict[str, str]:
    return {
        "post detail": f"/api/v1/posts/{post.pk}/",
        "posts list": f"/api/v1/threads/{thread.pk}/posts/",
        "posts list, newest first": f"/api/v1/threads/{thread.pk}/posts/?order=newest",
        "thread detail": f"/api/v1/threads/{thread.pk}/",
    }


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "participant"])
def test_nobody_else_finds_the_text_or_the_reason_on_any_page(client, scene, who):
    arena, thread, post, people = scene
    login(client, people[who])

    for name, url in pages(arena, thread, post).items():
        for htmx in (False, True):
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = client.get(url, **headers)
            content = response.content.decode()
            assert response.status_code < 500, (name, response.status_code)
            assert SECRET_MARK not in content, (who, name, htmx)
            assert REASON not in content, (who, name, htmx)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "participant"])
def test_nobody_else_finds_the_text_or_the_reason_on_any_endpoint(client, scene, who):
    arena, thread, post, people = scene
    for name, url in endpoints(thread, post).items():
        response = client.get(url, **auth(people[who]))
        content = response.content.decode()
        assert response.status_code < 500, (name, response.status_code)
        assert SECRET_MARK not in content, (who, name)
        assert REASON not in content, (who, name)
    if arena.visibility == "public":
        detail = client.get(f"/api/v1/posts/{post.pk}/", **auth(people[who])).json()
        assert (detail["hidden"], detail["body_html"], detail["hidden_reason"]) == (True, "", None)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "participant"])
def test_writing_to_it_is_refused_and_shows_nothing(client, scene, who):
    """Replying to, endorsing, flagging or editing a hidden post by a direct POST: refused, nothing shown."""
    arena, thread, post, people = scene
    login(client, people[who])
    base = reverse("deliberation:thread", args=[arena.slug, thread.pk])
    before = thread.posts.count()
    for action, data in [("reply", {"body": "Me too"}), ("endorse", {}), ("flag", {"reason": "spam"})]:
        response = client.post(f"{base}posts/{post.number}/{action}/", data)
        assert response.status_code in (302, 403, 404), (action, response.status_code)
        assert SECRET_MARK not in response.content.decode()
    for url, data in [
        (f"/api/v1/threads/{thread.pk}/posts/", {"body": "Me too", "parent": post.pk}),
        (f"/api/v1/posts/{post.pk}/endorse/", {}),
        (f"/api/v1/posts/{post.pk}/flags/", {"reason": "spam"}),
    ]:
        response = client.post(url, data, content_type="application/json", **auth(people[who]))
        assert response.status_code in (401, 403, 404), (url, response.status_code)
        assert SECRET_MARK not in response.content.decode()
    assert thread.posts.count() == before
    post.refresh_from_db()
    assert (post.endorsement_count, post.flags.count()) == (0, 0)


def test_the_author_still_sees_it_marked_hidden_with_the_reason(client, scene):
    arena, thread, post, people = scene
    login(client, people["author"])

    page = client.get(reverse("deliberation:thread", args=[arena.slug, thread.pk])).content.decode()
    detail = client.get(f"/api/v1/posts/{post.pk}/", **auth(people["author"])).json()

    assert SECRET_MARK in page and "Hidden by a moderator." in page and REASON in page
    assert "Only you and the facilitators see the text." in page
    assert (
        detail["hidden"] is True and SECRET_MARK in detail["body_html"] and detail["hidden_reason"] == REASON
    )


def test_the_arenas_moderators_see_it_also_once_the_arena_is_closed(client, scene):
    arena, thread, post, people = scene
    Arena.objects.filter(pk=arena.pk).update(status=Arena.Status.CLOSED)
    login(client, people["facilitator"])

    page = client.get(reverse("deliberation:thread", args=[arena.slug, thread.pk])).content.decode()
    detail = client.get(f"/api/v1/posts/{post.pk}/", **auth(people["facilitator"])).json()

    assert SECRET_MARK in page and REASON in page
    assert SECRET_MARK in detail["body_html"] and detail["hidden_reason"] == REASON


def test_no_notification_or_email_carries_it_to_anyone_else(scene, mailoutbox, settings):
    arena, thread, post, people = scene
    for person in (people["participant"], people["facilitator"]):
        person.time_zone = "UTC"
        person.save(update_fields=["time_zone"])

    call_command("send_digests", "--now")
    deliver_emails(mailoutbox)

    others = {people["participant"].email, people["facilitator"].email, people["outsider"].email}
    to_others = [m for m in mailoutbox if set(m.to) & others]
    assert to_others, "the participant and the facilitator were told about the thread"
    for message in to_others:
        text = message.body + "".join(content for content, _kind in message.alternatives)
        assert SECRET_MARK not in text and REASON not in text, message.subject
    for notification in Notification.objects.exclude(recipient=people["author"]):
        assert SECRET_MARK not in f"{notification.target_title} {notification.data}"
        assert REASON not in f"{notification.target_title} {notification.data}"
