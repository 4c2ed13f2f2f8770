"""Reads for one prototype: finding it as the viewer may see it, its team, its rounds, its timeline and
where it came from."""

from django.db.models import Count, QuerySet
from django.http import Http404

from arenas.deliberation.models import Thread
from arenas.models import Arena, Membership, StakeholderType
from arenas.selectors import arena_get_for_viewer

from ..models import Iteration, Prototype, PrototypeSource, StageTransition, TeamJoinRequest, TeamMember
from .board import _with_cards, team_mix


def prototype_get_for_viewer(*, slug: str, prototype_id: int, viewer) -> Prototype:
    arena = arena_get_for_viewer(slug=slug, viewer=viewer)
    prototype = (
        _with_cards(Prototype.objects.filter(pk=prototype_id, arena=arena)).prefetch_related("topics").first()
    )
    if prototype is None:
        raise Http404
    prototype.arena = arena
    team_mix([prototype])
    return prototype


def prototype_by_id_for_viewer(*, prototype_id: int, viewer) -> Prototype:
    """For the API: the prototype, or 404 — the same when its arena is hidden from the viewer."""
    arena_slug = Prototype.objects.filter(pk=prototype_id).values_list("arena__slug", flat=True).first()
    if arena_slug is None:
        raise Http404
    return prototype_get_for_viewer(slug=arena_slug, prototype_id=prototype_id, viewer=viewer)


def team_members_for(*, prototype: Prototype) -> list[TeamMember]:
    """The team, lead first, each member with ``stakeholder_label`` (their stakeholder type in the arena)."""
    members = list(prototype.team.all())
    types = dict(
        Membership.objects.filter(
            arena_id=prototype.arena_id, user_id__in=[m.user_id for m in members]
        ).values_list("user_id", "stakeholder_type")
    )
    labels = dict(StakeholderType.choices)
    for member in members:
        member.prototype = prototype  # with its arena: the policy asks about the member without a query
        kind = types.get(member.user_id, StakeholderType.OTHER)
        member.stakeholder_type = kind
        member.stakeholder_label = labels.get(kind, kind)
    return members


def pending_team_requests(*, prototype: Prototype):
    return TeamJoinRequest.objects.filter(
        prototype=prototype, status=TeamJoinRequest.Status.PENDING
    ).select_related("user")


def timeline(*, prototype: Prototype) -> list[dict]:
    """Stage moves, rounds started and finished, in time order: the prototype's history."""
    events = [
        {"kind": "transition", "when": t.created, "object": t}
        for t in StageTransition.objects.filter(prototype=prototype).select_related("actor")
    ]
    for iteration in Iteration.objects.filter(prototype=prototype):
        events.append({"kind": "iteration", "when": iteration.created, "object": iteration})
        if iteration.started_at:
            events.append({"kind": "iteration_started", "when": iteration.started_at, "object": iteration})
        if iteration.done_at:
            events.append({"kind": "iteration_done", "when": iteration.done_at, "object": iteration})
    return sorted(events, key=lambda e: (e["when"], e["kind"] != "transition"))


def sources_for(*, prototype: Prototype):
    """Where the prototype came from: its threads and posts (same arena), oldest link first."""
    return (
        PrototypeSource.objects.filter(prototype=prototype)
        .select_related("thread", "post")
        .order_by("created", "pk")
    )


def source_thread_choices(*, arena: Arena, exclude_prototype: Prototype | None = None) -> list[tuple]:
    """The arena's threads a prototype can come from, ideas first, then by latest activity:
    (id, title, kind label). ``exclude_prototype`` leaves out the threads it already links."""
    threads = Thread.objects.filter(arena=arena)
    if exclude_prototype is not None:
        threads = threads.exclude(pk__in=exclude_prototype.sources.values("thread_id"))
    rows = threads.order_by("-last_activity_at", "-pk").values_list("pk", "title", "kind")
    labels = dict(Thread.Kind.choices)
    ideas = [(pk, title, labels.get(kind, kind)) for pk, title, kind in rows if kind == Thread.Kind.IDEA]
    others = [(pk, title, labels.get(kind, kind)) for pk, title, kind in rows if kind != Thread.Kind.IDEA]
    return ideas + others


def prototypes_from_thread(*, thread) -> QuerySet[Prototype]:
    """Talk → action: the prototypes a thread led to."""
    return Prototype.objects.filter(sources__thread=thread).distinct().order_by("-created")


def iterations_for(*, prototype: Prototype) -> list[Iteration]:
    """The rounds in order, each with its feedback count."""
    return list(
        Iteration.objects.filter(prototype=prototype)
        .annotate(feedback_count=Count("feedback"))
        .order_by("number")
    )


def prototype_iterations(*, prototype: Prototype) -> QuerySet[Iteration]:
    """The rounds by number (a queryset, to paginate)."""
    return Iteration.objects.filter(prototype=prototype).order_by("number")


def iteration_by_number(*, prototype: Prototype, number: int) -> Iteration:
    iteration = Iteration.objects.filter(prototype=prototype, number=number).first()
    if iteration is None:
        raise Http404
    iteration.prototype = prototype
    return iteration


def _of_prototype(model, *, prototype: Prototype, pk: int):
    """A row of the prototype's (with its person), or 404 — also for another prototype's."""
    row = model.objects.select_related("user").filter(pk=pk, prototype=prototype).first()
    if row is None:
        raise Http404
    row.prototype = prototype
    return row


def team_request_of(*, prototype: Prototype, request_id: int) -> TeamJoinRequest:
    """One of the prototype's requests to join its team, or 404."""
    return _of_prototype(TeamJoinRequest, prototype=prototype, pk=request_id)


def team_member_of(*, prototype: Prototype, member_id: int) -> TeamMember:
    """One of the prototype's team, or 404."""
    return _of_prototype(TeamMember, prototype=prototype, pk=member_id)
