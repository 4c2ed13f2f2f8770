"""An invitation link proves the address it was emailed to (platform_core.accounts.proofs).

Opening a valid link while signed out keeps its token in the session (server-side, like the page's path
that already waits there) and stashes the invited address with allauth. Signing up with that address
(any case) then needs no confirmation email, and the invitation is accepted on the way in; another
address confirms as usual and finds the invitation waiting. The proof is checked again at sign-up: a
link revoked, used or expired meanwhile proves nothing."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from platform_core.accounts.proofs import Proof, proof_register
from platform_core.exceptions import Refused

from ..models import Invitation
from ..rules import can
from ..services.invitations import InvitationNotUsable, invitation_accept, invitation_by_token

SESSION_KEY = "invitation_proof"


def invitation_proof_keep(request, invitation: Invitation, token: str) -> None:
    """Called when the link of a pending, unexpired invitation is opened."""
    request.session[SESSION_KEY] = token
    get_adapter(request).stash_verified_email(request, invitation.email)


def _pending_invitation(request) -> Invitation | None:
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return None
    invitation = invitation_by_token(token)
    if invitation is None or invitation.status != Invitation.Status.PENDING:
        return None
    return invitation


def _vouches_for(request, email: str) -> bool:
    invitation = _pending_invitation(request)
    return invitation is not None and invitation.email.lower() == email.strip().lower()


def welcome_text(arena, membership) -> str:
    return _("Welcome to “%(arena)s”. You take part as %(role)s.") % {
        "arena": arena.title,
        "role": membership.get_role_display().lower(),
    }


def _after_sign_up(request, user) -> str | None:
    """Accept the invitation the new account proved; None (back to the invitation page) otherwise."""
    invitation = _pending_invitation(request)
    token = request.session.pop(SESSION_KEY, None)
    if invitation is None or invitation.email.lower() != user.email.lower():
        return None
    try:
        membership = invitation_accept(token=token, user=user)
    except (InvitationNotUsable, Refused):
        return None
    arena = invitation.arena
    text = welcome_text(arena, membership)
    if not can(user, "arenas.view_arena", arena):
        messages.success(request, f"{text} {_('The arena opens soon; you will find it then.')}")
        return reverse("home")
    messages.success(request, text)
    return arena.get_absolute_url()


proof_register(Proof(key="arenas.invitation", vouches_for=_vouches_for, after_sign_up=_after_sign_up))
