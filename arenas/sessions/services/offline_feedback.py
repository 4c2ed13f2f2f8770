"""Feedback given on paper at a test session, entered by a facilitator for the round the session tests."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arenas.prototypes.models import Feedback
from arenas.prototypes.services.evidence import feedback_enter_offline

from ..models import Session


def offline_feedback_enter(
    *, session: Session, actor, rating, would_use: str, stakeholder_type: str, comment: str = ""
) -> Feedback:
    """It counts in the round's and the prototype's feedback summary, marked as entered offline."""
    if session.iteration_id is None:
        raise ValidationError(_("This session tests no prototype round: there is nowhere to put feedback."))
    iteration = session.iteration
    return feedback_enter_offline(
        prototype=iteration.prototype,
        iteration=iteration,
        actor=actor,
        rating=rating,
        would_use=would_use,
        stakeholder_type=stakeholder_type,
        comment=comment,
    )
