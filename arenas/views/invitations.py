"""Coming in by invitation (/invitations/<token>/) or by join link (/join/<token>/).

A person who is not signed in sees what they are invited to and signs up or signs in; the token waits in
their session and brings them back here afterwards (AccountAdapter.get_login_redirect_url)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from platform_core.accounts.adapter import RETURN_TO_SESSION_KEY as SESSION_RETURN

from ..models import Invitation
from ..services.invitations import (
    InvitationNotUsable,
    invitation_accept,
    invitation_by_token,
    invitation_decline,
)
from ..services.membership import JoinLinkUnusable, join_link_use


def _unusable(request, invitation, status=410):
    return render(
        request,
        "arenas/invitation_unusable.html",
        {"invitation": invitation},
        status=status if invitation else 404,
    )


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    invite = invitation_by_token(token)
    if invite is None or invite.status != Invitation.Status.PENDING:
        return _unusable(request, invite)
    if not request.user.is_authenticated:
        request.session[SESSION_RETURN] = request.path
        return render(request, "arenas/invitation.html", {"invitation": invite, "signed_out": True})
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decline":
                invitation_decline(token=token, user=request.user)
                messages.info(request, _("You declined the invitation."))
                return redirect("home")
            invitation_accept(token=token, user=request.user)
        except InvitationNotUsable as exc:
            return _unusable(request, exc.invitation)
        except PermissionDenied:
            return render(
                request, "arenas/invitation_unusable.html", {"invitation": invite, "banned": True}, status=403
            )
        request.session.pop(SESSION_RETURN, None)
        messages.success(request, _("Welcome to “%(arena)s”.") % {"arena": invite.arena.title})
        return redirect(invite.arena.get_absolute_url())
    return render(request, "arenas/invitation.html", {"invitation": invite})


@require_http_methods(["GET", "POST"])
def join_link(request, token):
    from ..models import JoinLink

    link = JoinLink.objects.select_related("arena", "arena__organisation").filter(token=token).first()
    if link is None or not link.is_usable or not link.arena.is_writable:
        return render(
            request, "arenas/join_link_unusable.html", {"link": link}, status=404 if link is None else 410
        )
    if not request.user.is_authenticated:
        request.session[SESSION_RETURN] = request.path
        return render(request, "arenas/join_link.html", {"link": link, "signed_out": True})
    if request.method == "POST":
        try:
            join_link_use(
                token=token,
                user=request.user,
                stakeholder_type=request.POST.get("stakeholder_type") or "resident",
            )
        except JoinLinkUnusable:
            return render(request, "arenas/join_link_unusable.html", {"link": link}, status=410)
        except PermissionDenied:
            return render(
                request, "arenas/join_link_unusable.html", {"link": link, "banned": True}, status=403
            )
        request.session.pop(SESSION_RETURN, None)
        messages.success(request, _("Welcome to “%(arena)s”.") % {"arena": link.arena.title})
        return redirect(link.arena.get_absolute_url())
    from ..models import StakeholderType

    return render(
        request, "arenas/join_link.html", {"link": link, "stakeholder_types": StakeholderType.choices}
    )
