"""Demo decisions in safer-school-routes (DESIGN.md section 4): convener@ adopted one of its prototypes
and deferred a thread until a review date a month from the day of seeding. Seeding tells nobody; seeding
again adds nothing."""

from datetime import timedelta

from django.utils import timezone

from arenas.models import Arena
from platform_core.accounts.models import User

from .models import Decision
from .services.decisions import decision_create

ADOPTED_REASON = (
    "The walking bus pilot met its target in both test rounds, and the parents who walked it want to go on.\n"
    "We adopt it for every school on the routes from next term."
)
DEFERRED_REASON = (
    "A crossing guard needs money the council sets aside in the spring budget.\n"
    "We come back to this once the budget is known."
)


def seed_decisions(*, users, organisation, reset: bool) -> None:
    if reset:
        return  # they go with their arena
    arena = Arena.objects.filter(slug="safer-school-routes").first()
    convener = User.objects.filter(email="convener@example.org").first()
    if arena is None or convener is None or Decision.objects.filter(arena=arena).exists():
        return
    prototype = arena.prototypes.order_by("pk").first()
    thread = arena.threads.order_by("pk").first()
    if prototype is not None:
        decision_create(
            arena=arena,
            actor=convener,
            subject=prototype,
            outcome=Decision.Outcome.ADOPTED,
            reason=ADOPTED_REASON,
            tell=False,
        )
    if thread is not None:
        decision_create(
            arena=arena,
            actor=convener,
            subject=thread,
            outcome=Decision.Outcome.DEFERRED,
            reason=DEFERRED_REASON,
            review_on=timezone.localdate() + timedelta(days=30),
            tell=False,
        )
