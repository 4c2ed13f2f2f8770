"""Writes to accounts. Keyword-only and atomic, as every service."""

from django.db import transaction

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
