"""The members page (/arenas/<slug>/members/): who takes part, and for facilitators and conveners the ways
in: invitations, join links and join requests. The actions it posts to live in ``members_actions``.

Members see the list; others who may see the arena get a 403 page with the counts only; those who may
not see the arena get the same 404 as for one that does not exist."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from platform_core.csv_files import csv_for_excel

from ..forms_members import InviteManyForm, InviteOneForm, JoinLinkForm
from ..models import Role, StakeholderType
from ..pages import arena_for, sign_in_first
from ..rules import can, roles_assignable_by
from ..selectors import (
    active_join_links,
    arena_get_for_viewer,
    banned_members_for,
    members_listed_for,
    pending_invitations_for,
    pending_join_requests,
    stakeholder_mix,
)
from ..services.invitation_values import accepted_values, invitation_template_rows
from ..services.membership import roles_for_form

MEMBERS_PER_PAGE = 25
INVITATIONS_PER_PAGE = 25
SEARCH_MAX_LENGTH = 100
TEMPLATE = "arenas/members.html"
TEMPLATE_FILENAME = "invitations.csv"


def members_url(arena, section: str = "") -> str:
    url = reverse("arenas:members", args=[arena.slug])
    return f"{url}#{section}" if section else url


def _query_before_page(**params) -> str:
    """What goes before ``page=…`` in a pagination link so the other list's page and the search stay."""
    kept = {key: value for key, value in params.items() if value}
    return f"{urlencode(kept)}&" if kept else ""


def _join_links(request, arena):
    links = list(active_join_links(arena=arena))
    for link in links:
        link.full_url = request.build_absolute_uri(reverse("arenas:join-link", args=[link.token]))
    return links


def render_members_page(
    request,
    arena,
    *,
    status: int = 200,
    invite_form=None,
    bulk_form=None,
    bulk_report=None,
    link_form=None,
    ban_forms: dict | None = None,
    section_errors: dict | None = None,
    member_errors: dict | None = None,
    rate_limited: str = "",
):
    """The whole page. An action whose input was refused renders it again with its form (or error)
    filled in, so the person sees what went wrong next to what they typed."""
    viewer = request.user
    can_invite = can(viewer, "arenas.invite_participants", arena)
    can_manage = can(viewer, "arenas.manage_members", arena)
    can_moderate = can(viewer, "arenas.moderate", arena)
    search = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    page = Paginator(
        members_listed_for(arena=arena, viewer=viewer, search=search), MEMBERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    ban_forms, member_errors = ban_forms or {}, member_errors or {}
    labels = dict(Role.choices)
    for membership in page.object_list:
        membership.arena = arena  # the viewer's standing is loaded on it: the rules ask no more queries
        membership.ban_form = ban_forms.get(membership.pk)
        membership.errors = member_errors.get(membership.pk, [])
        membership.assignable_roles = (
            [(role, labels[role]) for role in roles_assignable_by(viewer, membership)] if can_manage else []
        )
    banned = list(banned_members_for(arena=arena, viewer=viewer)) if can_moderate else []
    for membership in banned:
        membership.arena = arena
    context = {
        "arena": arena,
        "page": page,
        "members": page.object_list,
        "member_total": (
            members_listed_for(arena=arena, viewer=viewer).count() if search else page.paginator.count
        ),
        "search": search,
        "viewer_id": viewer.pk,
        "can_invite": can_invite,
        "can_manage": can_manage,
        "can_moderate": can_moderate,
        "banned": banned,
        # Keyed by the section's id with underscores, so templates can look them up.
        "section_errors": {key.replace("-", "_"): value for key, value in (section_errors or {}).items()},
        "rate_limited": rate_limited,
    }
    if can_invite:
        roles = roles_for_form(viewer, arena)
        context.update(
            grantable_roles=[value for value, _label in roles],
            accepted_roles=accepted_values(Role, [value for value, _label in roles]),
            accepted_stakeholder_types=accepted_values(StakeholderType),
            languages=settings.LANGUAGES,
            invite_form=invite_form or InviteOneForm(roles=roles, prefix="invite"),
            bulk_form=bulk_form or InviteManyForm(prefix="bulk"),
            bulk_report=bulk_report,
            link_form=link_form or JoinLinkForm(prefix="link"),
            invitations_page=Paginator(
                pending_invitations_for(arena=arena, viewer=viewer, search=search), INVITATIONS_PER_PAGE
            ).get_page(request.GET.get("invitations_page")),
            join_links=_join_links(request, arena),
            join_requests=list(pending_join_requests(arena=arena).order_by("created", "pk")),
        )
        context["invitations"] = context["invitations_page"].object_list
        context["invitations_extra"] = _query_before_page(q=search, page=request.GET.get("page"))
    context["members_extra"] = _query_before_page(
        q=search, invitations_page=request.GET.get("invitations_page")
    )
    return render(request, TEMPLATE, context, status=status)


@require_GET
def members(request, slug):
    arena = arena_get_for_viewer(slug=slug, viewer=request.user)
    if not can(request.user, "arenas.view_members", arena):
        mix = stakeholder_mix(arena=arena)
        return render(
            request,
            "arenas/members_forbidden.html",
            {"arena": arena, "member_total": sum(row["count"] for row in mix), "mix": mix},
            status=403,
        )
    return render_members_page(request, arena)


@require_GET
@sign_in_first
def invitation_template(request, slug):
    """A CSV to fill in for inviting many people: the header and one example row."""
    arena_for(request, slug, "arenas.invite_participants")
    response = HttpResponse(csv_for_excel(invitation_template_rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    return response
