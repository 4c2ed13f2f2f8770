"""What deleting an account does to the audit log: entries stay (what happened, when), but no longer say
who the person was — their email, name and handles are replaced wherever an entry spelt them."""

from django.db.models import Q

from platform_core.erasure import Eraser, eraser_register, rows_mentioning, scrubbed, scrubbed_json
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import AuditEntry


def erase(user, traces) -> None:
    words = traces.words()
    entries = rows_mentioning(AuditEntry.objects.all(), words, ["actor_label", "target_label"], ["details"])
    changed = []
    for entry in AuditEntry.objects.filter(Q(pk__in=entries.values("pk")) | Q(actor=user)).iterator(
        chunk_size=500
    ):
        entry.actor_label = "" if entry.actor_id == user.pk else scrubbed(entry.actor_label, words)
        entry.target_label = scrubbed(entry.target_label, words)
        entry.details = scrubbed_json(entry.details, words)
        changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["actor_label", "target_label", "details"], batch_size=500)


eraser_register(Eraser(key="audit", erase=erase))


def tables(user) -> dict:
    """What they did, and what was done to their account."""
    about = Q(actor=user) | Q(target_type="accounts.user", target_id=str(user.pk))
    about |= Q(target_label__icontains=user.email)
    return {
        "audit_entries": rows_of(
            AuditEntry.objects.filter(about).order_by("created"),
            ["action", "actor_label", "target_type", "target_label", "details", "created"],
        )
    }


exporter_register(Exporter(key="audit", tables=tables))
