"""Reads. Each selector takes the viewer and brings its own joins, so callers cannot make it N+1."""

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, QuerySet
from django.http import Http404

from platform_core.organisations.models import Organisation, OrganisationMember

from .access import is_site_admin, org_roles, remember_membership
from .models import Arena, Invitation, JoinLink, JoinRequest, Membership, Playbook, Role, Standing, Topic
from .rules import can

PUBLICLY_LISTED = [Arena.Visibility.PUBLIC, Arena.Visibility.RESTRICTED]


def visible_arenas_q(viewer) -> Q:
    """The policy's "may see this arena" as a query (kept equal to ``rules.can_view_arena`` by a test)."""
    public = ~Q(status=Arena.Status.DRAFT) & Q(visibility__in=PUBLICLY_LISTED)
    if not getattr(viewer, "is_authenticated", False):
        return public
    if is_site_admin(viewer):
        return Q()
    member = Membership.objects.filter(arena=OuterRef("pk"), user=viewer, banned=False)
    org_admin = OrganisationMember.objects.filter(
        organisation=OuterRef("organisation_id"), user=viewer, role=OrganisationMember.Role.ADMIN
    )
    return (
        public
        | (~Q(status=Arena.Status.DRAFT) & Q(Exists(member)))
        | Q(Exists(org_admin))
        | Q(Exists(member.filter(role=Role.CONVENER)))
    )


def moderated_arenas_q(viewer) -> Q:
    """The policy's "reads what was hidden here" (``arenas.read_moderated``) as a query: arenas the viewer
    sees and moderates by role (kept equal to the rules by a test)."""
    if not getattr(viewer, "is_authenticated", False):
        return Q(pk__in=[])
    if is_site_admin(viewer):
        return Q()
    moderator = Membership.objects.filter(
        arena=OuterRef("pk"), user=viewer, banned=False, role__in=[Role.FACILITATOR, Role.CONVENER]
    )
    org_admin = OrganisationMember.objects.filter(
        organisation=OuterRef("organisation_id"), user=viewer, role=OrganisationMember.Role.ADMIN
    )
    return visible_arenas_q(viewer) & (Q(Exists(moderator)) | Q(Exists(org_admin)))


def arenas_visible_to(viewer) -> QuerySet[Arena]:
    return Arena.objects.filter(visible_arenas_q(viewer))


def arena_get_for_viewer(*, slug: str, viewer, with_lists: bool = True) -> Arena:
    """The arena, with what its page needs, or 404 — the same 404 whether it is missing or hidden.

    The viewer's membership comes in the same query (a join on ``(arena, user)``, unique); ``with_lists``
    also brings the phases and the topics (a query each): pages that show neither — the thread page and
    the post actions — leave them out."""
    queryset = Arena.objects.select_related("organisation", "current_phase")
    signed_in = getattr(viewer, "is_authenticated", False)
    if signed_in:
        queryset = queryset.annotate(
            viewer_membership=FilteredRelation("memberships", condition=Q(memberships__user=viewer))
        ).select_related("viewer_membership")
    if with_lists:
        queryset = queryset.prefetch_related("phases", "topics")
    arena = queryset.filter(slug=slug).first()
    if arena is None:
        raise Http404
    if signed_in:
        membership = getattr(arena, "viewer_membership", None)  # unset when there is none
        if membership is not None:
            membership.arena = arena
        remember_membership(arena, viewer, membership)
    if not can(viewer, "arenas.view_arena", arena):
        raise Http404
    return arena


def arena_directory(
    *,
    viewer,
    query: str = "",
    organisation: str = "",
    topic: str = "",
    phase: str = "",
    status: str = "",
    include_archived: bool = False,
) -> QuerySet[Arena]:
    arenas = arenas_visible_to(viewer)
    if status:
        arenas = arenas.filter(status=status)
    elif not include_archived:
        arenas = arenas.exclude(status=Arena.Status.ARCHIVED)
    if query:
        arenas = arenas.filter(Q(title__icontains=query) | Q(problem_statement__icontains=query))
    if organisation:
        arenas = arenas.filter(organisation__slug=organisation)
    if topic:
        arenas = arenas.filter(
            Exists(Arena.topics.through.objects.filter(arena_id=OuterRef("pk"), topic__slug=topic))
        )
    if phase:
        arenas = arenas.filter(current_phase__name__iexact=phase)
    return (
        arenas.select_related("organisation", "current_phase")
        .prefetch_related("topics")
        .annotate(member_count=member_count_subquery())
        .order_by("-created", "-pk")
    )


