"""An arena's settings page through the client: who may open it, editing, the phases editor, moving
through the phases, the status, saving as a playbook; and that a refused change changes nothing."""

import datetime as dt

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from arenas.models import Arena, Phase, Playbook
from platform_core.notifications.models import Notification
from tests.arenas.pages_helpers import ROLES, html, make_arena, make_people, sign_in
from tests.factories import MembershipFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def arena(people):
    arena = make_arena(people, title="Safer school routes")
    arena.topics.add(TopicFactory(name="Mobility"))
    return arena


@pytest.fixture
def convener(client, people):
    return sign_in(client, people.convener)


def settings_of(arena, part=""):
    return f"/arenas/{arena.slug}/settings/{part}"


def phase_names(arena):
    return list(arena.phases.order_by("order").values_list("name", flat=True))


# --- Who may open the settings ------------------------------------------------------------------------------

MAY_EDIT = {"convener", "org_admin", "site_admin"}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_conveners_and_admins_open_the_settings_others_who_see_the_arena_get_403(client, people, arena, role):
    sign_in(client, getattr(people, role))

    response = client.get(settings_of(arena))

    assert response.status_code == (200 if role in MAY_EDIT else 403)


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        ({"visibility": "private"}, "anonymous"),
        ({"visibility": "private"}, "outsider"),
        ({"status": "draft"}, "anonymous"),
        ({"status": "draft"}, "outsider"),
        ({"status": "draft"}, "participant"),
        ({"status": "draft"}, "facilitator"),
    ],
)
def test_the_settings_of_an_arena_one_may_not_see_are_404(client, people, kind, role):
    arena = make_arena(people, **kind)
    sign_in(client, getattr(people, role))

    assert client.get(settings_of(arena)).status_code == 404
    for part in ("", "phases/", "phase/", "status/", "playbook/"):
        assert client.post(settings_of(arena, part), {"status": "archived"}).status_code == 404
    assert Arena.objects.get(pk=arena.pk).status == arena.status


def test_anonymous_visitors_are_sent_to_sign_in_for_a_public_arenas_settings(client, arena):
    response = client.get(settings_of(arena))

    assertRedirects(response, f"/accounts/login/?next={settings_of(arena)}", fetch_redirect_response=False)


def test_the_settings_actions_refuse_get(convener, arena):
    for part in ("phases/", "phase/", "status/", "playbook/"):
        assert convener.get(settings_of(arena, part)).status_code == 405
    assert Arena.objects.get(pk=arena.pk).current_phase == arena.current_phase


def test_a_post_without_the_csrf_token_is_refused(people, arena):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.convener)

    response = client.post(settings_of(arena, "status/"), {"status": "closed"})

    assert response.status_code == 403
    assert Arena.objects.get(pk=arena.pk).status == "open"


# --- Editing what the arena says -----------------------------------------------------------------------------


def edit_data(**overrides):
    return {
        "title": "Safe routes to school",
        "problem_statement": "Too many **cars** at the gate.",
        "goals": "Half the cars by spring.",
        "scope": "Northbridge east and west",
        "visibility": "restricted",
        "topics": "Mobility, Safety",
        **overrides,
    }


def test_the_edit_form_shows_what_the_arena_says_now(convener, arena):
    page = html(convener.get(settings_of(arena)))

    assert 'value="Safer school routes"' in page
    assert "Children walk to school along busy roads" in page
    assert 'value="Mobility"' in page
    assert 'value="public" class="form-check-input" id="id_visibility_0" required checked' in page


def test_a_convener_edits_the_arena(convener, arena):
    response = convener.post(settings_of(arena), edit_data())

    assertRedirects(response, settings_of(arena), fetch_redirect_response=False)
    arena.refresh_from_db()
    assert (arena.title, arena.scope, arena.visibility) == (
        "Safe routes to school",
        "Northbridge east and west",
        "restricted",
    )
    assert "<strong>cars</strong>" in arena.problem_statement_html
    assert sorted(arena.topics.values_list("name", flat=True)) == ["Mobility", "Safety"]
    assertContains(convener.get(settings_of(arena)), "The arena is saved.")


