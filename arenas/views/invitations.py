"""Coming in by invitation (/invitations/<token>/) or by join link (/join/<token>/).

A person who is not signed in sees what they are invited to and signs up or signs in; the page's path
waits in their session (and in the ``next`` of the links) and brings them back here afterwards, also
after confirming a new account's email address (AccountAdapter). Expired, withdrawn, used and unknown
links get a page that says so, never a bare error."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from platform_core.accounts.adapter import RETURN_TO_SESSION_KEY as SESSION_RETURN
from platform_core.exceptions import Refused

from ..access import membership_of
from ..models import Invitation, StakeholderType
from ..rules import can, is_banned, mask_email
from ..selectors import join_link_by_token
from ..services.invitations import (
    InvitationNotUsable,
    invitation_accept,
    invitation_by_token,
    invitation_decline,
    invitation_record_expiry,
)
from ..services.membership import JoinLinkUnusable, join_link_use
from .invitation_proof import invitation_proof_keep, welcome_text


def _unusable(request, invitation):
    """Unknown: 404; known but expired, withdrawn, used or declined: 410 (gone). Both with a page."""
    return render(
        request,
        "arenas/invitation_unusable.html",
        {"invitation": invitation},
        status=410 if invitation else 404,
    )


def _banned(request, template, context):
    return render(request, template, {**context, "banned": True}, status=403)


def _welcome(request, arena, membership):
    """Into the arena — or, while it is still a draft only its conveners see, to the home page."""
    request.session.pop(SESSION_RETURN, None)
    text = welcome_text(arena, membership)
    if not can(request.user, "arenas.view_arena", arena):
        messages.success(request, f"{text} {_('The arena opens soon; you will find it then.')}")
        return redirect("home")
    messages.success(request, text)
    return redirect(arena.get_absolute_url())


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    invite = invitation_by_token(token)
    if invite is None or invite.status != Invitation.Status.PENDING:
        if request.method == "POST":
            invitation_record_expiry(invitation=invite)
        return _unusable(request, invite)
    arena = invite.arena
    context = {"invitation": invite, "arena": arena}
    if request.method == "POST" and request.POST.get("action") == "decline":
        # Declining needs no account: whoever has the link may say no.
        try:
            invitation_decline(token=token, user=request.user if request.user.is_authenticated else None)
        except InvitationNotUsable as exc:
            return _unusable(request, exc.invitation)
        request.session.pop(SESSION_RETURN, None)
        messages.info(request, _("You declined the invitation. Thank you for letting us know."))
        return redirect("home")
    if not request.user.is_authenticated:
        request.session[SESSION_RETURN] = request.path
        invitation_proof_keep(request, invite, token)
        return render(request, "arenas/invitation.html", {**context, "signed_out": True})
    membership = membership_of(request.user, arena)
    if membership is not None and membership.banned:
        return _banned(request, "arenas/invitation_unusable.html", context)
    context.update(
        membership=membership,
        may_accept=can(request.user, "arenas.accept_invitation", invite),
        masked_email=mask_email(invite.email),
    )
    if request.method == "POST":
        try:
            membership = invitation_accept(token=token, user=request.user)
        except InvitationNotUsable as exc:
            return _unusable(request, exc.invitation)
        except Refused as exc:
            if is_banned.test(request.user, arena):
                return _banned(request, "arenas/invitation_unusable.html", context)
            messages.error(request, exc.message)
            return render(request, "arenas/invitation.html", context, status=403)
        return _welcome(request, arena, membership)
    return render(request, "arenas/invitation.html", context)


@require_http_methods(["GET", "POST"])
def join_link(request, token):
    link = join_link_by_token(token)
    if link is None or not link.is_usable or not link.arena.is_writable:
        return render(
            request, "arenas/join_link_unusable.html", {"link": link}, status=404 if link is None else 410
        )
    arena = link.arena
    context = {"link": link, "arena": arena}
    if not request.user.is_authenticated:
        request.session[SESSION_RETURN] = request.path
        return render(request, "arenas/join_link.html", {**context, "signed_out": True})
    membership = membership_of(request.user, arena)
    if membership is not None and membership.banned:
        return _banned(request, "arenas/join_link_unusable.html", context)
    if request.method == "POST":
        stakeholder_type = request.POST.get("stakeholder_type") or StakeholderType.RESIDENT
        if stakeholder_type not in StakeholderType.values:
            stakeholder_type = StakeholderType.RESIDENT
        try:
            membership = join_link_use(token=token, user=request.user, stakeholder_type=stakeholder_type)
        except JoinLinkUnusable:
            return render(request, "arenas/join_link_unusable.html", context, status=410)
        except PermissionDenied:
            return _banned(request, "arenas/join_link_unusable.html", context)
        return _welcome(request, arena, membership)
    return render(
        request,
        "arenas/join_link.html",
        {**context, "membership": membership, "stakeholder_types": StakeholderType.choices},
    )