def member_count_subquery():
    """Members per arena as a correlated subquery: no GROUP BY over the arena's long text columns."""
    from django.db.models import IntegerField, Subquery
    from django.db.models.functions import Coalesce

    counts = (
        Membership.objects.filter(arena=OuterRef("pk"), banned=False)
        .order_by()
        .values("arena")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def stakeholder_mix(*, arena) -> list[dict]:
    """Members per stakeholder type, largest first (shown to everyone: counts, not people)."""
    rows = (
        Membership.objects.filter(arena=arena, banned=False)
        .values("stakeholder_type")
        .annotate(count=Count("pk"))
        .order_by("-count", "stakeholder_type")
    )
    from .models import StakeholderType

    labels = dict(StakeholderType.choices)
    return [
        {
            "type": r["stakeholder_type"],
            "label": labels.get(r["stakeholder_type"], r["stakeholder_type"]),
            "count": r["count"],
        }
        for r in rows
    ]


def pending_invitations(*, arena) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(arena=arena, status=Invitation.Status.PENDING)
        .select_related("invited_by")
        .order_by("-created", "-pk")
    )


def pending_join_requests(*, arena) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(arena=arena, status=JoinRequest.Status.PENDING)
        .select_related("user")
        .order_by("-created", "-pk")
    )


def active_join_links(*, arena) -> QuerySet[JoinLink]:
    return JoinLink.objects.filter(arena=arena, revoked_at__isnull=True).select_related("created_by")


def pending_join_request_of(*, arena, user) -> JoinRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return JoinRequest.objects.filter(arena=arena, user=user, status=JoinRequest.Status.PENDING).first()


def pending_invitation_for(*, arena, user) -> Invitation | None:
    """An invitation waiting for this person (matched on their confirmed email)."""
    if not getattr(user, "is_authenticated", False):
        return None
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user=user, verified=True).values("email")
    return Invitation.objects.filter(arena=arena, status=Invitation.Status.PENDING, email__in=emails).first()


# --- for the REST API (arenas.api) ---------------------------------------------------------------------------


def arena_list_for_viewer(
    *,
    viewer,
    query: str = "",
    organisation: str = "",
    topic: str = "",
    status: str = "",
    visibility: str = "",
) -> QuerySet[Arena]:
    """The directory (archived arenas left out unless asked for by status), also filterable by visibility."""
    arenas = arena_directory(
        viewer=viewer, query=query, organisation=organisation, topic=topic, status=status
    )
    if visibility:
        arenas = arenas.filter(visibility=visibility)
    return arenas


def arena_detail_for_viewer(*, slug: str, viewer) -> Arena:
    """``arena_get_for_viewer`` (the same 404) plus the figures its detail shows: ``stakeholder_mix`` and
    ``member_count`` (banned people are not counted), in one more query."""
    arena = arena_get_for_viewer(slug=slug, viewer=viewer)
    arena.stakeholder_mix = stakeholder_mix(arena=arena)
    arena.member_count = sum(row["count"] for row in arena.stakeholder_mix)
    return arena


def join_request_get(*, arena, pk: int) -> JoinRequest:
    """One of the arena's join requests, or 404 (also for another arena's request)."""
    join_request = JoinRequest.objects.select_related("user").filter(arena=arena, pk=pk).first()
    if join_request is None:
        raise Http404
    join_request.arena = arena  # the caller's instance, with the viewer's standing already loaded
    return join_request


# --- the members page ----------------------------------------------------------------------------------------


def _by_rank_then_name(queryset: QuerySet[Membership]) -> QuerySet[Membership]:
    from django.db.models import Case, IntegerField, Value, When
    from django.db.models.functions import Coalesce, Lower, NullIf

    rank = Case(
        *[When(role=role, then=Value(-Standing.of_role(role))) for role in Role.values],
        default=Value(0),
        output_field=IntegerField(),
    )
    # People see each other by display name, or by handle when there is none.
    name = Lower(Coalesce(NullIf("user__display_name", Value("")), "user__handle"))
    return queryset.alias(role_rank=rank, shown_name=name).order_by("role_rank", "shown_name", "pk")


