"""What comes of a session, through its page: a prototype started from the minutes says where it came
from (and the session lists it), feedback given on paper at a test session is entered for its round, and
anyone who may see the session takes it into their calendar."""

import pytest

from arenas.prototypes.models import Feedback, Iteration, Prototype
from arenas.sessions.models import SessionOutcome
from arenas.sessions.services.minutes import minutes_save
from tests.factories import PrototypeFactory

from .pages_helpers import create, detail_url, html, sign_in, url, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


def test_a_prototype_from_the_minutes_says_where_it_came_from(client, people):
    session = people.public.session
    minutes_save(session=session, actor=people.facilitator, body="- A walking bus from the library")
    sign_in(client, people.facilitator)

    response = client.post(
        url("prototype-from-minutes", session),
        {
            "title": "Gående skolebus 🚶",
            "hypothesis": "We believe a walking bus will mean fewer cars at the gate; we will know when…",
            "item": "A walking bus",
        },
    )

    prototype = Prototype.objects.get(title="Gående skolebus 🚶")
    assert response.status_code == 302 and response["Location"] == prototype.get_absolute_url()
    assert SessionOutcome.objects.get(prototype=prototype).session == session
    client.logout()
    prototype_page = html(client.get(prototype.get_absolute_url()))
    assert "From session" in prototype_page and f'href="{detail_url(session)}"' in prototype_page
    assert f'href="{prototype.get_absolute_url()}"' in html(client.get(detail_url(session)))


def test_a_prototype_without_a_hypothesis_keeps_what_was_typed(client, people):
    session = people.public.session
    minutes_save(session=session, actor=people.facilitator, body="Notes")
    sign_in(client, people.facilitator)

    response = client.post(url("prototype-from-minutes", session), {"title": "مسار آمن", "hypothesis": ""})

    assert response.status_code == 200 and "مسار آمن" in html(response)
    assert not Prototype.objects.filter(title="مسار آمن").exists()


@pytest.fixture
def test_session(people):
    arena = people.public.arena
    round_ = Iteration.objects.create(prototype=PrototypeFactory(arena=arena), number=1, goal="Try the route")
    return create(arena, people.facilitator, kind="test_session", iteration=round_)


def test_a_facilitator_enters_paper_feedback_for_the_round(client, people, test_session):
    sign_in(client, people.facilitator)

    response = client.post(
        url("offline-feedback", test_session),
        {"rating": "4", "would_use": "yes", "stakeholder_type": "service_user", "comment": "Tryg rute 👍"},
        follow=True,
    )

    assert "1 response entered offline" in html(response)
    entered = Feedback.objects.get(iteration=test_session.iteration)
    assert (entered.entered_offline, entered.rating, entered.comment) == (True, 4, "Tryg rute 👍")


def test_a_bad_rating_is_refused_on_the_form_and_nothing_is_written(client, people, test_session):
    sign_in(client, people.facilitator)

    response = client.post(
        url("offline-feedback", test_session),
        {"rating": "9", "would_use": "yes", "stakeholder_type": "resident"},
    )

    assert response.status_code == 200 and 'id="offline-feedback"' in html(response)
    assert not Feedback.objects.exists()


def test_participants_see_no_paper_feedback_form_and_cannot_post_one(client, people, test_session):
    sign_in(client, people.participant)

    assert 'id="offline-feedback"' not in html(client.get(detail_url(test_session)))
    response = client.post(
        url("offline-feedback", test_session),
        {"rating": "4", "would_use": "yes", "stakeholder_type": "resident"},
    )
    assert response.status_code == 403 and not Feedback.objects.exists()


def test_the_session_page_offers_its_calendar_file(client, people):
    session = people.public.session

    page = html(client.get(detail_url(session)))

    ics = url("ics", session)
    assert f'href="{ics}"' in page
    assert client.get(ics)["Content-Type"].startswith("text/calendar")


def test_a_session_without_a_place_or_link_says_so_rather_than_online(client, people):
    arena = people.public.arena
    session = create(arena, people.facilitator, title="Sted følger", place="")

    page = html(client.get(detail_url(session)))

    assert "To be announced" in page
