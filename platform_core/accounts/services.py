"""Writes to accounts. Keyword-only and atomic, as every service."""

import re

from django.db import transaction

from .models import User

_HANDLE_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def handle_suggest(*, email: str) -> str:
    """A free handle derived from the local part of an email address (``anna.berg@…`` → ``anna-berg``)."""
    base = _HANDLE_UNSAFE.sub("-", email.split("@", 1)[0].lower()).strip("-_")[:24] or "user"
    taken = set(User.objects.filter(handle__startswith=base).values_list("handle", flat=True))
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


@transaction.atomic
def user_update_profile(*, user: User, handle: str, display_name: str, language: str, time_zone: str) -> User:
    user.handle = handle
    user.display_name = display_name
    user.language = language
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["handle", "display_name", "language", "time_zone"])
    return user