def members_listed_for(*, arena, viewer, search: str = "") -> QuerySet[Membership]:
    """The members page's list: active members, conveners first, then by the name people see (the
    display name, or the handle when there is none). Empty for those who may not see it.

    ``search`` matches what the page shows of a member: the display name and the handle (an ``@`` in
    front is ignored), never the email address, which members do not see of each other."""
    if not can(viewer, "arenas.view_members", arena):
        return Membership.objects.none()
    members = Membership.objects.filter(arena=arena, banned=False).select_related("user")
    search = search.strip()
    if search:
        handle = search.removeprefix("@")
        members = members.filter(Q(user__display_name__icontains=search) | Q(user__handle__icontains=handle))
    return _by_rank_then_name(members)


def pending_invitations_for(*, arena, viewer, search: str = "") -> QuerySet[Invitation]:
    """The members page's pending invitations, the most recently sent first, for those who invite;
    ``search`` matches the invited address (what the page shows of them)."""
    if not can(viewer, "arenas.invite_participants", arena):
        return Invitation.objects.none()
    invitations = pending_invitations(arena=arena)
    search = search.strip()
    if search:
        invitations = invitations.filter(email__icontains=search)
    return invitations.order_by("-last_sent_at", "-pk")


def banned_members_for(*, arena, viewer) -> QuerySet[Membership]:
    """Banned people, with who banned them: only for those who moderate the arena."""
    if not can(viewer, "arenas.moderate", arena):
        return Membership.objects.none()
    return (
        Membership.objects.filter(arena=arena, banned=True)
        .select_related("user", "banned_by")
        .order_by("-banned_at", "pk")
    )


# --- the directory and opening an arena ------------------------------------------------------------------


def conveners_of(*, arena, excluding_id: int | None = None) -> list:
    """The arena's conveners (not banned), by name: whom a banned person may ask for a review. Leaving out
    the one who banned them keeps the ban's author unnamed and the review with someone else."""
    memberships = Membership.objects.filter(arena=arena, role=Role.CONVENER, banned=False)
    if excluding_id is not None:
        memberships = memberships.exclude(user_id=excluding_id)
    return [m.user for m in _by_rank_then_name(memberships.select_related("user"))]


def organisations_for_creator(user) -> QuerySet[Organisation]:
    """The organisations ``user`` may open arenas for: their own (staff or admin); all for site admins."""
    organisations = Organisation.objects.order_by("name")
    if is_site_admin(user):
        return organisations
    return organisations.filter(pk__in=list(org_roles(user)))


def playbooks_for(*, organisations) -> QuerySet[Playbook]:
    """The shipped playbooks and those of these organisations."""
    return Playbook.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=organisations)
    ).select_related("organisation")


def directory_choices(*, viewer) -> dict:
    """What the directory's filters offer: every organisation, and the topics and current phases of the
    arenas the viewer may see."""
    visible = arenas_visible_to(viewer)
    phases = (
        visible.exclude(current_phase=None)
        .order_by("current_phase__name")
        .values_list("current_phase__name", flat=True)
        .distinct()
    )
    return {
        "organisations": list(Organisation.objects.order_by("name").values_list("slug", "name")),
        "topics": list(Topic.objects.filter(arenas__in=visible).distinct().values_list("slug", "name")),
        "phases": list(dict.fromkeys(phases)),
    }


def organisation_get(*, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def join_link_by_token(token: str) -> JoinLink | None:
    return JoinLink.objects.select_related("arena", "arena__organisation").filter(token=token).first()


def arena_row(model, *, arena, pk: int, related: tuple = ()):
    """A row of this arena (an invitation, join link, join request, membership), or 404 — also for
    another arena's — sharing ``arena``, whose viewer's standing is already loaded."""
    rows = model.objects.select_related(*related) if related else model.objects.all()
    row = rows.filter(pk=pk, arena=arena).first()
    if row is None:
        raise Http404
    row.arena = arena
    return row
