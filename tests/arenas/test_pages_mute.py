"""Muting an arena from its page: members get a button (one POST), the page says when it is muted, muted
arenas send the person nothing, and unmuting brings it back; visitors and non-members cannot."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from platform_core.notifications.models import Notification
from platform_core.notifications.preferences import preferences_of
from platform_core.notifications.services import notify
from tests.arenas.pages_helpers import make_arena, page_of, sign_in

pytestmark = pytest.mark.django_db


def mute_url(arena):
    return f"/arenas/{arena.slug}/mute/"


def tell(arena, person):
    notify(recipients=[person], event="platform.tip", target_title="News", group_key=arena.group_key)


def test_a_member_mutes_and_unmutes_from_the_arena_page(client, people):
    arena = make_arena(people, title="Safer school routes")
    sign_in(client, people.participant)
    assertContains(client.get(page_of(arena)), "Mute this arena")

    response = client.post(mute_url(arena), {"muted": "1"}, follow=True)

    assertContains(response, "“Safer school routes” is muted")
    assertContains(response, "You get no notifications from this arena.")
    assertContains(response, "Unmute this arena")
    assertNotContains(response, "Mute this arena")
    assert preferences_of(people.participant).mutes(arena.group_key)
    tell(arena, people.participant)
    assert not Notification.objects.filter(recipient=people.participant).exists()

    response = client.post(mute_url(arena), {"muted": "0"}, follow=True)

    assertContains(response, "“Safer school routes” is unmuted")
    assertContains(response, "Mute this arena")
    tell(arena, people.participant)
    assert Notification.objects.filter(recipient=people.participant).count() == 1


def test_the_muted_arena_is_listed_in_the_notification_settings(client, people):
    arena = make_arena(people, title="Safer school routes")
    sign_in(client, people.participant)
    client.post(mute_url(arena), {"muted": "1"})

    response = client.get("/settings/notifications/")

    assertContains(response, "Unmute")
    assertContains(response, arena.group_key)  # no notification yet carries its label: the key is shown


def test_non_members_see_no_button_and_cannot_mute(client, people):
    arena = make_arena(people)
    sign_in(client, people.outsider)

    assertNotContains(client.get(page_of(arena)), "Mute this arena")
    response = client.post(mute_url(arena), {"muted": "1"})

    assert response.status_code == 403
    assert not preferences_of(people.outsider).mutes(arena.group_key)


def test_a_visitor_is_sent_to_sign_in(client, people):
    arena = make_arena(people)

    response = client.post(mute_url(arena), {"muted": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_private_arena_answers_404_to_a_stranger(client, people):
    arena = make_arena(people, visibility="private")
    sign_in(client, people.outsider)

    assert client.post(mute_url(arena), {"muted": "1"}).status_code == 404


def test_muting_is_a_post(client, people):
    arena = make_arena(people)
    sign_in(client, people.participant)

    assert client.get(mute_url(arena)).status_code == 405
