"""Writes to accounts. Keyword-only and atomic, as every service."""

from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from platform_core.ratelimits import rate_limit

from .models import HandleChange, User


def handle_new(*, display_name: str, email: str) -> str:
    """A free handle for a new account: from the display name, or ``member-`` and a number; never from the
    email address (``handles``)."""
    return User.objects.handle_new(display_name=display_name, email=email)


@transaction.atomic
def user_update_profile(*, user: User, handle: str, display_name: str, language: str, time_zone: str) -> User:
    old_handle = User.objects.filter(pk=user.pk).values_list("handle", flat=True).first()
    user.handle = handle
    user.display_name = display_name
    user.language = language
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["handle", "display_name", "language", "time_zone"])
    if old_handle and old_handle != user.handle:
        # Their own choice: nobody to tell, but links to the old @handle still lead to them.
        HandleChange.objects.create(
            user=user,
            old_handle=old_handle,
            new_handle=user.handle,
            reason=HandleChange.Reason.CHOSEN,
            told_at=timezone.now(),
        )
    return user


@transaction.atomic
def handle_changes_tell(*, batch: int = 500) -> int:
    """Tell the people whose handle was changed for them (it showed part of their email address) what
    it is now, once each. Returns how many were told; safe to run from several workers at once."""
    from platform_core.notifications.services import notify

    changes = list(
        HandleChange.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(told_at__isnull=True)
        .select_related("user")
        .order_by("created")[:batch]
    )
    for change in changes:
        notify(
            recipients=[change.user],
            event="account.handle_changed",
            target_title=f"@{change.old_handle} → @{change.new_handle}",
            url=reverse("accounts:settings"),
        )
    HandleChange.objects.filter(pk__in=[c.pk for c in changes]).update(told_at=timezone.now())
    return len(changes)


@transaction.atomic
def api_token_issue(*, request, email: str, password: str, ip: str) -> Token:
    """The API token of the account with this email and password (made on first use).

    Rate-limited per client address, generously (an office shares one), and per account asked for,
    tightly, whatever the address (an attacker spread over many is still slowed). Every attempt counts."""
    rate_limit("token_ip", ip)
    rate_limit("token_account", email.strip().lower())
    user = authenticate(request, email=email, password=password)
    if user is None:
        raise ValidationError(_("This email and password do not match an account."))
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        raise ValidationError(_("Please confirm your email address first: follow the link we sent you."))
    token, _created = Token.objects.get_or_create(user=user)
    return token
