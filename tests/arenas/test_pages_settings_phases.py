"""The phases on an arena's settings page: the phases editor (reordering, adding, renaming and removing
phases, their dates; what it refuses changes nothing) and moving through the phases, which tells every
member."""

import datetime as dt

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from arenas.models import Arena, Phase
from platform_core.notifications.models import Notification
from tests.arenas.pages_helpers import html
from tests.arenas.settings_helpers import current_rows, phase_names, phases_data, settings_of
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


# --- The phases editor --------------------------------------------------------------------------------------


def test_the_editor_lists_the_phases_in_order_with_an_empty_row_to_add_one(convener, arena):
    page = html(convener.get(settings_of(arena)))

    assert 'name="phases-TOTAL_FORMS" value="4"' in page
    assert (
        page.index('value="Framing the problem"')
        < page.index('value="Ideation"')
        < page.index('value="Prototyping"')
    )
    assert "A new phase" in page


def test_phases_are_reordered_and_keep_their_identity(convener, arena):
    framing, ideation, prototyping = arena.phases.order_by("order")
    rows = [
        (framing, "Framing the problem", 2, False, None, None),
        (ideation, "Ideation", 1, False, None, None),
        (prototyping, "Prototyping", 3, False, None, None),
    ]

    response = convener.post(settings_of(arena, "phases/"), phases_data(arena, rows))

    assertRedirects(response, settings_of(arena) + "#phases", fetch_redirect_response=False)
    assert phase_names(arena) == ["Ideation", "Framing the problem", "Prototyping"]
    assert arena.phases.get(name="Ideation").pk == ideation.pk


def test_a_phase_is_added_renamed_and_another_removed(convener, arena):
    framing, ideation, prototyping = arena.phases.order_by("order")
    rows = [
        (framing, "Framing the problem", 1, False, "2026-03-01", "2026-03-21"),
        (ideation, "Ideation", 2, True, None, None),
        (prototyping, "Prototyping together", 3, False, None, None),
        (None, "Testing", 4, False, "2026-05-01", None),
    ]

    convener.post(settings_of(arena, "phases/"), phases_data(arena, rows))

    assert phase_names(arena) == ["Framing the problem", "Prototyping together", "Testing"]
    assert not Phase.objects.filter(pk=ideation.pk).exists()
    assert arena.phases.get(name="Framing the problem").end_date == dt.date(2026, 3, 21)
    assert arena.phases.get(name="Testing").start_date == dt.date(2026, 5, 1)


def test_removing_the_current_phase_makes_the_first_one_current(convener, arena):
    framing, ideation, prototyping = arena.phases.order_by("order")
    arena.current_phase = prototyping
    arena.save()
    rows = [
        (framing, "Framing the problem", 1, False, None, None),
        (ideation, "Ideation", 2, False, None, None),
        (prototyping, "Prototyping", 3, True, None, None),
    ]

    convener.post(settings_of(arena, "phases/"), phases_data(arena, rows))

    assert Arena.objects.get(pk=arena.pk).current_phase == framing


def test_a_phase_that_ends_before_it_starts_is_an_error_and_nothing_changes(convener, arena):
    framing, ideation, prototyping = arena.phases.order_by("order")
    rows = [
        (framing, "Framing renamed", 3, False, None, None),
        (ideation, "Ideation", 1, True, None, None),
        (prototyping, "Prototyping", 2, False, "2026-06-10", "2026-06-01"),
    ]

    response = convener.post(settings_of(arena, "phases/"), phases_data(arena, rows))

    assert response.status_code == 200
    page = html(response)
    assert 'id="phases-errors"' in page
    assert "The phase cannot end before it starts." in page
    assert 'href="#id_phases-2-end_date"' in page
    assert 'value="Framing renamed"' in page  # what they typed stays in the form
    assert phase_names(arena) == ["Framing the problem", "Ideation", "Prototyping"]


def test_removing_every_phase_is_refused(convener, arena):
    rows = [(p, name, n, True, s, e) for (p, name, n, _d, s, e) in current_rows(arena)]

    response = convener.post(settings_of(arena, "phases/"), phases_data(arena, rows))

    assertContains(response, "An arena needs at least one phase.")
    assert phase_names(arena) == ["Framing the problem", "Ideation", "Prototyping"]


def test_a_service_refusal_of_the_phases_is_shown_and_the_page_shows_what_is_saved(convener, arena):
    other = make_arena_phase_elsewhere(arena)
    rows = [*current_rows(arena), (other, "Stolen", 4, False, None, None)]
    data = phases_data(arena, rows)

    response = convener.post(settings_of(arena, "phases/"), data)

    assertContains(response, "One of the phases does not belong to this arena.")
    assert phase_names(arena) == ["Framing the problem", "Ideation", "Prototyping"]
    assert Phase.objects.get(pk=other.pk).name == "Elsewhere"


def make_arena_phase_elsewhere(arena):
    from tests.factories import ArenaFactory

    return Phase.objects.create(arena=ArenaFactory(), order=5, name="Elsewhere")


def test_add_another_empty_phase_shows_one_more_row_and_saves_nothing(convener, arena):
    rows = [(p, f"{name} (edited)", n, d, s, e) for (p, name, n, d, s, e) in current_rows(arena)]

    response = convener.post(
        settings_of(arena, "phases/"), {**phases_data(arena, rows, extra_rows=1), "add_row": "1"}
    )

    assert response.status_code == 200
    assertContains(response, 'name="phases-TOTAL_FORMS" value="5"')
    assertContains(response, 'value="Ideation (edited)"')
    assert phase_names(arena) == ["Framing the problem", "Ideation", "Prototyping"]


# --- Moving through the phases ---------------------------------------------------------------------------


def test_moving_to_the_next_phase_tells_every_member(convener, people, arena):
    MembershipFactory(arena=arena, banned=True)
    assertContains(convener.get(settings_of(arena)), "Move to the Ideation phase")

    response = convener.post(settings_of(arena, "phase/"))

    assertRedirects(response, settings_of(arena) + "#current-phase", fetch_redirect_response=False)
    assert Arena.objects.get(pk=arena.pk).current_phase.name == "Ideation"
    told = set(Notification.objects.filter(event="arenas.phase_changed").values_list("recipient", flat=True))
    assert told == {people.participant.pk, people.facilitator.pk}  # not the banned one, nor who moved it
    page = html(convener.get(settings_of(arena)))
    assert "Every member has been told" in page
    assert "Move to the Prototyping phase" in page


def test_any_phase_can_be_made_current(convener, arena):
    prototyping = arena.phases.get(name="Prototyping")

    convener.post(settings_of(arena, "phase/"), {"phase": prototyping.pk})

    assert Arena.objects.get(pk=arena.pk).current_phase == prototyping


def test_there_is_no_next_phase_after_the_last(convener, arena):
    arena.current_phase = arena.phases.get(name="Prototyping")
    arena.save()
    assertNotContains(convener.get(settings_of(arena)), "Move to the")

    response = convener.post(settings_of(arena, "phase/"))

    assertContains(response, "already in its last phase")
    assert not Notification.objects.filter(event="arenas.phase_changed").exists()


def test_another_arenas_phase_cannot_be_made_current(convener, arena):
    elsewhere = make_arena_phase_elsewhere(arena)

    response = convener.post(settings_of(arena, "phase/"), {"phase": elsewhere.pk})

    assertContains(response, "not one of this arena")
    assert Arena.objects.get(pk=arena.pk).current_phase == arena.current_phase
