"""decision_create: conveners decide, with a reason; each wrong field says so and nothing is written; the
people who took part are told once each (never the decider, never a mere reader); a subject decided twice
keeps both, newest first."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from arenas.deliberation.models import Post
from arenas.outcomes.models import Decision
from arenas.outcomes.selectors.decisions import decisions_of, decisions_on
from arenas.outcomes.services.decisions import decision_create
from platform_core.audit.models import AuditEntry
from platform_core.exceptions import Refused
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, PrototypeFactory

from .decisions_helpers import ARABIC, DANISH, delete_post, told, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


def decide(people, subject=None, **fields):
    fields.setdefault("outcome", Decision.Outcome.ADOPTED)
    fields.setdefault("reason", "Because it works.")
    return decision_create(
        arena=people.arena,
        actor=fields.pop("actor", people.convener),
        subject=subject or people.thread,
        **fields,
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"outcome": "maybe"}, "outcome"),
        ({"outcome": ""}, "outcome"),
        ({"reason": ""}, "reason"),
        ({"reason": "   \n "}, "reason"),
        ({"reason": "x" * 4001}, "reason"),
        ({"review_on": date.today() - timedelta(days=2)}, "review_on"),
        ({"review_on": "2030-01-01"}, "review_on"),
    ],
)
def test_each_wrong_field_says_so_and_nothing_is_written(people, fields, field):
    with pytest.raises(ValidationError) as error:
        decide(people, **fields)

    assert field in error.value.message_dict
    assert not Decision.objects.exists()
    assert not Notification.objects.filter(event="outcomes.decided").exists()
    assert not AuditEntry.objects.filter(action="decision.made").exists()


def test_a_subject_of_another_arena_is_refused(people):
    elsewhere = PrototypeFactory(arena=ArenaFactory())

    with pytest.raises(ValidationError) as error:
        decide(people, subject=elsewhere)

    assert "subject" in error.value.message_dict
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["participant", "facilitator"])
def test_only_conveners_decide(people, who):
    with pytest.raises(Refused) as refused:
        decide(people, actor=getattr(people, who))

    assert "conveners" in refused.value.message
    assert not Decision.objects.exists()


@pytest.mark.parametrize("reason", [DANISH, ARABIC])
def test_the_reason_is_kept_exactly_stripped_only_at_the_ends(people, reason):
    decision = decide(people, reason=f"  {reason}\n\n")

    assert Decision.objects.get(pk=decision.pk).reason == reason


def test_a_review_date_of_today_is_allowed_and_the_decision_is_audited(people):
    decision = decide(people, outcome="deferred", review_on=date.today() + timedelta(days=1))

    entry = AuditEntry.objects.get(action="decision.made")
    assert entry.actor == people.convener and entry.target_id == str(decision.pk)
    assert entry.details["outcome"] == "deferred"


def test_on_a_thread_its_author_and_posters_are_told_once_each(people):
    silent = Post.objects.create(
        thread=people.thread, author=people.reader, number=99, body="Gone", body_html="<p>Gone</p>"
    )
    delete_post(silent)  # a deleted post does not make its author a contributor

    decide(people)

    assert told() == sorted([people.participant.pk, people.poster.pk])  # not the convener who decided
    notification = Notification.objects.get(event="outcomes.decided", recipient=people.poster)
    assert notification.target_title == "Ideas for the bakery crossing"
    assert notification.url.endswith(f"/threads/{people.thread.pk}/#decisions")
    assert notification.actor_name == "Clara Convener"


def test_on_a_prototype_its_team_and_feedback_givers_are_told(people):
    decide(people, subject=people.prototype, outcome="declined")

    assert told() == sorted([people.participant.pk, people.teammate.pk, people.giver.pk])


def test_the_recipients_are_one_query(people, django_assert_num_queries):
    from arenas.outcomes.services.decisions import contributors_of

    with django_assert_num_queries(1):
        contributors_of(people.thread)
    with django_assert_num_queries(1):
        contributors_of(people.prototype)


def test_a_subject_decided_twice_keeps_both_newest_first(people, time_machine):
    time_machine.move_to("2030-03-01 10:00Z")
    deferred = decide(people, outcome="deferred", reason="Wait for the budget.")
    time_machine.move_to("2030-05-01 10:00Z")
    adopted = decide(people, outcome="adopted", reason="The budget came.")

    assert list(decisions_on(subject=people.thread)) == [adopted, deferred]
    assert list(decisions_of(arena=people.arena, viewer=people.convener)) == [adopted, deferred]
    assert list(decisions_of(arena=people.arena, viewer=None, outcome="deferred")) == [deferred]
