"""Test sessions feed rounds: feedback given on paper, entered by a facilitator for the session's round,
counts in the round's and the prototype's summary, marked "entered offline", with the giver's type."""

import pytest
from django.core.exceptions import ValidationError

from arenas.prototypes.models import Feedback, Iteration
from arenas.prototypes.selectors.evidence import feedback_summary
from arenas.sessions.services.offline_feedback import offline_feedback_enter
from platform_core.exceptions import Refused
from tests.factories import PrototypeFactory

from .conftest import make_session, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(arena):
    prototype = PrototypeFactory(arena=arena)
    return Iteration.objects.create(prototype=prototype, number=1, goal="Do families use the route?")


def test_paper_feedback_counts_in_the_round_and_the_prototype(client, arena, facilitator, round_):
    session = make_session(arena, facilitator, kind="test_session", iteration=round_)

    for rating, use in [(5, "yes"), (3, "unsure")]:
        offline_feedback_enter(
            session=session,
            actor=facilitator,
            rating=rating,
            would_use=use,
            stakeholder_type="service_user",
            comment="Skrevet på papir: trygt for børnene 👍",
        )

    assert feedback_summary(prototype=round_.prototype, iteration=round_).count == 2
    assert feedback_summary(prototype=round_.prototype).mean == 4.0
    entered = Feedback.objects.filter(iteration=round_)
    assert all(f.entered_offline and f.author is None and f.entered_by == facilitator for f in entered)
    page = client.get(round_.prototype.get_absolute_url()).content.decode()
    assert "Given on paper (Service user), entered offline" in page
    client.force_login(facilitator)
    api = client.get(f"/api/v1/prototypes/{round_.prototype.pk}/feedback/").json()
    assert {(r["author"], r["entered_offline"], r["stakeholder_type"]) for r in api["results"]} == {
        (None, True, "service_user")
    }


def test_only_facilitators_enter_it_and_bad_input_writes_nothing(arena, facilitator, round_):
    session = make_session(arena, facilitator, kind="test_session", iteration=round_)

    with pytest.raises(Refused):
        offline_feedback_enter(
            session=session, actor=member(arena), rating=4, would_use="yes", stakeholder_type="service_user"
        )
    with pytest.raises(ValidationError) as invalid:
        offline_feedback_enter(
            session=session, actor=facilitator, rating=9, would_use="yes", stakeholder_type="service_user"
        )
    assert "rating" in invalid.value.message_dict
    with pytest.raises(ValidationError):
        offline_feedback_enter(
            session=session, actor=facilitator, rating=4, would_use="yes", stakeholder_type="alien"
        )
    assert not Feedback.objects.exists()


def test_a_session_without_a_round_takes_no_paper_feedback(arena, facilitator):
    session = make_session(arena, facilitator)

    with pytest.raises(ValidationError):
        offline_feedback_enter(
            session=session, actor=facilitator, rating=4, would_use="yes", stakeholder_type="service_user"
        )
