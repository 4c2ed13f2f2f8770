"""Demo prototypes (DESIGN.md section 4) in safer-school-routes: five stages, mixed teams (one led by
citizen@example.org), iterations with learnings and decisions, feedback, an indicator with measurements,
and links to the threads they came from. Dates are relative to the day of seeding: the finished round
ended in the past, the running one contains today."""

from datetime import timedelta

from django.utils import timezone

from arenas.deliberation.models import Thread
from arenas.models import Arena
from platform_core.accounts.models import User

from .models import Prototype, TeamMember
from .services.evidence import feedback_submit, indicator_create, measurement_add
from .services.iterations import iteration_create, iteration_set_status
from .services.prototypes import prototype_create, prototype_transition

WALKING_BUS = "Walking bus from the sports hall"


def seed_prototypes(*, users, organisation, reset: bool) -> None:
    if reset:
        return  # they go with their arena
    arena = Arena.objects.filter(slug="safer-school-routes").first()
    if arena is None or Prototype.objects.filter(arena=arena).exists():
        return
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    citizen, facilitator, convener = (
        people[f"{n}@example.org"] for n in ("citizen", "facilitator", "convener")
    )
    idea_thread = Thread.objects.filter(arena=arena, kind="idea").order_by("pk").first()
    crossing = Thread.objects.filter(arena=arena, title__startswith="Where should the new crossing").first()
    today = timezone.localdate()

    def days(n: int):  # round and measurement dates relative to the day of seeding, as the phases are
        return today + timedelta(days=n)

    walking_bus = prototype_create(
        arena=arena,
        creator=citizen,
        title=WALKING_BUS,
        summary="Parents take turns walking a group of children to school along a fixed route.",
        problem_addressed="Too many children are driven the last few hundred metres.",
        hypothesis="We believe that a walking bus will result in fewer cars at the school gate for families "
        "living within 1 km; we will know when car drop-offs fall by a third.",
        topics=["Mobility", "Schools"],
        source_threads=[idea_thread.pk] if idea_thread else [],
    )
    for email in ("amira@example.org", "erik@example.org"):
        TeamMember.objects.create(prototype=walking_bus, user=people[email])
    prototype_transition(prototype=walking_bus, actor=citizen, to_stage="design")
    prototype_transition(prototype=walking_bus, actor=citizen, to_stage="testing")
    first = iteration_create(
        prototype=walking_bus,
        actor=citizen,
        goal="Will twelve families sign up?",
        test_what="One route, three mornings a week",
        test_where="Northbridge East School",
        test_with_whom="Families in Birch Street and Mill Lane",
        start_date=days(-19),
        end_date=days(-10),
    )
    iteration_set_status(iteration=first, actor=citizen, status="running")
    first.learnings = "Fifteen families joined; volunteers dropped off in week 3 when it rained."
    first.outcome = "Signed-up families drove 40% less."
    first.decision = "iterate"
    first.save()
    iteration_set_status(iteration=first, actor=citizen, status="done")
    second = iteration_create(
        prototype=walking_bus,
        actor=citizen,
        goal="Does a rota with rain plans hold up?",
        test_where="Two routes",
        start_date=days(-6),
        end_date=days(8),
    )
    iteration_set_status(iteration=second, actor=citizen, status="running")
    for email, rating, use, comment in [
        ("bent@example.org", 5, "yes", "My two walk with the group every Tuesday."),
        ("chen@example.org", 4, "yes", "Good, but the meeting point is hard to find."),
        ("dorte@example.org", 3, "unsure", "Would need volunteers on Fridays."),
        ("facilitator@example.org", 4, "yes", ""),
    ]:
        feedback_submit(
            prototype=walking_bus,
            author=people[email],
            rating=rating,
            would_use=use,
            comment=comment,
            iteration=first if email != "facilitator@example.org" else None,
        )
    cars = indicator_create(
        prototype=walking_bus,
        actor=citizen,
        name="Cars dropping off at the gate",
        unit="cars per morning",
        baseline="120",
        target="80",
        direction="lower",
    )
    for day, value in [(days(-21), "118"), (days(-9), "96"), (days(-2), "88")]:
        measurement_add(indicator=cars, actor=citizen, date=day, value=value)

    crossing_trial = prototype_create(
        arena=arena,
        creator=facilitator,
        title="Painted trial crossing by the bakery",
        hypothesis="We believe that a painted crossing with a volunteer guard will result in safer crossings; "
        "we will know when near-misses reported by parents drop to zero.",
        source_threads=[crossing.pk] if crossing else [],
    )
    TeamMember.objects.create(prototype=crossing_trial, user=people["chen@example.org"])
    for stage in ("design", "testing", "evaluation"):
        prototype_transition(prototype=crossing_trial, actor=facilitator, to_stage=stage)
    prototype_transition(
        prototype=crossing_trial,
        actor=convener,
        to_stage="adopted",
        reason="Two months without a near-miss; the council funds a permanent crossing.",
    )

    prototype_create(
        arena=arena,
        creator=people["amira@example.org"],
        title="Bike buddies for older pupils",
        hypothesis="We believe that pairing pupils who cycle will result in more children cycling; "
        "we will know when bike racks are full twice a week.",
    )
    lights = prototype_create(
        arena=arena,
        creator=people["bent@example.org"],
        title="Push-button lights on Ring Road",
        hypothesis="We believe that lights will result in shorter waits; we will know when "
        "children wait under a minute.",
    )
    prototype_transition(prototype=lights, actor=people["bent@example.org"], to_stage="design")
    paused = prototype_create(
        arena=arena,
        creator=people["dorte@example.org"],
        title="School street closure",
        hypothesis="We believe that closing the street at drop-off will result in calm; we "
        "will know when no car enters between 7:45 and 8:15.",
    )
    for stage in ("design", "testing", "evaluation", "paused"):
        prototype_transition(prototype=paused, actor=facilitator, to_stage=stage)
