"""Recording consent, and asking signed-in people to accept a new version.

Whether someone must be asked is one flag on their account (``User.consent_due``), so that no page pays
a query to know: it is set for everyone when a new version comes into effect (``legal_versions_apply``,
from beat and from the admin), checked again at each sign-in, and cleared when they accept."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import Consent, LegalDocument
from .selectors import documents_in_effect, documents_to_accept


def _consent_due_set(user, due: bool) -> None:
    if user.consent_due != due:
        get_user_model().objects.filter(pk=user.pk).update(consent_due=due)
        user.consent_due = due


@transaction.atomic
def consent_record(*, user, how: str, documents: list[LegalDocument] | None = None) -> None:
    """``user`` accepts ``documents`` (by default every version in effect), once each. Accepting only
    some of them (a newer version came into effect while they read) leaves them to be asked again."""
    current = documents_in_effect()
    in_effect = {document.pk for document in current}
    chosen = current if documents is None else [d for d in documents if d.pk in in_effect]
    Consent.objects.bulk_create(
        [Consent(user=user, document=document, how=how) for document in chosen], ignore_conflicts=True
    )
    _consent_due_set(user, bool(documents_to_accept(user, current)))


def consent_check_at_sign_in(user) -> None:
    """At sign-in: an account that has not accepted what is in effect (made by an admin, or from before
    the versions existed) is asked on its next page."""
    _consent_due_set(user, bool(documents_to_accept(user)))


def legal_versions_apply() -> int:
    """Ask everyone to accept the versions that have come into effect since the last run (beat, and the
    admin when it saves one in effect). One ``UPDATE`` per version, however many people. Returns how
    many accounts were flagged."""
    flagged = 0
    current = {document.pk for document in documents_in_effect()}
    pending = LegalDocument.objects.filter(applied_at=None, effective_at__lte=timezone.now())
    for document_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            document = LegalDocument.objects.select_for_update().get(pk=document_id)
            if document.applied_at is not None:
                continue
            if document.pk in current:  # an older version that a newer one overtook asks nobody
                flagged += (
                    get_user_model()
                    .objects.filter(is_active=True, consent_due=False)
                    .exclude(consents__document=document)
                    .update(consent_due=True)
                )
            document.applied_at = timezone.now()
            document.save(update_fields=["applied_at"])
    return flagged
