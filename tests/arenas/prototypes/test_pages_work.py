"""The forms on a prototype's page: asking to join the team and the lead's answer, test rounds (one
running at a time, done only with learnings), feedback (prefilled, editable), indicators and
measurements (a bad number is a form error), and linking the threads it came from."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from arenas.prototypes.models import (
    Feedback,
    Indicator,
    Iteration,
    PrototypeSource,
    TeamJoinRequest,
    TeamMember,
)
from arenas.prototypes.services.evidence import indicator_create, measurement_add
from arenas.prototypes.services.iterations import iteration_create

from .pages_helpers import action_url, detail_url, html, sign_in, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


@pytest.fixture
def prototype(people):
    return people.public.prototype


# --- team ---------------------------------------------------------------------------------------------------


def test_a_participant_asks_to_join_and_the_lead_accepts(client, people, prototype):
    sign_in(client, people.participant)
    asked = client.post(action_url("team-request", prototype), {"note": "I walk this route daily."})
    assert asked.status_code == 302
    assertContains(client.get(detail_url(prototype)), "You asked to join this team. The lead will answer")

    sign_in(client, people.lead)
    page = client.get(detail_url(prototype))
    assertContains(page, "I walk this route daily.")
    assertContains(page, "Accept Cecilie Citizen")
    join_request = TeamJoinRequest.objects.get(prototype=prototype, user=people.participant)
    answered = client.post(action_url("team-decide", prototype, join_request.pk), {"decision": "accept"})

    assert answered.status_code == 302
    assert TeamMember.objects.filter(prototype=prototype, user=people.participant).exists()
    page = client.get(answered["Location"])
    assertContains(page, "Cecilie Citizen is now in the team.")
    assertContains(page, "Resident 2, Public employee 1")
    assertNotContains(page, "Accept Cecilie Citizen")


def test_a_facilitator_declines_a_request_and_others_may_not_answer(client, people, prototype):
    sign_in(client, people.participant)
    client.post(action_url("team-request", prototype), {"note": ""})
    join_request = TeamJoinRequest.objects.get(prototype=prototype)

    sign_in(client, people.teammate)  # on the team, but not its lead
    refused = client.post(action_url("team-decide", prototype, join_request.pk), {"decision": "accept"})
    assert refused.status_code == 403
    assertContains(refused, "Only the team", status_code=403)

    sign_in(client, people.facilitator)
    client.post(action_url("team-decide", prototype, join_request.pk), {"decision": "decline"})

    join_request.refresh_from_db()
    assert join_request.status == "declined"
    assert not TeamMember.objects.filter(prototype=prototype, user=people.participant).exists()


def test_asking_twice_says_the_request_is_waiting(client, people, prototype):
    sign_in(client, people.participant)
    client.post(action_url("team-request", prototype), {"note": ""})

    again = client.post(action_url("team-request", prototype), {"note": "Please"}, follow=True)

    assertContains(again, "You have already asked to join; the lead will answer.")
    assertContains(again, "You asked to join this team.")
    assert TeamJoinRequest.objects.filter(prototype=prototype).count() == 1


def test_an_observer_may_not_ask_to_join(client, people, prototype):
    sign_in(client, people.observer)

    response = client.post(action_url("team-request", prototype), {"note": ""})

    assert response.status_code == 403
    assert not TeamJoinRequest.objects.exists()


def test_a_member_leaves_and_the_lead_hands_over(client, people, prototype):
    teammate = TeamMember.objects.get(prototype=prototype, user=people.teammate)
    sign_in(client, people.lead)

    client.post(action_url("team-lead", prototype, teammate.pk))

    lead = TeamMember.objects.get(prototype=prototype, role="lead")
    assert lead.user == people.teammate
    old_lead = TeamMember.objects.get(prototype=prototype, user=people.lead)
    left = client.post(action_url("team-remove", prototype, old_lead.pk))
    assert left.status_code == 302
    assertContains(client.get(left["Location"]), "You left the team.")
    assert not TeamMember.objects.filter(prototype=prototype, user=people.lead).exists()


# --- rounds -------------------------------------------------------------------------------------------------


ROUND = {
    "goal": "Find out whether parents sign up",
    "test_what": "A sign-up sheet",
    "test_where": "School gate",
    "test_with_whom": "Parents of year 1",
    "start_date": "2026-03-02",
    "end_date": "2026-03-20",
}


def test_the_team_plans_starts_and_finishes_rounds_one_at_a_time(client, people, prototype):
    sign_in(client, people.lead)

    planned = client.post(action_url("iteration-create", prototype), ROUND)
    assert planned.status_code == 302
    assert planned["Location"].endswith("#iteration-1")
    client.post(action_url("iteration-create", prototype), {**ROUND, "goal": "Second try"})
    assert client.post(action_url("iteration-status", prototype, 1), {"status": "running"}).status_code == 302

    second = client.post(action_url("iteration-status", prototype, 2), {"status": "running"})
    assert second.status_code == 200
    round_two = html(second).split('id="iteration-2"')[1].split("</article>")[0]
    assert "Another round is running: finish it before starting this one." in round_two
    assert Iteration.objects.get(prototype=prototype, number=2).status == "planned"

    no_learnings = client.post(action_url("iteration-status", prototype, 1), {"status": "done"})
    assertContains(no_learnings, "Write down what the round taught you before closing it.")
    edited = client.post(
        action_url("iteration-edit", prototype, 1),
        {
            **ROUND,
            "outcome": "14 families signed up",
            "learnings": "Mornings work, afternoons do not",
            "decision": "iterate",
        },
    )
    assert edited.status_code == 302
    assert client.post(action_url("iteration-status", prototype, 1), {"status": "done"}).status_code == 302
    assert client.post(action_url("iteration-status", prototype, 2), {"status": "running"}).status_code == 302

    page = client.get(detail_url(prototype))
    assertContains(page, "Round 1 done")
    assertContains(page, "decision: Iterate")
    assertContains(page, "Mornings work, afternoons do not")
    assertContains(page, "Finish round 2")
    round_two = html(page).split('id="iteration-2"')[1].split("</article>")[0]
    assert "iteration-status-running" in round_two


def test_a_round_needs_a_goal_and_sensible_dates(client, people, prototype):
    sign_in(client, people.lead)

    no_goal = client.post(action_url("iteration-create", prototype), {**ROUND, "goal": ""})
    backwards = client.post(action_url("iteration-create", prototype), {**ROUND, "end_date": "2026-02-01"})

    assert no_goal.status_code == 200
    assertContains(no_goal, 'href="#iteration-new-goal"')
    assertContains(backwards, "The round ends before it starts.")
    assert not Iteration.objects.exists()


def test_a_participant_outside_the_team_may_not_plan_rounds(client, people, prototype):
    sign_in(client, people.participant)

    response = client.post(action_url("iteration-create", prototype), ROUND)

    assert response.status_code == 403
    assert not Iteration.objects.exists()


# --- feedback -----------------------------------------------------------------------------------------------


def test_feedback_is_given_then_prefilled_and_edited(client, people, prototype):
    sign_in(client, people.participant)

    given = client.post(
        action_url("feedback", prototype), {"rating": "4", "would_use": "yes", "comment": "Great idea"}
    )
    assert given.status_code == 302
    page = client.get(detail_url(prototype))
    assertContains(page, "Update your feedback")
    assertContains(page, 'id="feedback-rating_3" required checked')
    assertContains(page, 'id="feedback-would_use_0" required checked')
    assertContains(page, "Great idea</textarea>")
    assertContains(page, "Rated <strong>4.0 of 5</strong> by 1 person.")
    assertContains(page, "<strong>100 %</strong> would use it.")

    client.post(
        action_url("feedback", prototype), {"rating": "2", "would_use": "unsure", "comment": "Too early"}
    )

    feedback = Feedback.objects.get(prototype=prototype, author=people.participant)
    assert (feedback.rating, feedback.would_use) == (2, "unsure")
    page = client.get(detail_url(prototype))
    assertContains(page, "Rated <strong>2.0 of 5</strong> by 1 person.")
    assertContains(page, "<strong>0 %</strong> would use it.")


def test_feedback_on_a_round_and_the_distribution(client, people, prototype):
    iteration_create(prototype=prototype, actor=people.lead, goal="Try it")
    for user, rating, use in [
        (people.participant, 5, "yes"),
        (people.teammate, 3, "no"),
        (people.convener, 5, "yes"),
    ]:
        sign_in(client, user)
        client.post(action_url("feedback", prototype), {"rating": rating, "would_use": use, "iteration": "1"})

    page = client.get(detail_url(prototype))

    assert Feedback.objects.filter(iteration__number=1).count() == 3
    assertContains(page, "Rated <strong>4.3 of 5</strong> by 3 people.")
    assertContains(page, "<strong>67 %</strong> would use it.")
    assertContains(page, "2 (67 %)")
    assertContains(page, "about round 1")


def test_feedback_needs_a_rating_and_an_answer(client, people, prototype):
    sign_in(client, people.participant)

    response = client.post(action_url("feedback", prototype), {"rating": "9", "would_use": ""})

    assert response.status_code == 200
    assertContains(response, 'href="#feedback-rating_0"')
    assertContains(response, 'href="#feedback-would_use_0"')
    assert not Feedback.objects.exists()


def test_an_observer_sees_feedback_but_may_not_give_it(client, people, prototype):
    sign_in(client, people.observer)

    page = client.get(detail_url(prototype))
    response = client.post(action_url("feedback", prototype), {"rating": "5", "would_use": "yes"})

    assertContains(page, "No feedback yet.")
    assertNotContains(page, "Send feedback")
    assert response.status_code == 403


# --- indicators ---------------------------------------------------------------------------------------------


def test_the_team_adds_an_indicator_and_measurements_shown_as_chart_and_table(client, people, prototype):
    sign_in(client, people.lead)

    added = client.post(
        action_url("indicator-create", prototype),
        {"name": "Children walking", "unit": "%", "baseline": "20", "target": "50", "direction": "higher"},
    )
    indicator = Indicator.objects.get(prototype=prototype)
    assert added["Location"].endswith(f"#indicator-{indicator.pk}")
    for day, value in [("2026-03-01", "25"), ("2026-04-01", "41.5")]:
        response = client.post(
            action_url("measurement-add", prototype, indicator.pk), {"date": day, "value": value}
        )
        assert response.status_code == 302

    page = html(client.get(detail_url(prototype)))
    card = page.split(f'id="indicator-{indicator.pk}"')[1].split("</article>")[0]
    assert 'role="img"' in card
    assert (
        "Children walking: 2 measurements, latest 41.50, against a baseline of 20 and a target of 50." in card
    )
    assert '<polyline class="chart-line" points="52.0,' in card
    assert "<caption>Measurements of Children walking</caption>" in card
    assert "41.50 %</td>" in card and "25 %</td>" in card


def test_a_bad_number_is_a_form_error(client, people, prototype):
    indicator = indicator_create(
        prototype=prototype, actor=people.lead, name="Cars", baseline=100, target=60, direction="lower"
    )
    sign_in(client, people.lead)

    bad_indicator = client.post(
        action_url("indicator-create", prototype),
        {"name": "Bikes", "baseline": "many", "target": "10", "direction": "higher"},
    )
    bad_measurement = client.post(
        action_url("measurement-add", prototype, indicator.pk), {"date": "2026-03-01", "value": "a lot"}
    )

    assert bad_indicator.status_code == 200
    assertContains(bad_indicator, 'href="#indicator-baseline"')
    assert bad_measurement.status_code == 200
    assertContains(bad_measurement, f'href="#measure-{indicator.pk}-value"')
    assertContains(bad_measurement, "Enter a number.")
    assert Indicator.objects.count() == 1
    assert not indicator.measurements.exists()


def test_a_met_target_is_marked(client, people, prototype):
    indicator = indicator_create(
        prototype=prototype, actor=people.lead, name="Cars", baseline=100, target=60, direction="lower"
    )
    measurement_add(indicator=indicator, actor=people.lead, date="2026-03-01", value=55)

    assertContains(client.get(detail_url(prototype)), "Target met")


def test_a_participant_outside_the_team_may_not_add_indicators(client, people, prototype):
    sign_in(client, people.participant)

    response = client.post(
        action_url("indicator-create", prototype),
        {"name": "X", "baseline": "1", "target": "2", "direction": "higher"},
    )

    assert response.status_code == 403
    assert not Indicator.objects.exists()


# --- provenance ---------------------------------------------------------------------------------------------


def test_the_team_links_more_threads_of_the_same_arena(client, people, prototype):
    from arenas.deliberation.services.threads import thread_create

    thread = people.public.thread
    other = thread_create(arena=prototype.arena, author=people.participant, title="Crossing guards")
    sign_in(client, people.teammate)

    page = client.get(detail_url(prototype))
    assertContains(page, "Not linked to any thread yet.")
    response = client.post(action_url("sources", prototype), {"threads": [thread.pk, other.pk]})

    assert response.status_code == 302
    assert set(PrototypeSource.objects.filter(prototype=prototype).values_list("thread_id", flat=True)) == {
        thread.pk,
        other.pk,
    }
    page = client.get(detail_url(prototype))
    assertContains(page, "2 threads linked.")
    assertContains(
        page, f'href="/arenas/{prototype.arena.slug}/threads/{thread.pk}/" dir="auto">Walk together</a>'
    )
    assertNotContains(page, "Link threads it came from")  # nothing left to link


def test_linking_a_thread_of_another_arena_is_refused(client, people, prototype):
    sign_in(client, people.lead)

    response = client.post(action_url("sources", prototype), {"threads": [people.private.thread.pk]})

    assert response.status_code == 200
    assertContains(response, "A prototype can only come from threads of its own arena.")
    assert not PrototypeSource.objects.exists()


def test_a_linked_post_is_linked_to_its_place_in_the_thread(client, people, prototype):
    from arenas.deliberation.services.posts import post_create

    post = post_create(
        thread=people.public.thread, author=people.participant, body="Start at the sports hall"
    )
    PrototypeSource.objects.create(prototype=prototype, thread=people.public.thread, post=post)

    page = client.get(detail_url(prototype))

    assertContains(page, f"?post={post.number}#post-{post.number}")
    assertContains(page, "Post 1 in “Walk together”")
