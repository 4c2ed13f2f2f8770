"""An arena's settings page through the client: who may open it (conveners and admins; 403 for others who
see the arena, 404 for those who do not), its actions refuse GET and posts without the CSRF token;
editing what the arena says, its cover image included, with the errors next to the fields and nothing
changed when refused; and saving the arena as a playbook. The phases and the status have their own
modules (test_pages_settings_phases.py, test_pages_settings_status.py)."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from arenas.models import Arena, Playbook
from tests.arenas.pages_helpers import ROLES, html, make_arena, sign_in
from tests.arenas.settings_helpers import edit_data, settings_of

pytestmark = pytest.mark.django_db


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
    assert '<p class="lead" dir="auto">Safer school routes</p>' in page
    assert Arena.objects.get(pk=arena.pk).title == "Safer school routes"


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
