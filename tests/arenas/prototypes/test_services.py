from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from arenas.prototypes.models import Feedback, Iteration, Prototype, TeamMember
from arenas.prototypes.selectors.board import prototype_board
from arenas.prototypes.selectors.evidence import feedback_summary, indicators_for
from arenas.prototypes.selectors.portfolio import portfolio
from arenas.prototypes.selectors.prototype import prototypes_from_thread, timeline
from arenas.prototypes.services.evidence import feedback_submit, indicator_create, measurement_add
from arenas.prototypes.services.iterations import iteration_create, iteration_set_status
from arenas.prototypes.services.prototypes import prototype_create, prototype_transition
from arenas.prototypes.services.team import team_request_create, team_request_decide
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes")


@pytest.fixture
def citizen(arena):
    return MembershipFactory(arena=arena, role=Role.PARTICIPANT, stakeholder_type="resident").user


def events(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("event", flat=True))


def test_a_citizen_creates_a_prototype_from_an_idea_thread_and_leads_it(arena, citizen):
    thread = thread_create(arena=arena, author=citizen, title="Walking bus", kind="idea")
    post = post_create(thread=thread, author=citizen, body="Start at the sports hall")

    prototype = prototype_create(
        arena=arena,
        creator=citizen,
        title="Walking bus pilot",
        hypothesis="We believe that …",
        source_threads=[thread.pk],
        source_posts=[post.pk],
    )

    assert prototype.stage == "idea"
    assert prototype.team.get().role == "lead"
    assert list(prototypes_from_thread(thread=thread)) == [prototype]
    assert prototype.sources.count() == 2
    assert [e["object"].to_stage for e in timeline(prototype=prototype)] == ["idea"]


def test_provenance_only_within_one_arena(arena, citizen):
    elsewhere = ArenaFactory()
    foreign = thread_create(arena=elsewhere, author=MembershipFactory(arena=elsewhere).user, title="Other")

    with pytest.raises(ValidationError):
        prototype_create(arena=arena, creator=citizen, title="X", hypothesis="H", source_threads=[foreign.pk])
    assert not Prototype.objects.exists()


def test_observers_cannot_create_prototypes(arena):
    with pytest.raises(PermissionDenied):
        prototype_create(
            arena=arena,
            creator=MembershipFactory(arena=arena, role="observer").user,
            title="X",
            hypothesis="H",
        )


def test_a_prototype_needs_a_title_and_a_hypothesis(arena, citizen):
    with pytest.raises(ValidationError) as error:
        prototype_create(arena=arena, creator=citizen, title="X", hypothesis=" ")
    assert "hypothesis" in error.value.message_dict


def test_stage_moves_tell_the_team_and_decisions_tell_every_member(arena, citizen):
    prototype = PrototypeFactory(arena=arena, lead=citizen, stage="evaluation")
    member = MembershipFactory(arena=arena).user
    convener = MembershipFactory(arena=arena, role="convener").user

    prototype_transition(
        prototype=prototype, actor=convener, to_stage="adopted", reason="The pilot halved car trips"
    )

    assert events(citizen) == ["prototypes.stage_changed"]
    assert events(member) == ["prototypes.decision"]


def test_participants_ask_to_join_the_team_and_the_lead_answers(arena, citizen):
    prototype = PrototypeFactory(arena=arena, lead=citizen)
    newcomer = MembershipFactory(arena=arena, stakeholder_type="business").user

    request = team_request_create(prototype=prototype, user=newcomer, note="I run the bakery on the route")
    assert events(citizen) == ["prototypes.team_request"]
    with pytest.raises(PermissionDenied):
        team_request_decide(request=request, actor=MembershipFactory(arena=arena).user, accept=True)
    team_request_decide(request=request, actor=citizen, accept=True)

    assert TeamMember.objects.filter(prototype=prototype, user=newcomer, role="member").exists()
    assert events(newcomer) == ["prototypes.team_request_accepted"]


def test_rounds_are_numbered_and_only_one_runs(arena, citizen):
    prototype = PrototypeFactory(arena=arena, lead=citizen)
    first = iteration_create(
        prototype=prototype, actor=citizen, goal="Do parents sign up?", test_where="Skole Øst"
    )
    second = iteration_create(prototype=prototype, actor=citizen, goal="Does it last a month?")

    iteration_set_status(iteration=first, actor=citizen, status="running")
    with pytest.raises(ValidationError):
        iteration_set_status(iteration=second, actor=citizen, status="running")
    with pytest.raises(ValidationError):  # learnings first
        iteration_set_status(iteration=first, actor=citizen, status="done")
    first.learnings = "Twelve families joined in the first week."
    first.save()
    iteration_set_status(iteration=first, actor=citizen, status="done")
    iteration_set_status(iteration=second, actor=citizen, status="running")

    assert (first.number, second.number) == (1, 2)
    assert Iteration.objects.get(pk=first.pk).done_at is not None


def test_feedback_summary_arithmetic(arena, citizen):
    prototype = PrototypeFactory(arena=arena, lead=citizen)
    for rating, would_use in [(5, "yes"), (4, "yes"), (2, "no"), (3, "unsure"), (5, "yes")]:
        feedback_submit(
            prototype=prototype,
            author=MembershipFactory(arena=arena).user,
            rating=rating,
            would_use=would_use,
        )

    summary = feedback_summary(prototype=prototype)

    assert summary.count == 5
    assert summary.mean == 3.8
    assert summary.distribution == {1: 0, 2: 1, 3: 1, 4: 1, 5: 2}
    assert summary.would_use == {"yes": 3, "no": 1, "unsure": 1}
    assert summary.would_use_share == 0.6
    assert feedback_summary(prototype=PrototypeFactory(arena=arena)).mean is None


