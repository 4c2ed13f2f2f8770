"""What deleting an account does to the audit log: entries stay (what happened, when), but no longer say
who the person was — their email, name and handles are replaced wherever an entry spelt them."""

from django.db.models import Q

from platform_core.erasure import Eraser, eraser_register, rows_mentioning, scrubbed, scrubbed_json

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
