"""The index follows every change, in the same transaction: an edited post is found by its new words and
no longer by its old ones; hiding and unhiding move a post out of and back into everyone's results;
a deleted post is found by nobody; a renamed thread, an edited prototype and an arena edited in the admin
are found by what they say now."""

import pytest
from django.test import Client
from django.urls import reverse

from arenas.deliberation.services.posts import post_create, post_delete, post_edit, post_hide, post_unhide
from arenas.deliberation.services.threads import thread_create, thread_update
from arenas.models import Role
from arenas.prototypes.services.prototypes import prototype_create, prototype_update
from arenas.search import arena_index
from platform_core.search.models import SearchDocument
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

from .helpers import api, api_hits, page, page_hits

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena(db):
    arena = ArenaFactory(slug="safer-school-routes", title="Safer school routes")
    arena_index(arena)
    return arena


@pytest.fixture
def people(arena):
    return {
        "author": MembershipFactory(arena=arena, role=Role.PARTICIPANT).user,
        "participant": MembershipFactory(arena=arena, role=Role.PARTICIPANT).user,
        "facilitator": MembershipFactory(arena=arena, role=Role.FACILITATOR).user,
        "anonymous": None,
    }


@pytest.fixture
def thread(arena, people):
    return thread_create(arena=arena, author=people["author"], title="Ideas for the route")


@pytest.fixture
def post(thread, people):
    return post_create(thread=thread, author=people["author"], body="Paint a zebra crossing at the gate.")


def found(client, user, query, **params) -> list[tuple[str, int, bool]]:
    """(type, id, hidden) of every hit, after checking that the page shows as many."""
    hits = api_hits(api(client, user, q=query, **params))
    assert len(page_hits(page(client, user, q=query, **params))) == len(hits)
    return [(hit["type"], hit["id"], hit["hidden"]) for hit in hits]


def test_an_edited_post_is_found_by_its_new_words_only(client, people, post):
    post_edit(post=post, actor=people["author"], body="Put a lollipop lady at the gate.")

    assert found(client, None, "zebra") == []
    assert found(client, None, "lollipop") == [("post", post.pk, False)]
    assert "<mark>lollipop</mark>" in api_hits(api(client, None, q="lollipop"))[0]["excerpt"]


@pytest.mark.parametrize("who", ["anonymous", "participant", "author"])
def test_hiding_takes_a_post_out_of_others_results_and_unhiding_brings_it_back(client, people, post, who):
    user = people[who]
    assert found(client, user, "zebra") == [("post", post.pk, False)]

    post_hide(post=post, actor=people["facilitator"], reason="Personal data")
    assert found(client, user, "zebra") == []
    assert found(client, people["facilitator"], "zebra") == [("post", post.pk, True)]

    post_unhide(post=post, actor=people["facilitator"])
    assert found(client, user, "zebra") == [("post", post.pk, False)]
    assert found(client, people["facilitator"], "zebra") == [("post", post.pk, False)]


@pytest.mark.parametrize("who", ["anonymous", "author", "facilitator"])
def test_a_deleted_post_is_found_by_nobody(client, people, post, who):
    post_delete(post=post, actor=people["author"])

    assert found(client, people[who], "zebra") == []
    assert not SearchDocument.objects.filter(kind="post", object_id=post.pk).exists()


def test_a_hidden_post_deleted_by_its_author_is_gone_for_moderators_too(client, people, post):
    post_hide(post=post, actor=people["facilitator"], reason="Personal data")
    post_delete(post=post, actor=people["author"])

    assert found(client, people["facilitator"], "zebra") == []


def test_a_renamed_thread_is_found_by_its_new_title_and_its_posts_say_so(client, people, thread, post):
    thread_update(thread=thread, actor=people["author"], title="Crossings near the school gate")

    assert found(client, None, "ideas", type="thread") == []
    assert found(client, None, "crossings", type="thread") == [("thread", thread.pk, False)]
    post_hit = api_hits(api(client, None, q="zebra"))[0]
    assert post_hit["title"] == "Crossings near the school gate"
    assert page_hits(page(client, None, q="zebra"))[0]["title"] == "Crossings near the school gate"


def test_a_thread_edited_by_a_moderator_is_found_by_its_new_text(client, people, thread):
    thread_update(thread=thread, actor=people["facilitator"], body="What about a **walking bus**?")

    assert found(client, None, "walking bus", type="thread") == [("thread", thread.pk, False)]


def test_an_edited_prototype_is_found_by_its_new_words_only(client, arena, people):
    prototype = prototype_create(
        arena=arena,
        creator=people["author"],
        title="Lantern pilot",
        hypothesis="We believe that lights help.",
    )
    assert found(client, None, "lantern", type="prototype") == [("prototype", prototype.pk, False)]

    prototype_update(
        prototype=prototype, actor=people["author"], title="Walking bus pilot", summary="Kids walk."
    )

    assert found(client, None, "lantern pilot", type="prototype") == []
    assert found(client, None, "walking", type="prototype") == [("prototype", prototype.pk, False)]


# --- the admin ------------------------------------------------------------------------------------------------


@pytest.fixture
def site_admin(db):
    """A client of its own: the searches log ``client`` in and out."""
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    return admin


def admin_save(client, arena, **changes):
    url = reverse("admin:arenas_arena_change", args=[arena.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "organisation": arena.organisation.pk,
            "topics": [t.pk for t in arena.topics.all()],
            "current_phase": arena.current_phase_id,
            "phases-TOTAL_FORMS": "0",
            "phases-INITIAL_FORMS": "0",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            **changes,
        }
    )
    data.pop("cover_image", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_an_arena_edited_in_the_admin_is_found_by_what_it_says_now(site_admin, arena, client):
    assert found(client, None, "safer", type="arena") == [("arena", arena.pk, False)]

    admin_save(
        site_admin,
        arena,
        title="Quiet streets",
        problem_statement="Lorries **thunder** past the nursery.",
    )

    assert found(client, None, "safer", type="arena") == []
    assert found(client, None, "quiet", type="arena") == [("arena", arena.pk, False)]
    assert found(client, None, "thunder", type="arena") == [("arena", arena.pk, False)]


def test_an_arena_made_private_in_the_admin_is_no_longer_found_by_visitors(site_admin, arena, client, people):
    admin_save(site_admin, arena, visibility="private")

    assert found(client, None, "safer", type="arena") == []
    assert found(client, people["participant"], "safer", type="arena") == [("arena", arena.pk, False)]
