"""Each of the dashboard's figures on a small hand-made arena: members week by week, posts per week, the
prototype funnel, feedback averages and ratings, indicator progress both ways, decisions by kind, sessions
and who came; and which sections the public summary leaves out."""

import datetime as dt
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from arenas.models import Membership
from arenas.outcomes.dashboard import dashboard_of
from arenas.outcomes.dashboard.work import progress_toward
from arenas.outcomes.models import Decision, StakeholderGroup
from arenas.sessions.models import Registration, Session
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

from .dashboard_helpers import attend, decide, feedback, indicator, post, register, session, thread_in

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)  # a Monday


@pytest.fixture
def arena():
    return ArenaFactory(title="Sikre skoleveje 🚸")


def test_members_at_the_end_of_each_of_the_last_twelve_weeks_leave_banned_ones_out(arena, time_machine):
    for weeks_ago, count in [(20, 2), (5, 3), (1, 1), (0, 2)]:
        time_machine.move_to(MONDAY - timedelta(weeks=weeks_ago) + timedelta(days=2), tick=False)
        for _ in range(count):
            MembershipFactory(arena=arena)
    MembershipFactory(arena=arena, banned=True)
    time_machine.move_to(MONDAY + timedelta(days=3), tick=False)

    members = dashboard_of(arena=arena, details=False).members

    assert len(members.weeks) == 12
    assert members.weeks[-1].week == dt.date(2026, 3, 2) and members.weeks[0].week == dt.date(2025, 12, 15)
    assert [week.count for week in members.weeks] == [2] * 6 + [5] * 4 + [6, 8]
    assert members.total == 8
    assert members.weeks_ago(4) == 5


def test_posts_per_week_count_the_arenas_posts_but_not_deleted_ones(arena, time_machine):
    time_machine.move_to(MONDAY + timedelta(days=1), tick=False)
    author = MembershipFactory(arena=arena).user
    thread = thread_in(arena, author)
    other = thread_in(ArenaFactory(), author)
    now = timezone.now()
    for when in [now, now, now - timedelta(weeks=1), now - timedelta(weeks=11), now - timedelta(weeks=13)]:
        post(thread, author, when=when)
    post(thread, author, when=now, deleted=True)
    post(other, author, when=now)

    posts = dashboard_of(arena=arena, details=False).posts

    assert [week.count for week in posts.weeks] == [1] + [0] * 9 + [1, 2]
    assert posts.total == 4


def test_the_funnel_lists_every_stage_in_the_stages_order(arena):
    for stage in ["testing", "idea", "testing", "adopted"]:
        PrototypeFactory(arena=arena, stage=stage)

    funnel = dashboard_of(arena=arena, details=False).funnel

    assert [(c.key, c.count) for c in funnel] == [
        ("idea", 1),
        ("design", 0),
        ("testing", 2),
        ("evaluation", 0),
        ("adopted", 1),
        ("scaled", 0),
        ("paused", 0),
        ("abandoned", 0),
    ]
    assert funnel[0].label == "Idea"


def test_an_arena_without_prototypes_decisions_or_sessions_has_empty_sections(arena):
    dashboard = dashboard_of(arena=arena, details=True)

    assert (dashboard.funnel, dashboard.decisions, dashboard.sessions) == ([], [], None)
    assert dashboard.feedback.responses == 0 and dashboard.feedback.average is None
    assert dashboard.indicators == []


def test_feedback_scores_average_each_prototype_and_count_every_rating(arena):
    walking_bus = PrototypeFactory(arena=arena, title="Walking bus")
    crossing = PrototypeFactory(arena=arena, title="Crossing guard")
    feedback(walking_bus, [5, 4, 4])
    feedback(crossing, [1, 2])

    scores = dashboard_of(arena=arena, details=True).feedback

    assert [(p.title, round(p.average, 2), p.responses) for p in scores.prototypes] == [
        ("Walking bus", 4.33, 3),
        ("Crossing guard", 1.5, 2),
    ]
    assert [(c.key, c.count) for c in scores.ratings] == [("1", 1), ("2", 1), ("3", 0), ("4", 2), ("5", 1)]
    assert (scores.responses, scores.average) == (5, 3.2)


