"""Prototypes in the Django admin: every changelist and add page opens for a site admin, search finds
things, the prototype page shows its team, rounds, indicators and timeline inline, and the stage cannot be
edited there (moves go through the stage table)."""

from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from arenas.prototypes.models import (
    Feedback,
    Indicator,
    Iteration,
    Measurement,
    PrototypeSource,
    StageTransition,
    TeamJoinRequest,
)
from tests.factories import MembershipFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "prototype",
    "teammember",
    "teamjoinrequest",
    "stagetransition",
    "iteration",
    "feedback",
    "indicator",
    "measurement",
    "prototypesource",
]


@pytest.fixture
def site_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, email="root@example.org"))
    return client


@pytest.fixture
def prototype(db):
    from arenas.deliberation.models import Thread

    lead = UserFactory(email="lead@example.org", display_name="Lars Lead")
    prototype = PrototypeFactory(title="Walking bus pilot", lead=lead)
    MembershipFactory(arena=prototype.arena, user=lead)
    asker = UserFactory(email="asker@example.org")
    TeamJoinRequest.objects.create(prototype=prototype, user=asker, note="Count me in")
    StageTransition.objects.create(
        prototype=prototype, from_stage="", to_stage="idea", actor=lead, reason="Created"
    )
    iteration = Iteration.objects.create(prototype=prototype, number=1, goal="Sign up ten families")
    Feedback.objects.create(
        prototype=prototype, iteration=iteration, author=asker, rating=4, would_use="yes", comment="Lovely"
    )
    indicator = Indicator.objects.create(prototype=prototype, name="Children walking", baseline=20, target=50)
    Measurement.objects.create(indicator=indicator, date=date(2026, 3, 1), value=31)
    thread = Thread.objects.create(arena=prototype.arena, title="Walk together", kind="idea")
    PrototypeSource.objects.create(prototype=prototype, thread=thread)
    return prototype


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_and_add_page_opens(site_admin, prototype, model):
    assert site_admin.get(reverse(f"admin:prototypes_{model}_changelist")).status_code == 200
    assert site_admin.get(reverse(f"admin:prototypes_{model}_add")).status_code == 200


@pytest.mark.parametrize(
    ("model", "query", "found"),
    [
        ("prototype", "walking", "Walking bus pilot"),
        ("teammember", "lead@", "lead@example.org"),
        ("teamjoinrequest", "asker", "asker@example.org"),
        ("iteration", "families", "Walking bus pilot"),
        ("feedback", "lovely", "Walking bus pilot"),
        ("indicator", "children", "Children walking"),
        ("measurement", "children", "Children walking"),
        ("prototypesource", "walk together", "Walk together"),
        ("stagetransition", "walking", "Walking bus pilot"),
    ],
)
def test_search_finds_things(site_admin, prototype, model, query, found):
    response = site_admin.get(reverse(f"admin:prototypes_{model}_changelist"), {"q": query})

    assertContains(response, found)


def test_the_prototype_page_shows_team_rounds_indicators_and_timeline_inline(site_admin, prototype):
    response = site_admin.get(reverse("admin:prototypes_prototype_change", args=[prototype.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    for heading in ["Team members", "Iterations", "Indicators", "Stage changes"]:
        assert heading in page
    assert "Sign up ten families" in page
    assert 'name="stage"' not in page  # read-only: moves go through the stage table


def test_the_changelist_shows_team_size_and_feedback(site_admin, prototype):
    response = site_admin.get(reverse("admin:prototypes_prototype_changelist"))

    assertContains(response, '<td class="field-team_size">1</td>')
    assertContains(response, '<td class="field-feedback_mean">4.0</td>')
