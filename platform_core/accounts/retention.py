"""Accounts nobody uses (the GDPR's storage limitation): after ``ACCOUNT_INACTIVE_MONTHS`` without signing
in, a person is warned by email; ``ACCOUNT_INACTIVE_GRACE_DAYS`` later, unless they signed in meanwhile, the
account is deleted the same way as by themselves (``erasure.account_delete``). Site staff, and whoever a
part says holds a role (``Eraser.retained``: conveners, facilitators, organisation members), are never
deleted automatically. Runs daily from beat in bounded batches."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from platform_core.erasure import AccountDeletionBlocked, erasers

from .erasure import account_delete
from .models import User

BATCH = 500


def _cutoff():
    return timezone.now() - timedelta(days=round(30.44 * settings.ACCOUNT_INACTIVE_MONTHS))


def _candidates():
    """Active accounts, not staff, holding no role any part retains."""
    people = User.objects.filter(is_active=True, deleted_at__isnull=True, is_staff=False, is_superuser=False)
    for eraser in erasers.values():
        if eraser.retained is not None:
            people = people.exclude(eraser.retained())
    return people.annotate(seen=Coalesce("last_login", "date_joined"))


def inactive_accounts_sweep(*, batch: int = BATCH) -> dict[str, int]:
    """Forgive those who came back, warn the newly inactive, delete those warned long enough ago."""
    from platform_core.notifications.services import notify

    now = timezone.now()
    back = User.objects.filter(
        inactive_warned_at__isnull=False, last_login__gt=F("inactive_warned_at")
    ).update(inactive_warned_at=None)
    warned = 0
    to_warn = list(_candidates().filter(seen__lt=_cutoff(), inactive_warned_at__isnull=True)[:batch])
    for person in to_warn:
        with transaction.atomic(), override(person.language):
            User.objects.filter(pk=person.pk).update(inactive_warned_at=now)
            notify(
                recipients=[person],
                event="account.inactive_warning",
                target_title=_("Sign in before %(date)s to keep it")
                % {"date": f"{now + timedelta(days=settings.ACCOUNT_INACTIVE_GRACE_DAYS):%Y-%m-%d}"},
                url=reverse("account_login"),
            )
        warned += 1
    deleted = 0
    due = now - timedelta(days=settings.ACCOUNT_INACTIVE_GRACE_DAYS)
    for person in _candidates().filter(inactive_warned_at__lte=due, seen__lt=_cutoff())[:batch]:
        try:
            account_delete(user=person, actor=person, how="inactive")
        except AccountDeletionBlocked:
            continue  # the last convener somewhere: kept, and asked again tomorrow
        deleted += 1
    return {"forgiven": back, "warned": warned, "deleted": deleted}
