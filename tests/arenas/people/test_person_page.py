"""``/people/<handle>/``: a display name and handle, the arenas the viewer shares with the person, and
what they wrote that the viewer may see — never more than the viewer's search would find."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.deliberation.services.posts import post_create, post_hide
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Ida takes part in a public arena and a private one; Eva shares only the private one; Olaf is in
    neither; Fie moderates the public one. Ida wrote in both, and one of her public posts was hidden."""
    ida = UserFactory(handle="ida", display_name="Ida Ørsted")
    eva, olaf, fie = UserFactory(display_name="Eva"), UserFactory(display_name="Olaf"), UserFactory()
    public = ArenaFactory(title="Safer school routes", visibility=Arena.Visibility.PUBLIC)
    private = ArenaFactory(title="Youth taskforce", visibility=Arena.Visibility.PRIVATE)
    for arena in (public, private):
        MembershipFactory(arena=arena, user=ida, role=Role.PARTICIPANT)
    MembershipFactory(arena=private, user=eva, role=Role.PARTICIPANT)
    MembershipFactory(arena=public, user=fie, role=Role.FACILITATOR)
    in_public = thread_create(arena=public, author=ida, title="Crossing guards", notify_members=False)
    post_create(thread=in_public, author=ida, body="The Ring Road crossing needs a guard.")
    hidden = post_create(thread=in_public, author=ida, body="Something rude about the drivers.")
    post_hide(post=hidden, actor=fie, reason="Rude")
    in_private = thread_create(arena=private, author=ida, title="Summer jobs list", notify_members=False)
    post_create(thread=in_private, author=ida, body="I can collect the summer jobs.")
    return {"ida": ida, "eva": eva, "olaf": olaf, "fie": fie, "public": public, "private": private}


def page_of(client, viewer, handle="ida"):
    if viewer is not None:
        client.force_login(viewer)
    response = client.get(f"/people/{handle}/")
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_sees_the_name_handle_and_public_contributions_only(client, world):
    page = page_of(client, None)

    assert "<h1" in page and "Ida Ørsted" in page and "@ida" in page
    assert "Crossing guards" in page and "Ring Road crossing" in page
    assert "Summer jobs" not in page and "Youth taskforce" not in page
    assert "rude" not in page.lower()
    assert "Sign in to see the arenas you share" in page


def test_someone_sharing_the_private_arena_sees_it_and_what_she_wrote_there(client, world):
    page = page_of(client, world["eva"])

    shared = page[page.index('id="shared-heading"') : page.index('id="contributions-heading"')]
    assert "Youth taskforce" in shared and "Safer school routes" not in shared
    assert "Summer jobs list" in page and "collect the summer jobs" in page


def test_an_outsider_shares_nothing_and_sees_only_the_public_part(client, world):
    page = page_of(client, world["olaf"])

    assert "You take part in no arena together" in page
    assert "Summer jobs" not in page and "Ring Road crossing" in page


def test_the_arenas_moderator_sees_the_hidden_post_marked_hidden(client, world):
    page = page_of(client, world["fie"])

    assert "Something rude about the drivers" in page
    assert "Hidden" in page
    assert "Summer jobs" not in page


def test_the_person_sees_their_own_page_with_a_way_to_change_the_handle(client, world):
    page = page_of(client, world["ida"])

    assert 'href="/settings/"' in page
    assert "Your arenas" in page and "Youth taskforce" in page and "Safer school routes" in page


@pytest.mark.parametrize("handle", ["nobody", "ida-2"])
def test_a_handle_nobody_has_is_not_found(client, world, handle):
    assert client.get(f"/people/{handle}/").status_code == 404


def test_a_deactivated_person_has_no_page(client, world):
    world["ida"].is_active = False
    world["ida"].save()

    assert client.get("/people/ida/").status_code == 404


def test_a_mention_links_to_the_persons_page(client, world):
    thread = world["public"].threads.get()
    post_create(thread=thread, author=world["fie"], body="Thanks @ida!")

    thread_page = client.get(thread.get_absolute_url()).content.decode()
    link = re.search(r'<a class="mention" href="([^"]+)">@ida</a>', thread_page)
    assert link and link.group(1) == "/people/ida/"
    assert "Ida Ørsted" in client.get(link.group(1)).content.decode()


def queries_for(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_queries_with_3_or_30_contributions_in_many_arenas(client, world):
    client.force_login(world["eva"])
    few = queries_for(client, "/people/ida/")
    for n in range(9):
        arena = ArenaFactory(visibility=Arena.Visibility.PUBLIC)
        MembershipFactory(arena=arena, user=world["ida"], role=Role.PARTICIPANT)
        MembershipFactory(arena=arena, user=world["eva"], role=Role.PARTICIPANT)
        thread = thread_create(arena=arena, author=world["ida"], title=f"Idea {n}", notify_members=False)
        post_create(thread=thread, author=world["ida"], body=f"More about idea {n}.")
        post_create(thread=thread, author=world["ida"], body=f"Still more about idea {n}.")

    assert queries_for(client, "/people/ida/") == few
