"""The board, a prototype's page and the form that starts one, for every role on a public and a private
arena: who sees them (a private arena is a 404 for outsiders, never a 403), who gets the forms, and
starting a prototype from a thread."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena
from arenas.prototypes.models import Prototype, TeamMember
from tests.factories import ArenaFactory

from .pages_helpers import board_url, detail_url, html, sign_in, world

pytestmark = pytest.mark.django_db

# role → (board/detail status on the public arena, on the private arena, "create" status on the public arena)
ACCESS = {
    "anonymous": (200, 404, 302),
    "outsider": (200, 404, 403),
    "observer": (200, 200, 403),
    "participant": (200, 200, 200),
    "lead": (200, 200, 200),
    "facilitator": (200, 200, 200),
    "convener": (200, 200, 200),
}
MAY_MOVE = {"lead", "facilitator", "convener"}


@pytest.fixture
def people():
    return world()


def create_url(arena) -> str:
    return reverse("prototypes:create", args=[arena.slug])


@pytest.mark.parametrize("role", list(ACCESS))
def test_who_sees_the_board_and_who_may_move_cards(client, people, role):
    public_status, private_status, _create = ACCESS[role]
    sign_in(client, getattr(people, role))

    public = client.get(board_url(people.public.arena))
    private = client.get(board_url(people.private.arena))

    assert public.status_code == public_status
    assert private.status_code == private_status
    assertContains(public, "Walking bus (public)")
    assert (f'id="move-{people.public.prototype.pk}"' in html(public)) is (role in MAY_MOVE)
    assert ("Start a prototype" in html(public)) is (ACCESS[role][2] == 200)


@pytest.mark.parametrize("role", list(ACCESS))
def test_who_sees_a_prototype_page_and_its_forms(client, people, role):
    public_status, private_status, create_status = ACCESS[role]
    sign_in(client, getattr(people, role))

    public = client.get(detail_url(people.public.prototype))
    private = client.get(detail_url(people.private.prototype))

    assert public.status_code == public_status
    assert private.status_code == private_status
    assertContains(public, "Walking bus (public)")
    assertContains(public, "we will know when drop-offs by car fall by a third")
    page = html(public)
    assert ("Plan a new round" in page) is (role in MAY_MOVE)
    assert ("Add an indicator" in page) is (role in MAY_MOVE)
    assert ("Give feedback" in page) is (create_status == 200)
    assert ("Ask to join the team" in page) is (role in {"participant", "facilitator", "convener"})


@pytest.mark.parametrize("role", list(ACCESS))
def test_who_may_open_the_start_a_prototype_form(client, people, role):
    sign_in(client, getattr(people, role))

    response = client.get(create_url(people.public.arena))

    assert response.status_code == ACCESS[role][2]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login"))
    if response.status_code == 403:
        assertContains(
            response,
            "Only the arena&#x27;s participants, facilitators and conveners take part",
            status_code=403,
        )


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_a_private_arena_s_prototype_pages_are_404_for_those_who_may_not_see_it(client, people, role):
    sign_in(client, getattr(people, role))
    prototype = people.private.prototype

    assert client.get(create_url(prototype.arena)).status_code == 404
    assert (
        client.post(
            reverse("prototypes:move", args=[prototype.arena.slug, prototype.pk]), {"to": "design"}
        ).status_code
        == 404
    )
    assert client.get(reverse("prototypes:detail", args=["routes-public", prototype.pk])).status_code == 404


def test_a_draft_arena_s_board_is_404_for_its_participants(client, people):
    Arena.objects.filter(pk=people.public.arena.pk).update(status=Arena.Status.DRAFT)
    sign_in(client, people.participant)

    assert client.get(board_url(people.public.arena)).status_code == 404


def test_the_board_has_one_column_per_stage_and_says_what_each_card_holds(client, people):
    response = client.get(board_url(people.public.arena))

    page = html(response)
    stages = ["idea", "design", "testing", "evaluation", "paused", "adopted", "scaled", "abandoned"]
    positions = [page.index(f'id="column-{stage}"') for stage in stages]
    assert positions == sorted(positions)
    assertContains(response, "Resident 1, Public employee 1")
    assertContains(response, "None running")
    assertContains(response, "None at this stage.")


def test_an_empty_board_tells_contributors_to_start_the_first_prototype(client, people):
    arena = ArenaFactory(organisation=people.organisation)
    from tests.factories import MembershipFactory

    MembershipFactory(arena=arena, user=people.participant)
    sign_in(client, people.participant)

    response = client.get(board_url(arena))

    assertContains(response, "No prototypes yet — start the first one")


def test_a_participant_starts_a_prototype_from_an_idea_thread(client, people):
    arena, thread = people.public.arena, people.public.thread
    sign_in(client, people.participant)

    form = client.get(create_url(arena) + f"?thread={thread.pk}")
    assertContains(form, f'value="{thread.pk}" class="form-check-input" id="id_source_threads_0" checked')
    assertContains(form, "It will come from the thread “Walk together”")
    assertContains(form, "We believe that … will result in … for …; we will know when …")

    response = client.post(
        create_url(arena),
        {
            "title": "School street on Mondays",
            "summary": "Close the street to cars at drop-off time.",
            "problem_addressed": "Cars at the gate",
            "hypothesis": "We believe that closing the street will result in more walking; we will know when...",
            "topics": "mobility, schools",
            "source_threads": [str(thread.pk)],
        },
    )

    prototype = Prototype.objects.get(title="School street on Mondays")
    assert response.status_code == 302
    assert response["Location"] == detail_url(prototype)
    assert prototype.stage == "idea"
    assert list(prototype.source_threads.all()) == [thread]
    assert TeamMember.objects.get(prototype=prototype).user == people.participant
    page = client.get(response["Location"])
    assertContains(page, "You lead its team")
    assertContains(page, f'href="/arenas/{arena.slug}/threads/{thread.pk}/"')
    assertContains(page, "Started at the Idea stage by Cecilie Citizen")


def test_starting_a_prototype_from_a_thread_of_another_arena_is_refused(client, people):
    other_thread = people.private.thread
    sign_in(client, people.participant)

    response = client.post(
        create_url(people.public.arena),
        {"title": "Borrowed idea", "hypothesis": "We believe …", "source_threads": [str(other_thread.pk)]},
    )

    assert response.status_code == 200
    assertContains(response, "A prototype can only come from threads of its own arena.")
    assert not Prototype.objects.filter(title="Borrowed idea").exists()


def test_a_thread_from_another_arena_in_the_address_is_not_preselected(client, people):
    sign_in(client, people.participant)

    response = client.get(create_url(people.public.arena) + f"?thread={people.private.thread.pk}")

    assertNotContains(response, "checked")
    assertNotContains(response, "It will come from the thread")


def test_a_prototype_needs_a_title_and_a_hypothesis(client, people):
    sign_in(client, people.participant)

    response = client.post(create_url(people.public.arena), {"title": "", "hypothesis": ""})

    assert response.status_code == 200
    assertContains(response, "Please correct the following:")
    assertContains(response, 'href="#id_hypothesis"')
    assert Prototype.objects.count() == 2


def test_without_threads_the_form_says_they_can_be_linked_later(client, people):
    arena = ArenaFactory(organisation=people.organisation)
    from tests.factories import MembershipFactory

    MembershipFactory(arena=arena, user=people.participant)
    sign_in(client, people.participant)

    assertContains(client.get(create_url(arena)), "The arena has no threads yet")


def test_a_closed_arena_s_board_shows_no_forms(client, people):
    Arena.objects.filter(pk=people.public.arena.pk).update(status=Arena.Status.CLOSED)
    sign_in(client, people.convener)

    board = client.get(board_url(people.public.arena))
    page = client.get(detail_url(people.public.prototype))

    assertNotContains(board, "Start a prototype")
    assertNotContains(board, 'class="move-form"')
    assertNotContains(page, "Plan a new round")
    assertNotContains(page, "Give feedback")


def test_editing_what_a_prototype_says_is_for_the_team(client, people):
    prototype = people.public.prototype
    url = reverse("prototypes:edit", args=[prototype.arena.slug, prototype.pk])
    sign_in(client, people.participant)
    assert client.get(url).status_code == 403

    sign_in(client, people.teammate)
    form = client.get(url)
    assertContains(form, "Save the prototype")
    response = client.post(
        url, {"title": "Walking bus, east side", "hypothesis": "We believe …", "topics": "mobility"}
    )

    assert response.status_code == 302
    prototype.refresh_from_db()
    assert prototype.title == "Walking bus, east side"
    assert [t.name for t in prototype.topics.all()] == ["mobility"]


def test_a_thread_page_link_starts_a_prototype_with_the_thread_preselected(client, people):
    """The thread page links to ``…/prototypes/new/?thread=<id>``; a newer thread is preselected too."""
    arena = people.public.arena
    newer = thread_create(arena=arena, author=people.participant, title="Bike train", kind="idea")
    sign_in(client, people.participant)

    response = client.get(create_url(arena) + f"?thread={newer.pk}")

    assertContains(response, "It will come from the thread “Bike train”")
    assert Prototype.objects.count() == 2  # looking creates nothing
