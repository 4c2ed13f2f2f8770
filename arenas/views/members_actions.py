"""What the members page posts to. Each view: find the arena as the viewer may see it (404 otherwise),
refuse what the policy does not allow (403; a signed-out visitor is sent to sign in first), parse, call
one service, and go back to the page with a message — or show the page again with the refused input and
its errors (200), or the rate limit (429)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from platform_core.exceptions import RateLimited
from platform_core.forms import add_service_errors
from platform_core.ratelimit_pages import answer_rate_limited

from ..forms_members import (
    BanForm,
    InviteManyForm,
    InviteOneForm,
    JoinLinkForm,
    RoleForm,
)
from ..models import Invitation, JoinLink, JoinRequest, Membership
from ..pages import arena_for, sign_in_first
from ..selectors import arena_row
from ..services.invitation_rows import parse_invitation_rows
from ..services.invitations import (
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitations_create,
)
from ..services.invitations_many import invitations_resend_many, invitations_revoke_many
from ..services.membership import (
    join_link_create,
    join_link_revoke,
    join_request_decide,
    membership_ban,
    membership_change_role,
    membership_remove,
    membership_unban,
    roles_for_form,
)
from .members import members_url, render_members_page


def _arena_for(request, slug, permission):
    return arena_for(request, slug, permission)


def _of_arena(model, arena, pk, *related):
    return arena_row(model, arena=arena, pk=pk, related=related)


def _done(request, arena, section, text):
    messages.success(request, text, extra_tags=section)
    return redirect(members_url(arena, section))


def _too_many(request, arena, exc: RateLimited, **page):
    return answer_rate_limited(render_members_page(request, arena, rate_limited=exc.message, **page), exc)


def _refused(request, arena, section, exc: ValidationError):
    return render_members_page(request, arena, section_errors={section: exc.messages})


# --- invitations ------------------------------------------------------------------------------------------


@require_POST
@sign_in_first
def invite_one(request, slug):
    arena = _arena_for(request, slug, "arenas.invite_participants")
    form = InviteOneForm(request.POST, roles=roles_for_form(request.user, arena), prefix="invite")
    if form.is_valid():
        try:
            invitation = invitation_create(arena=arena, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except RateLimited as exc:
            return _too_many(request, arena, exc, invite_form=form)
        else:
            return _done(
                request,
                arena,
                "invitations",
                _("Invitation sent to %(email)s.") % {"email": invitation.email},
            )
    return render_members_page(request, arena, invite_form=form)


@require_POST
@sign_in_first
def invite_many(request, slug):
    arena = _arena_for(request, slug, "arenas.invite_participants")
    form = InviteManyForm(request.POST, request.FILES, prefix="bulk")
    if not form.is_valid():
        return render_members_page(request, arena, bulk_form=form)
    try:
        rows, _rejected = parse_invitation_rows(
            text=form.cleaned_data["addresses"], csv_file=form.cleaned_data["csv_file"]
        )
    except ValidationError as exc:
        form.add_error(form.source_field, exc)
        return render_members_page(request, arena, bulk_form=form)
    if not rows:
        form.add_error(form.source_field, _("We found no email addresses in it."))
        return render_members_page(request, arena, bulk_form=form)
    try:
        report = invitations_create(
            arena=arena, actor=request.user, rows=rows, message=form.cleaned_data["message"]
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return render_members_page(request, arena, bulk_form=form)
    except RateLimited as exc:
        return _too_many(request, arena, exc, bulk_form=form)
    invited = len(report.invited)
    if not report.rejected:
        return _done(
            request,
            arena,
            "invitations",
            ngettext("Invited %(count)s person.", "Invited %(count)s people.", invited) % {"count": invited},
        )
    # The report stays on screen: which rows were left out, and why.
    return render_members_page(request, arena, bulk_report=report)


@require_POST
@sign_in_first
def invitation_resend_view(request, slug, pk):
    arena = _arena_for(request, slug, "arenas.invite_participants")
    invitation = _of_arena(Invitation, arena, pk, "invited_by")
    try:
        invitation_resend(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        return _refused(request, arena, "invitations", exc)
    except RateLimited as exc:
        return _too_many(request, arena, exc)
    return _done(
        request, arena, "invitations", _("Invitation sent again to %(email)s.") % {"email": invitation.email}
    )


@require_POST
@sign_in_first
def invitation_revoke_view(request, slug, pk):
    arena = _arena_for(request, slug, "arenas.invite_participants")
    invitation = _of_arena(Invitation, arena, pk)
    try:
        invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        return _refused(request, arena, "invitations", exc)
    return _done(
        request,
        arena,
        "invitations",
        _("The invitation to %(email)s is withdrawn; its link no longer works.")
        % {"email": invitation.email},
    )


BULK_ACTIONS = {"resend": invitations_resend_many, "revoke": invitations_revoke_many}


def _bulk_done_text(action: str, report) -> str:
    count = len(report.done)
    if action == "resend":
        text = ngettext("Sent %(count)s invitation again.", "Sent %(count)s invitations again.", count) % {
            "count": count
        }
    else:
        text = ngettext(
            "Withdrew %(count)s invitation; its link no longer works.",
            "Withdrew %(count)s invitations; their links no longer work.",
            count,
        ) % {"count": count}
    if report.skipped:
        text += " " + ngettext(
            "%(count)s selected invitation was left alone: it is no longer pending or not yours to manage.",
            "%(count)s selected invitations were left alone: they are no longer pending or not yours to manage.",
            report.skipped,
        ) % {"count": report.skipped}
    return text


@require_POST
@sign_in_first
def invitations_bulk_view(request, slug):
    """Resend or withdraw the invitations ticked in the pending list: one service call."""
    arena = _arena_for(request, slug, "arenas.invite_participants")
    action = request.POST.get("action")
    service = BULK_ACTIONS.get(action)
    if service is None:
        return _refused(
            request,
            arena,
            "invitations",
            ValidationError(_("Choose what to do with the selected invitations.")),
        )
    try:
        report = service(arena=arena, actor=request.user, ids=request.POST.getlist("invitation"))
    except ValidationError as exc:
        return _refused(request, arena, "invitations", exc)
    except RateLimited as exc:
        return _too_many(request, arena, exc)
    return _done(request, arena, "invitations", _bulk_done_text(action, report))


# --- join links -------------------------------------------------------------------------------------------


@require_POST
@sign_in_first
def join_link_create_view(request, slug):
    arena = _arena_for(request, slug, "arenas.invite_participants")
    form = JoinLinkForm(request.POST, prefix="link")
    if form.is_valid():
        try:
            join_link_create(
                arena=arena,
                actor=request.user,
                role=form.cleaned_data["role"],
                expires_at=form.expires_at,
                max_uses=form.cleaned_data["max_uses"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, field_names={"expires_at": "expires_on"})
        else:
            return _done(request, arena, "join-links", _("The join link is ready: copy it and share it."))
    return render_members_page(request, arena, link_form=form)


@require_POST
@sign_in_first
def join_link_revoke_view(request, slug, pk):
    arena = _arena_for(request, slug, "arenas.invite_participants")
    link = _of_arena(JoinLink, arena, pk)
    join_link_revoke(link=link, actor=request.user)
    return _done(request, arena, "join-links", _("The join link is withdrawn; it no longer works."))


# --- join requests ----------------------------------------------------------------------------------------


@require_POST
@sign_in_first
def join_request_decide_view(request, slug, pk):
    arena = _arena_for(request, slug, "arenas.invite_participants")
    join_request = _of_arena(JoinRequest, arena, pk, "user")
    approve = request.POST.get("decision") == "approve"
    if request.POST.get("decision") not in ("approve", "decline"):
        return _refused(
            request, arena, "join-requests", ValidationError(_("Choose to approve or to decline."))
        )
    try:
        join_request_decide(join_request=join_request, actor=request.user, approve=approve)
    except ValidationError as exc:
        return _refused(request, arena, "join-requests", exc)
    name = join_request.user.name
    text = (
        _("%(name)s is now a member; they have been told.")
        if approve
        else _("You declined the request from %(name)s; they have been told.")
    )
    return _done(request, arena, "join-requests", text % {"name": name})


# --- members ----------------------------------------------------------------------------------------------


def _member_refused(request, arena, membership, exc: ValidationError):
    return render_members_page(request, arena, member_errors={membership.pk: exc.messages})


@require_POST
@sign_in_first
def member_role(request, slug, pk):
    arena = _arena_for(request, slug, "arenas.manage_members")
    membership = _of_arena(Membership, arena, pk, "user")
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _member_refused(request, arena, membership, ValidationError(_("Choose a role from the list.")))
    try:
        membership = membership_change_role(
            arena=arena, membership=membership, actor=request.user, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        return _member_refused(request, arena, membership, exc)
    return _done(
        request,
        arena,
        "members",
        _("%(name)s is now %(role)s.")
        % {"name": membership.user.name, "role": membership.get_role_display().lower()},
    )


@require_POST
@sign_in_first
def member_remove(request, slug, pk):
    arena = _arena_for(request, slug, "arenas.manage_members")
    membership = _of_arena(Membership, arena, pk, "user")
    try:
        membership_remove(arena=arena, membership=membership, actor=request.user)
    except ValidationError as exc:
        return _member_refused(request, arena, membership, exc)
    return _done(
        request, arena, "members", _("%(name)s is no longer a member.") % {"name": membership.user.name}
    )


@require_POST
@sign_in_first
def member_ban(request, slug, pk):
    arena = _arena_for(request, slug, "arenas.moderate")
    membership = _of_arena(Membership, arena, pk, "user")
    form = BanForm(request.POST, prefix=f"ban-{membership.pk}")
    if form.is_valid():
        try:
            membership_ban(
                arena=arena, membership=membership, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(
                request,
                arena,
                "banned",
                _("%(name)s is banned from the arena.") % {"name": membership.user.name},
            )
    return render_members_page(request, arena, ban_forms={membership.pk: form})


@require_POST
@sign_in_first
def member_unban(request, slug, pk):
    arena = _arena_for(request, slug, "arenas.moderate")
    membership = _of_arena(Membership, arena, pk, "user")
    membership_unban(arena=arena, membership=membership, actor=request.user)
    return _done(
        request,
        arena,
        "members",
        _("The ban on %(name)s is lifted; they take part again.") % {"name": membership.user.name},
    )
