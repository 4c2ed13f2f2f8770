"""Writes to accounts. Keyword-only and atomic, as every service."""

from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from platform_core.ratelimits import rate_limit

from .models import User


def handle_suggest(*, email: str) -> str:
    """A free handle derived from the local part of an email address (``anna.berg@…`` → ``anna-berg``)."""
    return User.objects.handle_suggest(email=email)


@transaction.atomic
def user_update_profile(*, user: User, handle: str, display_name: str, language: str, time_zone: str) -> User:
    user.handle = handle
    user.display_name = display_name
    user.language = language
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["handle", "display_name", "language", "time_zone"])
    return user


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
