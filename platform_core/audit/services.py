from django.db import models

from .models import AuditEntry


def audit_record(
    *, actor, action: str, target: models.Model, group_key: str = "", details: dict | None = None
) -> AuditEntry:
    """Record an action. Call it from the service that performs it, inside its transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        group_key=group_key,
        details=details or {},
    )
