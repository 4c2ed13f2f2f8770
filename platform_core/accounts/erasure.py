"""Deleting an account (GDPR article 17): the person goes, what they contributed stays, anonymous.

The account row is kept, emptied, so that posts, feedback and prototype work keep an author — shown as
"Deleted participant" — and counts stay right. Everything that says who the person was goes: name, email
addresses, handle, password, tokens, two-factor devices, notifications and their settings, handle history.
Sessions die with the password: Django's session check compares a hash of it on every request.

Each part of the platform registers an ``Eraser`` (``platform_core.erasure``, from its ``AppConfig.ready()``): what stops a deletion
(``blockers``: an arena's last convener must hand over first) and what it erases or anonymises of its own
(``erase``). The core knows none of them; ``account_delete`` asks them all, in one transaction.
"""

import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from platform_core.erasure import DELETED_NAME, AccountDeletionBlocked, Traces, erasers

from .models import DataExport, HandleChange, User


def account_blockers(user: User) -> list[str]:
    return [reason for eraser in erasers.values() for reason in eraser.blockers(user)]


def _traces(user: User) -> Traces:
    emails = {
        user.email.lower(),
        *(e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)),
    }
    handles = {user.handle, *HandleChange.objects.filter(user=user).values_list("old_handle", flat=True)}
    return Traces(emails=tuple(sorted(emails)), handles=tuple(sorted(handles)), name=user.display_name)


@transaction.atomic
def account_delete(
    *,
    user: User,
    actor: User,
    password: str | None = None,
    reauthenticated: bool = False,
    how: str = "self",
) -> None:
    """Delete ``user``'s account: by themselves, or by a site admin (``how`` is "admin") or the retention
    job ("inactive", ``actor`` the user).

    Someone deleting their own account proves it is them with their ``password``, or — for an account
    that has none and signs in by emailed code — by having just confirmed such a code
    (``reauthenticated``: the caller vouches, as the settings page does through allauth). Raises
    ``AccountDeletionBlocked`` listing what to do first, ``ValidationError`` on a wrong password,
    ``PermissionDenied`` otherwise."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deleted_at is not None:
        return
    if how == "self":
        if actor.pk != user.pk:
            raise PermissionDenied
        if not reauthenticated:
            _check_password(user, password)
    elif how == "admin" and not (actor.is_active and actor.is_superuser):
        raise PermissionDenied
    blockers = account_blockers(user)
    if blockers:
        raise AccountDeletionBlocked(blockers)
    traces = _traces(user)
    for eraser in erasers.values():
        eraser.erase(user, traces)
    _erase_account(user, traces)
    from platform_core.audit.services import audit_record  # the audit log sits beside accounts

    audit_record(actor=None, action="account.deleted", target=user, details={"how": how})


def _check_password(user: User, password: str | None) -> None:
    if not user.has_usable_password():
        raise ValidationError(
            {
                "password": _(
                    "Your account has no password. Delete it from your settings page, "
                    "with a code we email you."
                )
            }
        )
    if not user.check_password(password or ""):
        raise ValidationError({"password": _("This is not your password.")})


def _erase_account(user: User, traces: Traces) -> None:
    Token.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    HandleChange.objects.filter(user=user).delete()
    for export in DataExport.objects.filter(user=user):
        export.file.delete(save=False)
        export.delete()
    # The admin's history names the account as it was (``str(user)`` is the email).
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=str(DELETED_NAME), change_message="")
    user.email = f"deleted-{user.pk}-{secrets.token_hex(6)}@deleted.invalid"
    user.handle = f"deleted-{secrets.token_hex(6)}"
    user.display_name = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.deleted_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
