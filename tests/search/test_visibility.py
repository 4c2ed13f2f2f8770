"""Who finds what (DESIGN.md section 3 asked as a search): every role × public, restricted, private and
draft arenas, through the page and the API; hidden posts only for the arena's moderators, marked; deleted
posts never; an arena filter on an arena the viewer may not see is the same 404 as a missing one."""

from collections import Counter

import pytest

from arenas.models import Arena, Role
from arenas.rules import can
from arenas.selectors import moderated_arenas_q
from tests.arenas.pages_helpers import make_arena
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

from .helpers import api, api_hits, page, page_hits
from .scene import LABELS, MODERATES, ROLES, SEES, expected, person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_the_api_finds_what_each_role_may_see(client, scene, role):
    hits = api_hits(api(client, person(scene, role), q="lantern"))

    assert Counter((hit["type"], hit["arena"]["slug"], hit["hidden"]) for hit in hits) == expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_the_page_finds_what_each_role_may_see(client, scene, role):
    hits = page_hits(page(client, person(scene, role), q="lantern"))

    assert Counter((LABELS[hit["kind"]], hit["arena"], hit["hidden"]) for hit in hits) == expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_post_is_found_only_by_the_arenas_moderators_and_marked(client, scene, role):
    hits = api_hits(api(client, person(scene, role), q="hiddenword"))
    shown = page_hits(page(client, person(scene, role), q="hiddenword"))

    moderated = {v for v in SEES[role] if v != "draft"} if role in MODERATES else set()
    assert {hit["arena"]["slug"] for hit in hits} == moderated
    assert {hit["arena"] for hit in shown} == moderated
    assert all(hit["hidden"] is True and hit["type"] == "post" for hit in hits)
    assert all(hit["hidden"] for hit in shown)
    if moderated:
        assert "hiddenword" in hits[0]["excerpt"]


def test_its_author_does_not_find_the_hidden_post(client, scene):
    author = scene.people.author

    assert api_hits(api(client, author, q="hiddenword")) == []
    assert page_hits(page(client, author, q="hiddenword")) == []
    assert "hiddenword" not in page(client, author, q="lantern").content.decode()


def test_a_facilitator_of_one_arena_does_not_find_what_was_hidden_in_another(client, scene):
    elsewhere = ArenaFactory(organisation=scene.people.organisation, visibility="public")
    facilitator = MembershipFactory(arena=elsewhere, role=Role.FACILITATOR).user

    assert api_hits(api(client, facilitator, q="hiddenword")) == []
    assert {hit["arena"]["slug"] for hit in api_hits(api(client, facilitator, q="lantern"))} == {
        "public",
        "restricted",
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_deleted_post_is_never_found(client, scene, role):
    assert api_hits(api(client, person(scene, role), q="deletedword")) == []
    assert page_hits(page(client, person(scene, role), q="deletedword")) == []


@pytest.mark.parametrize(
    ("role", "slug"),
    [
        (role, slug)
        for role in ROLES
        for slug in ("private", "draft", "no-such-arena")
        if slug not in SEES[role]
    ],
)
def test_filtering_by_an_arena_the_viewer_may_not_see_is_not_found(client, scene, role, slug):
    assert page(client, person(scene, role), q="lantern", arena=slug).status_code == 404
    response = api(client, person(scene, role), q="lantern", arena=slug)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("role", ["participant", "convener"])
def test_filtering_by_an_arena_the_viewer_sees_finds_only_its_things(client, scene, role):
    hits = api_hits(api(client, person(scene, role), q="lantern", arena="private"))
    shown = page_hits(page(client, person(scene, role), q="lantern", arena="private"))

    assert {hit["arena"]["slug"] for hit in hits} == {"private"}
    assert {hit["arena"] for hit in shown} == {"private"}
    assert len(hits) == len(shown) == (5 if role == "convener" else 4)


@pytest.mark.parametrize("kind", ["arena", "thread", "post", "prototype"])
def test_the_type_filter_finds_only_that_kind(client, scene, kind):
    hits = api_hits(api(client, scene.people.convener, q="lantern", type=kind))
    shown = page_hits(page(client, scene.people.convener, q="lantern", type=kind))

    assert {hit["type"] for hit in hits} == {kind}
    assert {LABELS[hit["kind"]] for hit in shown} == {kind}
    assert len(hits) == len(shown) == (7 if kind == "post" else 4)


# --- the policy asked as a query ----------------------------------------------------------------------------


def test_moderated_arenas_q_selects_exactly_where_the_rules_allow_reading_what_was_hidden(scene):
    people = scene.people
    arenas = [
        *scene.arenas.values(),
        make_arena(people, slug="closed", status=Arena.Status.CLOSED),
        make_arena(people, slug="archived", status=Arena.Status.ARCHIVED, visibility="private"),
        ArenaFactory(slug="other-org", visibility="public"),
        ArenaFactory(slug="other-org-private", visibility="private"),
    ]
    banned = UserFactory()
    MembershipFactory(arena=scene.arenas["public"], user=banned, role=Role.FACILITATOR, banned=True)
    observer = UserFactory()
    for arena in arenas:
        MembershipFactory(arena=arena, user=observer, role=Role.OBSERVER)
    draft_facilitator = MembershipFactory(arena=scene.arenas["draft"], role=Role.FACILITATOR).user
    viewers = {
        **{role: person(scene, role) for role in ROLES},
        "org_staff": people.org_staff,
        "banned facilitator": banned,
        "observer": observer,
        "draft facilitator": draft_facilitator,
        "inactive site admin": UserFactory(is_superuser=True, is_staff=True, is_active=False),
    }
    answers = {}
    for name, viewer in viewers.items():
        selected = set(Arena.objects.filter(moderated_arenas_q(viewer)).values_list("slug", flat=True))
        allowed = {arena.slug for arena in Arena.objects.all() if can(viewer, "arenas.read_moderated", arena)}
        assert selected == allowed, name
        answers[name] = selected
    # The table is not trivially empty or full: the rule and the query both tell roles apart.
    assert answers["anonymous"] == answers["participant"] == answers["observer"] == set()
    assert answers["banned facilitator"] == answers["draft facilitator"] == set()
    assert answers["facilitator"] == {"public", "restricted", "private", "closed", "archived"}
    assert "draft" in answers["convener"]
    assert answers["org_admin"] == answers["convener"]
    assert "other-org" not in answers["org_admin"]
    assert answers["site_admin"] >= {"other-org", "other-org-private", "draft"}
    assert answers["inactive site admin"] == set()
