"""People and arenas for the arena page tests: one organisation, someone in every role; the directory's
and an arena page's URLs."""

from types import SimpleNamespace

from arenas.models import Role
from platform_core.organisations.models import OrganisationMember
from tests.factories import (
    ArenaFactory,
    MembershipFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PhaseFactory,
    UserFactory,
)

ROLES = ["anonymous", "outsider", "participant", "facilitator", "convener", "org_admin", "site_admin"]
DIRECTORY = "/arenas/"


def make_people():
    organisation = OrganisationFactory(name="Northbridge Municipality", slug="northbridge")
    return SimpleNamespace(
        organisation=organisation,
        anonymous=None,
        outsider=UserFactory(display_name="Oscar Outsider"),
        participant=UserFactory(display_name="Cecilie Citizen"),
        facilitator=UserFactory(display_name="Frederik Facilitator"),
        convener=UserFactory(display_name="Clara Convener"),
        org_admin=OrganisationMemberFactory(
            organisation=organisation, role=OrganisationMember.Role.ADMIN, user__display_name="Olga Admin"
        ).user,
        org_staff=OrganisationMemberFactory(
            organisation=organisation, role=OrganisationMember.Role.STAFF, user__display_name="Sam Staff"
        ).user,
        site_admin=UserFactory(is_staff=True, is_superuser=True, display_name="Site Admin"),
    )


def make_arena(people, *, phases=("Ideation", "Prototyping"), **kwargs):
    """An arena of the people's organisation with a participant, a facilitator and a convener, and the
    factory's "Framing the problem" phase (current) followed by ``phases``."""
    kwargs.setdefault("organisation", people.organisation)
    arena = ArenaFactory(**kwargs)
    for order, name in enumerate(phases, start=1):
        PhaseFactory(arena=arena, order=order, name=name)
    MembershipFactory(arena=arena, user=people.participant, role=Role.PARTICIPANT)
    MembershipFactory(arena=arena, user=people.facilitator, role=Role.FACILITATOR, stakeholder_type="expert")
    MembershipFactory(
        arena=arena, user=people.convener, role=Role.CONVENER, stakeholder_type="public_employee"
    )
    return arena


def page_of(arena):
    return f"/arenas/{arena.slug}/"


def sign_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def html(response) -> str:
    return response.content.decode()
