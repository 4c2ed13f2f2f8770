"""An arena's status through its settings page: opening a draft, closing (which tells the members),
reopening and taking an arena out of the archive; a change the arena cannot make, or a facilitator's,
changes nothing; a closed arena's settings change only its status."""

import pytest
from pytest_django.asserts import assertContains

from arenas.models import Arena
from platform_core.notifications.models import Notification
from tests.arenas.pages_helpers import html, make_arena, sign_in
from tests.arenas.settings_helpers import current_rows, edit_data, phase_names, phases_data, settings_of

pytestmark = pytest.mark.django_db


# --- Status --------------------------------------------------------------------------------------------------


def test_a_draft_is_opened_with_the_open_the_arena_button(client, people):
    arena = make_arena(people, status="draft")
    sign_in(client, people.convener)
    page = html(client.get(settings_of(arena)))
    assert (
        '<button type="submit" name="status" value="open" class="btn btn-primary">Open the arena</button>'
        in page
    )
    assert "Close the arena" not in page

    client.post(settings_of(arena, "status/"), {"status": "open"})

    assert Arena.objects.get(pk=arena.pk).status == "open"
    assertContains(client.get(settings_of(arena)), "The arena is open")


def test_closing_an_arena_tells_its_members(convener, people, arena):
    assertContains(convener.get(settings_of(arena)), "Close the arena")

    convener.post(settings_of(arena, "status/"), {"status": "closed"})

    assert Arena.objects.get(pk=arena.pk).status == "closed"
    told = set(Notification.objects.filter(event="arenas.arena_closed").values_list("recipient", flat=True))
    assert told == {people.participant.pk, people.facilitator.pk}


def test_a_status_change_the_arena_cannot_make_is_shown_and_changes_nothing(client, people):
    arena = make_arena(people, status="draft")
    sign_in(client, people.convener)

    response = client.post(settings_of(arena, "status/"), {"status": "closed"})

    assert response.status_code == 200
    assertContains(response, "cannot go from")
    assert Arena.objects.get(pk=arena.pk).status == "draft"


def test_a_facilitator_cannot_change_the_status(client, people, arena):
    sign_in(client, people.facilitator)

    assert client.post(settings_of(arena, "status/"), {"status": "closed"}).status_code == 403
    assert Arena.objects.get(pk=arena.pk).status == "open"


def test_a_closed_arenas_settings_only_change_its_status(client, people):
    arena = make_arena(people, status="closed", title="Safer school routes")
    sign_in(client, people.convener)
    before = phase_names(arena)

    page = html(client.get(settings_of(arena)))
    assert "Reopen the arena" in page and "Archive" in page
    assert 'id="about"' not in page and "Save the phases" not in page and "Move to the" not in page

    assert client.post(settings_of(arena), edit_data()).status_code == 403
    assert (
        client.post(settings_of(arena, "phases/"), phases_data(arena, current_rows(arena))).status_code == 403
    )
    assert client.post(settings_of(arena, "phase/")).status_code == 403
    arena.refresh_from_db()
    assert (arena.title, phase_names(arena), arena.current_phase.name) == (
        "Safer school routes",
        before,
        "Framing the problem",
    )

    client.post(settings_of(arena, "status/"), {"status": "open"})
    assert Arena.objects.get(pk=arena.pk).status == "open"


def test_an_archived_arena_can_be_taken_out_of_the_archive(client, people):
    arena = make_arena(people, status="archived")
    sign_in(client, people.org_admin)

    client.post(settings_of(arena, "status/"), {"status": "closed"})

    assert Arena.objects.get(pk=arena.pk).status == "closed"
