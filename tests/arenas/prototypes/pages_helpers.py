"""People, arenas and prototypes for the prototype page tests: Northbridge's public and private arenas with
someone in every role, and a prototype led by a citizen."""

from types import SimpleNamespace

from django.urls import reverse

from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from arenas.prototypes.models import Prototype, TeamMember
from tests.arenas.pages_helpers import html, make_arena, make_people, sign_in
from tests.factories import MembershipFactory, PrototypeFactory, UserFactory

__all__ = ["action_url", "board_url", "detail_url", "html", "set_stage", "sign_in", "stage_of", "world"]

ROLES = ["anonymous", "outsider", "observer", "participant", "lead", "facilitator", "convener"]


def world():
    """Two arenas of one organisation (public and private) with the same people in each role; in each a
    prototype led by ``lead`` (a resident) with a public employee on the team, and an idea thread."""
    people = make_people()
    people.observer = UserFactory(display_name="Olivia Observer")
    people.lead = UserFactory(display_name="Lars Lead")
    people.teammate = UserFactory(display_name="Tove Teammate")
    arenas = {}
    for visibility in [Arena.Visibility.PUBLIC, Arena.Visibility.PRIVATE]:
        arena = make_arena(
            people, visibility=visibility, title=f"School routes ({visibility})", slug=f"routes-{visibility}"
        )
        MembershipFactory(arena=arena, user=people.observer, role=Role.OBSERVER)
        MembershipFactory(arena=arena, user=people.lead, role=Role.PARTICIPANT, stakeholder_type="resident")
        MembershipFactory(
            arena=arena, user=people.teammate, role=Role.PARTICIPANT, stakeholder_type="public_employee"
        )
        prototype = PrototypeFactory(arena=arena, lead=people.lead, title=f"Walking bus ({visibility})")
        TeamMember.objects.create(prototype=prototype, user=people.teammate)
        thread = thread_create(arena=arena, author=people.participant, title="Walk together", kind="idea")
        arenas[visibility] = SimpleNamespace(arena=arena, prototype=prototype, thread=thread)
    people.public = arenas[Arena.Visibility.PUBLIC]
    people.private = arenas[Arena.Visibility.PRIVATE]
    return people


def board_url(arena) -> str:
    return reverse("prototypes:board", args=[arena.slug])


def detail_url(prototype) -> str:
    return reverse("prototypes:detail", args=[prototype.arena.slug, prototype.pk])


def action_url(name: str, prototype, *args) -> str:
    return reverse(f"prototypes:{name}", args=[prototype.arena.slug, prototype.pk, *args])


def stage_of(prototype) -> str:
    return Prototype.objects.values_list("stage", flat=True).get(pk=prototype.pk)


def set_stage(prototype, stage: str) -> None:
    Prototype.objects.filter(pk=prototype.pk).update(stage=stage)
    prototype.stage = stage
