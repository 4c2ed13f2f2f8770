"""The evidence on a prototype: feedback (one per person per prototype or round, editable), indicators of
the public value it should create, and their measurements."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.models import StakeholderType
from arenas.rules import require
from platform_core.ratelimits import rate_limit
from platform_core.text import within_limit

from ..models import Feedback, Indicator, Iteration, Measurement, Prototype
from .telling import prototype_notify


@transaction.atomic
def feedback_submit(
    *,
    prototype: Prototype,
    author,
    rating,
    would_use: str,
    comment: str = "",
    iteration: Iteration | None = None,
) -> Feedback:
    """One piece of feedback per person per prototype or round; giving it again edits it."""
    require(author, "prototypes.give_feedback", prototype)
    rating, comment = _checked(prototype, rating, would_use, comment, iteration)
    rate_limit("feedback", author.pk)
    feedback, created = Feedback.objects.update_or_create(
        prototype=prototype,
        iteration=iteration,
        author=author,
        defaults={
            "rating": rating,
            "would_use": would_use,
            "comment": comment,
            "updated": timezone.now(),
        },
    )
    if created:
        team = prototype.team.exclude(user=author).values_list("user_id", flat=True)
        prototype_notify(prototype, event="prototypes.feedback", actor=author, recipients=list(team))
    return feedback


def _checked(prototype, rating, would_use, comment, iteration) -> tuple[int, str]:
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Rate from 1 to 5.")})
    if would_use not in Feedback.WouldUse.values:
        raise ValidationError({"would_use": _("Say whether you would use it: yes, no or not sure.")})
    if iteration is not None and iteration.prototype_id != prototype.pk:
        raise ValidationError({"iteration": _("That round belongs to another prototype.")})
    return rating, within_limit(comment, 4000, field="comment")


@transaction.atomic
def feedback_enter_offline(
    *,
    prototype: Prototype,
    actor,
    rating,
    would_use: str,
    stakeholder_type: str,
    comment: str = "",
    iteration: Iteration | None = None,
) -> Feedback:
    """A facilitator enters feedback someone gave on paper (at a test session): no account behind it, the
    giver's stakeholder type kept, marked as entered offline. It counts in the summaries like any other."""
    require(actor, "prototypes.enter_offline_feedback", prototype)
    rating, comment = _checked(prototype, rating, would_use, comment, iteration)
    if stakeholder_type not in StakeholderType.values:
        raise ValidationError({"stakeholder_type": _("Pick the stakeholder type of the person who gave it.")})
    now = timezone.now()
    return Feedback.objects.create(
        prototype=prototype,
        iteration=iteration,
        author=None,
        entered_offline=True,
        entered_by=actor,
        stakeholder_type=stakeholder_type,
        rating=rating,
        would_use=would_use,
        comment=comment,
        created=now,
        updated=now,
    )


# --- indicators ---------------------------------------------------------------------------------------------


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


@transaction.atomic
def indicator_create(
    *,
    prototype: Prototype,
    actor,
    name: str,
    baseline,
    target,
    unit: str = "",
    direction: str = Indicator.Direction.HIGHER,
) -> Indicator:
    require(actor, "prototypes.change_prototype", prototype)
    if not name.strip():
        raise ValidationError({"name": _("Name what you measure.")})
    if direction not in Indicator.Direction.values:
        raise ValidationError({"direction": _("Say whether higher or lower is better.")})
    return Indicator.objects.create(
        prototype=prototype,
        name=within_limit(name, 120, field="name"),
        unit=within_limit(unit, 40, field="unit"),
        baseline=_decimal(baseline, "baseline"),
        target=_decimal(target, "target"),
        direction=direction,
    )


@transaction.atomic
def measurement_add(*, indicator: Indicator, actor, date, value, note: str = "") -> Measurement:
    require(actor, "prototypes.change_prototype", indicator.prototype)
    if not date:
        raise ValidationError({"date": _("When was it measured?")})
    return Measurement.objects.create(
        indicator=indicator,
        date=date,
        value=_decimal(value, "value"),
        note=within_limit(note, 300, field="note"),
    )