def test_a_cover_image_can_be_uploaded(convener, arena):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 4), "navy").save(buffer, "PNG")
    upload = SimpleUploadedFile("route.png", buffer.getvalue(), content_type="image/png")

    convener.post(settings_of(arena), {**edit_data(), "cover_image": upload})

    arena.refresh_from_db()
    assert arena.cover_image.name.startswith("arenas/covers/route")
    assertContains(convener.get(f"/arenas/{arena.slug}/"), 'class="arena-cover')


def test_an_invalid_edit_shows_the_errors_next_to_the_fields_and_changes_nothing(convener, arena):
    response = convener.post(settings_of(arena), edit_data(title="", visibility="secret"))

    assert response.status_code == 200
    page = html(response)
    assert 'id="form-errors"' in page and 'href="#id_title"' in page
    assert 'id="id_title_error"' in page
    assert "Select a valid choice" in page
    arena.refresh_from_db()
    assert (arena.title, arena.visibility) == ("Safer school routes", "public")


def test_a_service_refusal_of_an_edit_shows_the_error_and_the_page_shows_what_is_saved(
    convener, arena, monkeypatch
):
    from django.core.exceptions import ValidationError

    def refuse(*, arena, actor, **fields):
        arena.title = fields["title"]  # as the service does before it validates
        raise ValidationError({"scope": "That area is not ours."})

    monkeypatch.setattr("arenas.views.settings.arena_update", refuse)

    response = convener.post(settings_of(arena), edit_data())

    page = html(response)
    assert response.status_code == 200 and "That area is not ours." in page
    assert '<p class="lead">Safer school routes</p>' in page
    assert Arena.objects.get(pk=arena.pk).title == "Safer school routes"


# --- The phases editor --------------------------------------------------------------------------------------


def phases_data(arena, rows, *, extra_rows=0):
    """The formset as the browser posts it; ``rows``: (phase or None, name, position, delete, start, end)."""
    data = {
        "phases-TOTAL_FORMS": str(len(rows) + extra_rows),
        "phases-INITIAL_FORMS": str(sum(1 for row in rows if row[0] is not None)),
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "1000",
    }
    for i, (phase, name, position, delete, start, end) in enumerate(rows):
        data.update(
            {
                f"phases-{i}-id": phase.pk if phase else "",
                f"phases-{i}-name": name,
                f"phases-{i}-description": "",
                f"phases-{i}-ORDER": position,
                f"phases-{i}-start_date": start or "",
                f"phases-{i}-end_date": end or "",
            }
        )
        if delete:
            data[f"phases-{i}-DELETE"] = "on"
    return data


def current_rows(arena):
    return [(p, p.name, n, False, None, None) for n, p in enumerate(arena.phases.order_by("order"), start=1)]


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


# --- Save as playbook ------------------------------------------------------------------------------------------


def test_an_arena_is_saved_as_a_playbook_of_its_organisation(convener, people, arena):
    response = convener.post(
        settings_of(arena, "playbook/"), {"name": "School routes playbook", "description": "For any school."}
    )

    assertRedirects(response, settings_of(arena) + "#playbook", fetch_redirect_response=False)
    playbook = Playbook.objects.get(name="School routes playbook")
    assert playbook.organisation == people.organisation
    assert [p["name"] for p in playbook.phases] == ["Framing the problem", "Ideation", "Prototyping"]
    assert "School routes playbook" in html(sign_in(Client(), people.org_staff).get("/arenas/new/"))


def test_a_playbook_needs_a_name(convener, arena):
    response = convener.post(settings_of(arena, "playbook/"), {"name": ""})

    assertContains(response, 'href="#playbook_name"')
    assert not Playbook.objects.filter(organisation=arena.organisation).exists()
