"""Who came: facilitators tick registered members, add other members or walk-ins by name."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from arenas.models import Membership, StakeholderType
from arenas.policy import require

from ..models import Attendance, Session


@transaction.atomic
def attendance_set(*, session: Session, actor, user_ids: list[int]) -> int:
    """The members who came are exactly ``user_ids`` (walk-ins by name stay). Returns how many came."""
    require(actor, "sessions.take_attendance", session)
    members = dict(
        Membership.objects.filter(arena_id=session.arena_id, user_id__in=user_ids, banned=False).values_list(
            "user_id", "stakeholder_type"
        )
    )
    strangers = set(user_ids) - set(members)
    if strangers:
        raise ValidationError(_("Only the arena's members can be ticked as present; add others as walk-ins."))
    Attendance.objects.filter(session=session, user__isnull=False).exclude(user_id__in=members).delete()
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, user_id=user_id, stakeholder_type=kind, recorded_by=actor)
            for user_id, kind in members.items()
        ],
        ignore_conflicts=True,
    )
    return session.attendance.count()


@transaction.atomic
def walk_in_add(*, session: Session, actor, name: str, stakeholder_type: str) -> Attendance:
    """Someone came who has no account (or did not register): their name and stakeholder type."""
    require(actor, "sessions.take_attendance", session)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Write the person's name.")})
    if stakeholder_type not in StakeholderType.values:
        raise ValidationError({"stakeholder_type": _("Pick a stakeholder type.")})
    return Attendance.objects.create(
        session=session, name=name[:120], stakeholder_type=stakeholder_type, recorded_by=actor
    )