def test_feedback_once_per_person_per_round_editable(arena, citizen):
    prototype = PrototypeFactory(arena=arena, lead=citizen)
    round_one = iteration_create(prototype=prototype, actor=citizen, goal="g")
    person = MembershipFactory(arena=arena).user

    feedback_submit(prototype=prototype, author=person, rating=2, would_use="no")
    feedback_submit(prototype=prototype, author=person, rating=4, would_use="yes", comment="Better now")
    feedback_submit(prototype=prototype, author=person, rating=3, would_use="unsure", iteration=round_one)

    assert Feedback.objects.filter(author=person).count() == 2
    assert Feedback.objects.get(author=person, iteration=None).rating == 4
    assert events(citizen) == ["prototypes.feedback", "prototypes.feedback"]
    with pytest.raises(ValidationError):
        feedback_submit(prototype=prototype, author=person, rating=6, would_use="yes")
    with pytest.raises(ValidationError):
        feedback_submit(prototype=prototype, author=person, rating=3, would_use="maybe")


def test_indicators_with_measurements_against_the_target(arena, citizen):
    prototype = PrototypeFactory(arena=arena, lead=citizen)
    cars = indicator_create(
        prototype=prototype,
        actor=citizen,
        name="Cars at the gate",
        unit="cars/morning",
        baseline="120",
        target="80",
        direction="lower",
    )
    measurement_add(indicator=cars, actor=citizen, date=date(2026, 10, 1), value="110")
    measurement_add(indicator=cars, actor=citizen, date=date(2026, 11, 1), value="78")

    [indicator] = indicators_for(prototype=prototype)

    assert str(indicator.latest) == "78.00"
    assert indicator.met is True
    assert indicator.chart["points"].count(",") == 2
    with pytest.raises(ValidationError):
        measurement_add(indicator=cars, actor=citizen, date=date(2026, 12, 1), value="lots")


def test_the_board_and_portfolio_group_by_stage_with_the_team_mix(arena, citizen):
    PrototypeFactory(arena=arena, lead=citizen, stage="testing")
    PrototypeFactory(arena=arena, stage="idea")
    private = ArenaFactory(organisation=arena.organisation, visibility="private")
    PrototypeFactory(arena=private, stage="idea")

    board = prototype_board(arena=arena, viewer=citizen)
    columns = {c["stage"]: len(c["prototypes"]) for c in board.columns}
    items, counts = portfolio(organisation=arena.organisation, viewer=citizen)

    assert columns["testing"] == 1 and columns["idea"] == 1 and board.total == 2
    assert next(c for c in board.columns if c["stage"] == "testing")["prototypes"][0].team_mix == [
        {"type": "resident", "label": "Resident", "count": 1}
    ]
    assert len(items) == 2  # the private arena's prototype stays hidden
    assert counts["idea"] == 1 and counts["testing"] == 1
    assert len(portfolio(organisation=arena.organisation, viewer=UserFactory(is_superuser=True))[0]) == 3


def test_the_timeline_shows_when_a_round_started(arena, citizen):
    prototype = PrototypeFactory(arena=arena, lead=citizen)
    first = iteration_create(prototype=prototype, actor=citizen, goal="g")
    iteration_set_status(iteration=first, actor=citizen, status="running")

    assert [e["kind"] for e in timeline(prototype=prototype)] == ["iteration", "iteration_started"]


def test_a_lead_who_was_banned_or_whose_arena_closed_no_longer_runs_the_team(arena, citizen):
    from arenas.models import Membership
    from arenas.prototypes.services.team import team_lead_set

    prototype = PrototypeFactory(arena=arena, lead=citizen)
    request = team_request_create(prototype=prototype, user=MembershipFactory(arena=arena).user)
    Membership.objects.filter(user=citizen, arena=arena).update(banned=True, ban_reason="x")

    with pytest.raises(PermissionDenied):
        team_request_decide(request=request, actor=citizen, accept=True)
    other = PrototypeFactory(arena=arena)
    with pytest.raises((PermissionDenied, ValidationError)):
        team_lead_set(
            prototype=prototype,
            member=other.team.get(),
            actor=MembershipFactory(arena=arena, role="facilitator").user,
        )


def test_the_thread_page_shows_where_the_talk_led(client, arena, citizen):
    thread = thread_create(arena=arena, author=citizen, title="Walking bus", kind="idea")
    client.force_login(citizen)

    page = client.get(thread.get_absolute_url()).content.decode()
    assert f"/arenas/{arena.slug}/prototypes/new/?thread={thread.pk}" in page
    assert "No prototype has come from this idea yet." in page

    prototype = prototype_create(
        arena=arena, creator=citizen, title="Walking bus pilot", hypothesis="H", source_threads=[thread.pk]
    )
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f"/arenas/{arena.slug}/prototypes/{prototype.pk}/" in page
    assert "Walking bus pilot" in page
    arena_page = client.get(arena.get_absolute_url()).content.decode()
    assert f"/arenas/{arena.slug}/prototypes/" in arena_page
