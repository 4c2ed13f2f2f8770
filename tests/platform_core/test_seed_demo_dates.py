"""The demo's dates agree with where each arena stands, whatever day it is seeded: the phases before the
current one ended in the past, the current one contains today, the later ones are still to come; the
finished test round ended before today and the running one contains it. Seeding again months later brings
the phases up to date."""

import datetime as dt
import itertools

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

DEMO_ARENAS = {"safer-school-routes", "loneliness-among-seniors", "youth-employment-taskforce"}


def assert_phases_agree_with(today: dt.date) -> None:
    from arenas.models import Arena

    arenas = list(Arena.objects.filter(slug__in=DEMO_ARENAS).select_related("current_phase"))
    assert {a.slug for a in arenas} == DEMO_ARENAS
    for arena in arenas:
        phases = list(arena.phases.order_by("order"))
        current = [p.pk for p in phases].index(arena.current_phase_id)
        assert len(phases) >= 3, arena.slug
        for phase in phases[:current]:
            assert phase.end_date < today, (arena.slug, phase.name, phase.end_date)
        now = phases[current]
        assert now.start_date <= today <= now.end_date, (arena.slug, now.name, now.start_date, now.end_date)
        for phase in phases[current + 1 :]:
            assert phase.start_date > today, (arena.slug, phase.name, phase.start_date)
        for before, after in itertools.pairwise(phases):  # back to back, no gaps
            assert after.start_date == before.end_date + dt.timedelta(days=1)


@pytest.mark.parametrize("day", [dt.datetime(2026, 12, 2, 9, 0), dt.datetime(2028, 7, 1, 9, 0)])
def test_seeded_on_any_day_the_current_phase_contains_it_and_earlier_phases_are_over(day):
    from arenas.models import Arena

    with time_machine.travel(timezone.make_aware(day), tick=False):
        call_command("seed_demo")
        today = timezone.localdate()

    assert_phases_agree_with(today)
    safer = Arena.objects.select_related("current_phase").get(slug="safer-school-routes")
    assert safer.current_phase.name == "Prototyping"
    framing = safer.phases.get(name="Framing the problem")
    assert framing.end_date < today  # "done" means done: not a date in the future


def test_rounds_and_measurements_are_dated_around_the_day_of_seeding():
    from arenas.prototypes.models import Iteration, Measurement

    with time_machine.travel(timezone.make_aware(dt.datetime(2028, 7, 1, 9, 0)), tick=False):
        call_command("seed_demo")
        today = timezone.localdate()

    rounds = Iteration.objects.filter(prototype__arena__slug="safer-school-routes").exclude(start_date=None)
    done = [r for r in rounds if r.status == "done"]
    running = [r for r in rounds if r.status == "running"]
    assert done and running
    assert all(r.start_date <= r.end_date < today for r in done)
    assert all(r.start_date <= today <= r.end_date for r in running)
    measured = list(Measurement.objects.values_list("date", flat=True))
    assert measured and max(measured) <= today and min(measured) > today - dt.timedelta(days=60)


def test_seeding_again_months_later_brings_the_phases_up_to_date():
    first = timezone.make_aware(dt.datetime(2026, 12, 2, 9, 0))
    with time_machine.travel(first, tick=False):
        call_command("seed_demo")
    later = first + dt.timedelta(days=120)
    with time_machine.travel(later, tick=False):
        call_command("seed_demo")
        today = timezone.localdate()

    assert_phases_agree_with(today)


def test_seeding_again_the_same_day_changes_no_date():
    from arenas.models import Phase

    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 12, 2, 9, 0)), tick=False):
        call_command("seed_demo")
        before = list(Phase.objects.order_by("pk").values_list("pk", "start_date", "end_date"))
        call_command("seed_demo")

    assert list(Phase.objects.order_by("pk").values_list("pk", "start_date", "end_date")) == before
