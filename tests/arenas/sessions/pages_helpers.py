"""People, arenas and sessions for the session page tests: Northbridge's public and private arenas with
someone in every role, and a session two days ahead in each."""

from datetime import timedelta
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from arenas.models import Arena, Role
from arenas.sessions.services.sessions import session_create
from tests.arenas.pages_helpers import html, make_arena, make_people, sign_in
from tests.factories import MembershipFactory, UserFactory

__all__ = ["add_member", "create", "detail_url", "html", "list_url", "sign_in", "url", "world"]


def create(arena, actor, *, hours_ahead=48, **fields):
    starts = timezone.now() + timedelta(hours=hours_ahead)
    fields.setdefault("title", "Walk the crossings 🚸")
    fields.setdefault("place", "Northbridge East School, room 2")
    fields.setdefault("starts_at", starts)
    fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=2))
    return session_create(arena=arena, actor=actor, announce=False, **fields)


def world():
    people = make_people()
    people.observer = UserFactory(display_name="Olivia Observer")
    arenas = {}
    for visibility in [Arena.Visibility.PUBLIC, Arena.Visibility.PRIVATE]:
        arena = make_arena(
            people, visibility=visibility, title=f"School routes ({visibility})", slug=f"routes-{visibility}"
        )
        MembershipFactory(arena=arena, user=people.observer, role=Role.OBSERVER)
        session = create(arena, people.facilitator, capacity=2)
        arenas[visibility] = SimpleNamespace(arena=arena, session=session)
    people.public = arenas[Arena.Visibility.PUBLIC]
    people.private = arenas[Arena.Visibility.PRIVATE]
    return people


def add_member(arena, role=Role.PARTICIPANT, **kwargs):
    stakeholder_type = kwargs.pop("stakeholder_type", "resident")
    person = UserFactory(**kwargs)
    MembershipFactory(arena=arena, user=person, role=role, stakeholder_type=stakeholder_type)
    return person


def list_url(arena) -> str:
    return reverse("sessions:list", args=[arena.slug])


def detail_url(session) -> str:
    return reverse("sessions:detail", args=[session.arena.slug, session.pk])


def url(name: str, session) -> str:
    return reverse(f"sessions:{name}", args=[session.arena.slug, session.pk])
