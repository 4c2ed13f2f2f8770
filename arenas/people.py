"""A person's page (``/people/<handle>/``): who they are, the arenas the viewer shares with them, and what
they wrote that the viewer may see — the search index's ``documents_by_owner``, under the same policy as
every search. A handle someone used to have leads to them (``HandleChange``) unless someone has it now."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from platform_core.accounts.models import HandleChange, User
from platform_core.search.selectors import Results, documents_by_owner

from .models import Arena, Membership
from .selectors import arenas_visible_to

SHARED_ARENAS_SHOWN = 50


@dataclass(frozen=True)
class PersonPage:
    person: User
    shared_arenas: list[Arena]
    contributions: Results


def person_current_handle(*, handle: str) -> str | None:
    """The handle of whoever last had ``handle``, when nobody has it now (a link to a former handle)."""
    change = (
        HandleChange.objects.filter(old_handle=handle.lower(), user__is_active=True)
        .order_by("-created")
        .values_list("user__handle", flat=True)
        .first()
    )
    return change if change and change != handle else None


def shared_arenas(*, person: User, viewer) -> QuerySet[Arena]:
    """Arenas the viewer sees where both of them take part (not banned); none for an anonymous viewer."""
    if not getattr(viewer, "is_authenticated", False):
        return Arena.objects.none()

    def member(user):
        return Exists(Membership.objects.filter(arena=OuterRef("pk"), user=user, banned=False))

    return arenas_visible_to(viewer).filter(member(person), member(viewer)).order_by("title", "pk")


def person_page_for_viewer(*, handle: str, viewer, page: int = 1) -> PersonPage:
    """Raises ``Http404`` for a handle nobody active has (a former handle: see ``person_current_handle``)."""
    person = User.objects.filter(handle=handle.lower(), is_active=True).first()
    if person is None:
        raise Http404
    return PersonPage(
        person=person,
        shared_arenas=list(shared_arenas(person=person, viewer=viewer)[:SHARED_ARENAS_SHOWN]),
        contributions=documents_by_owner(owner_id=person.pk, viewer=viewer, page=page),
    )
