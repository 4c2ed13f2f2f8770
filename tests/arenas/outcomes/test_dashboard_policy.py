"""Who gets what of the dashboard, on the page and in the API, for every role × visibility (a draft is a
public arena not yet opened), from one table: the public summary, the full dashboard (details), a refusal
(403 with the policy's sentence; signed out: sign in first on the page, 401 in the API) or a 404."""

import pytest

from arenas.models import Arena, Role
from platform_core.organisations.models import OrganisationMember
from tests.factories import ArenaFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "observer",
    "participant",
    "facilitator",
    "convener",
    "org_admin",
    "site_admin",
]
# summary · full · refused · 404, per role, in the order of ROLES.
TABLE = """
public      summary summary summary summary full full full full
restricted  refused refused refused refused full full full full
private     404     404     refused refused full full full full
draft       404     404     404     404     404  full full full
"""
EXPECTED = {
    line.split()[0]: dict(zip(ROLES, line.split()[1:], strict=True)) for line in TABLE.strip().splitlines()
}
CASES = [(visibility, role) for visibility in EXPECTED for role in ROLES]
SENTENCE = "Only the arena&#x27;s facilitators and conveners see this."


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    org_admin = UserFactory()
    OrganisationMember.objects.create(
        organisation=organisation, user=org_admin, role=OrganisationMember.Role.ADMIN
    )
    people = {
        "anonymous": None,
        "outsider": UserFactory(),
        "observer": UserFactory(),
        "participant": UserFactory(),
        "facilitator": UserFactory(),
        "convener": UserFactory(),
        "org_admin": org_admin,
        "site_admin": UserFactory(is_staff=True, is_superuser=True),
    }
    arenas = {
        "public": ArenaFactory(organisation=organisation, visibility=Arena.Visibility.PUBLIC),
        "restricted": ArenaFactory(organisation=organisation, visibility=Arena.Visibility.RESTRICTED),
        "private": ArenaFactory(organisation=organisation, visibility=Arena.Visibility.PRIVATE),
        "draft": ArenaFactory(organisation=organisation, status=Arena.Status.DRAFT),
    }
    for arena in arenas.values():
        for role in (Role.OBSERVER, Role.PARTICIPANT, Role.FACILITATOR, Role.CONVENER):
            MembershipFactory(arena=arena, user=people[role.value], role=role)
    return people, arenas


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("visibility", "role"), CASES)
def test_the_dashboard_page(client, world, visibility, role):
    people, arenas = world
    arena = arenas[visibility]
    response = _as(client, people[role]).get(f"/arenas/{arena.slug}/dashboard/")
    want = EXPECTED[visibility][role]
    page = response.content.decode()

    if want == "404":
        assert response.status_code == 404
    elif want == "refused" and role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    elif want == "refused":
        assert response.status_code == 403
        assert SENTENCE in page
    else:
        assert response.status_code == 200
        assert ('data-details="true"' in page) is (want == "full")
        assert ("Voice balance" in page) is (want == "full")
        assert ("This public summary" in page) is (want == "summary")


@pytest.mark.parametrize(("visibility", "role"), CASES)
def test_the_dashboard_api(client, world, visibility, role):
    people, arenas = world
    arena = arenas[visibility]
    response = _as(client, people[role]).get(f"/api/v1/arenas/{arena.slug}/dashboard/")
    want = EXPECTED[visibility][role]
    body = response.json()

    if want == "404":
        assert response.status_code == 404
        assert body["error"]["code"] == "not_found"
    elif want == "refused":
        assert response.status_code == (401 if role == "anonymous" else 403)
        if role != "anonymous":
            assert body["error"]["message"] == "Only the arena's facilitators and conveners see this."
    else:
        assert response.status_code == 200
        assert body["details"] is (want == "full")
        assert ("voice" in body and "feedback" in body and "indicators" in body) is (want == "full")
        assert {"members", "mix", "posts", "sessions", "funnel", "decisions"} <= set(body)


def test_the_arena_navigation_links_the_dashboard_only_for_those_who_may_see_it(client, world):
    people, arenas = world
    public, restricted = arenas["public"], arenas["restricted"]

    assert (
        f'href="/arenas/{public.slug}/dashboard/"' in client.get(public.get_absolute_url()).content.decode()
    )
    _as(client, people["participant"])
    assert (
        f'href="/arenas/{restricted.slug}/dashboard/"'
        not in client.get(restricted.get_absolute_url()).content.decode()
    )