def test_indicator_progress_goes_from_baseline_toward_target_whichever_way_is_better(arena):
    prototype = PrototypeFactory(arena=arena, title="Walking bus")
    indicator(
        prototype, baseline="10", target="4", values=["9", "7"], direction="lower", name="Cars at the gate"
    )
    indicator(prototype, baseline="20", target="60", values=["70"], name="Children walking")
    indicator(prototype, baseline="20", target="60", values=["10"], name="Parents walking")
    indicator(prototype, baseline="5", target="5", name="Not measured")

    rows = {i.name: i for i in dashboard_of(arena=arena, details=True).indicators}

    cars = rows["Cars at the gate"]
    assert (cars.latest, cars.progress, cars.met) == (Decimal("7"), 0.5, False)
    assert (rows["Children walking"].progress, rows["Children walking"].met) == (1.0, True)
    assert (rows["Parents walking"].progress, rows["Parents walking"].met) == (0.0, False)
    assert (rows["Not measured"].progress, rows["Not measured"].met) == (None, None)


def test_a_target_equal_to_its_baseline_is_all_or_nothing():
    same = {"baseline": Decimal(5), "target": Decimal(5)}
    assert progress_toward(**same, latest=Decimal(4), direction="lower") == (1.0, True)
    assert progress_toward(**same, latest=Decimal(4), direction="higher") == (0.0, False)


def test_decisions_are_counted_by_kind(arena):
    thread = thread_in(arena, UserFactory())
    decide(arena, thread, Decision.Outcome.ADOPTED, times=2)
    decide(arena, thread, Decision.Outcome.DEFERRED)
    decide(ArenaFactory(), thread_in(ArenaFactory(), UserFactory()), Decision.Outcome.DECLINED)

    decisions = dashboard_of(arena=arena, details=False).decisions

    assert [(c.key, c.count) for c in decisions] == [
        ("adopted", 2),
        ("adapted", 0),
        ("declined", 0),
        ("deferred", 1),
    ]


def test_sessions_are_counted_and_the_details_compare_registered_with_attended(arena):
    people = [MembershipFactory(arena=arena).user for _ in range(4)]
    walk = session(arena, title="Crossing walk", days=-2)
    register(walk, people[:3])
    register(walk, people[3:], status=Registration.Status.WAITING)
    attend(walk, people[:2], walk_ins=1)
    older = session(arena, title="Gate count", days=-9, status=Session.Status.HELD)
    register(older, people[:1])
    session(arena, title="Next walk", days=5)
    session(arena, title="Rained off", days=-1, status=Session.Status.CANCELLED)

    summary = dashboard_of(arena=arena, details=False).sessions
    full = dashboard_of(arena=arena, details=True).sessions

    assert (summary.upcoming, summary.held, summary.cancelled, summary.past) == (1, 2, 1, None)
    assert [(s.title, s.registered, s.attended) for s in full.past] == [
        ("Crossing walk", 3, 3),
        ("Gate count", 1, 0),
    ]


def test_the_summary_leaves_out_the_details_and_the_mix_follows_the_map(arena):
    StakeholderGroup.objects.create(arena=arena, stakeholder_type="service_user", target=3)
    MembershipFactory(arena=arena, stakeholder_type=Membership._meta.get_field("stakeholder_type").default)

    summary = dashboard_of(arena=arena, details=False)
    full = dashboard_of(arena=arena, details=True)

    assert (summary.voice, summary.feedback, summary.indicators) == (None, None, None)
    assert summary.has_map
    assert [(row.stakeholder_type, row.missing) for row in summary.mix] == [
        ("service_user", True),
        ("resident", False),
    ]
    assert [voice.stakeholder_type for voice in full.voice] == ["resident"]
