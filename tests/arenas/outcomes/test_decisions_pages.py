"""Decisions on the pages: the thread and prototype pages show the trail (and the form to conveners); the
form publishes and goes back to the subject, or shows the errors with what was typed; who may not decide
gets the policy's 403 (a hidden arena the same 404 as a missing one); the outcomes page lists every
decision with what it answered, filtered by outcome and 50 a page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenas.models import Arena
from arenas.outcomes.models import Decision
from arenas.outcomes.services.decisions import decision_create
from tests.arenas.pages_helpers import html, sign_in

from .decisions_helpers import ARABIC, DANISH, told, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


def decide_url(people, kind="thread", pk=None):
    subject = people.thread if kind == "thread" else people.prototype
    return f"/arenas/{people.arena.slug}/outcomes/decide/{kind}/{pk or subject.pk}/"


def test_a_convener_publishes_a_decision_from_the_thread_page(client, people):
    sign_in(client, people.convener)
    page = html(client.get(people.thread.get_absolute_url()))
    assert "Publish the decision" in page and 'type="date"' in page

    response = client.post(decide_url(people), {"outcome": "adopted", "reason": DANISH}, follow=True)

    assert response.redirect_chain[-1][0].endswith(f"/threads/{people.thread.pk}/#decisions")
    shown = html(response)
    assert "The decision is published; everyone who took part is told." in shown
    assert "Adopted" in shown and 'dir="auto"' in shown
    assert "Vi indfører gåbussen på alle skoler 🚸<br>Fordi forældrene bad om det." in shown
    assert "Decided by Clara Convener" in shown
    assert told() == sorted([people.participant.pk, people.poster.pk])


def test_the_prototype_page_shows_the_trail_newest_first(client, people):
    for outcome, reason in [("deferred", "Not yet."), ("adapted", ARABIC)]:
        decision_create(
            arena=people.arena,
            actor=people.convener,
            subject=people.prototype,
            outcome=outcome,
            reason=reason,
        )
    page = html(client.get(people.prototype.get_absolute_url()))

    assert page.index(ARABIC) < page.index("Not yet.")
    assert "Publish the decision" not in page  # anonymous readers see the trail, not the form


def test_errors_show_the_form_again_with_what_was_typed(client, people):
    sign_in(client, people.convener)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = client.post(
        decide_url(people), {"outcome": "deferred", "reason": ARABIC, "review_on": yesterday}
    )

    page = html(response)
    assert response.status_code == 200
    assert "Please correct the following:" in page
    assert "The review date cannot be in the past." in page
    assert ARABIC in page and f'value="{yesterday}"' in page
    assert (
        'value="deferred" class="form-check-input is-invalid" id="decision-outcome_3" required checked'
        not in page
    )
    assert 'value="deferred" class="form-check-input" id="decision-outcome_3" required checked' in page
    assert not Decision.objects.exists()


def test_a_missing_reason_and_outcome_are_said_next_to_the_fields(client, people):
    sign_in(client, people.convener)

    page = html(client.post(decide_url(people, "prototype"), {"reason": " "}))

    assert "Choose the decision: adopted, adapted, declined or deferred." in page
    assert "Say why: the people who took part will read it." in page
    assert 'href="#decision-outcome_0"' in page


def test_a_participant_is_refused_with_the_policys_sentence(client, people):
    sign_in(client, people.participant)

    response = client.post(decide_url(people), {"outcome": "adopted", "reason": "Yes"})

    assert response.status_code == 403
    assert "Only the arena&#x27;s conveners answer threads and prototypes with a decision." in html(response)
    assert "Publish the decision" not in html(client.get(people.thread.get_absolute_url()))
    assert not Decision.objects.exists()


def test_an_outsider_gets_a_404_for_a_private_arena(client):
    people = world(visibility=Arena.Visibility.PRIVATE)
    sign_in(client, people.outsider)

    assert client.post(decide_url(people), {"outcome": "adopted", "reason": "Yes"}).status_code == 404
    assert client.get(f"/arenas/{people.arena.slug}/outcomes/").status_code == 404


def test_a_thread_of_another_arena_is_a_404(client, people):
    other = world()
    sign_in(client, people.convener)

    url = f"/arenas/{people.arena.slug}/outcomes/decide/thread/{other.thread.pk}/"
    assert client.post(url, {"outcome": "adopted", "reason": "Yes"}).status_code == 404


def test_signed_out_visitors_sign_in_first(client, people):
    response = client.post(decide_url(people), {"outcome": "adopted", "reason": "Yes"})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def make_decisions(people, count, outcome="adopted"):
    now = timezone.now()
    Decision.objects.bulk_create(
        [
            Decision(
                arena=people.arena,
                thread=people.thread if n % 2 else None,
                prototype=None if n % 2 else people.prototype,
                outcome=outcome,
                reason=f"Reason {n}",
                decided_by=people.convener,
                created=now - timedelta(minutes=n),
            )
            for n in range(count)
        ]
    )


def test_the_outcomes_page_lists_decisions_with_what_they_answered(client, people):
    people.thread.kind = "idea"
    people.thread.save(update_fields=["kind"])
    make_decisions(people, 2)

    page = html(client.get(f"/arenas/{people.arena.slug}/outcomes/"))

    assert "Idea:" in page and "Prototype:" in page
    assert f'href="/arenas/{people.arena.slug}/threads/{people.thread.pk}/#decisions"' in page
    assert page.index("Reason 0") < page.index("Reason 1")


def test_the_outcomes_page_filters_by_outcome_and_pages_by_fifty(client, people):
    make_decisions(people, 55, outcome="declined")
    make_decisions(people, 1, outcome="deferred")
    url = f"/arenas/{people.arena.slug}/outcomes/"

    declined = html(client.get(url, {"outcome": "declined"}))
    assert declined.count("Decided by") == 50 and "Page 1 of 2" in declined
    assert "?outcome=declined&amp;page=2#decisions" in declined
    second = html(client.get(url, {"outcome": "declined", "page": 2}))
    assert second.count("Decided by") == 5
    assert html(client.get(url, {"outcome": "deferred"})).count("Decided by") == 1
    assert "No decisions of this kind yet." in html(client.get(url, {"outcome": "adapted"}))


def test_an_arena_without_decisions_says_what_comes(client, people):
    assert "No decisions yet." in html(client.get(f"/arenas/{people.arena.slug}/outcomes/"))
