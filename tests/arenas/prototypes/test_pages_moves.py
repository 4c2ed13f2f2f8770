"""Moving cards through the board's form (plain POST, and HTMX): the lead moves a prototype along, a
decision is for conveners only and needs a reason, a jump the table does not allow is refused, and the
timeline shows every step."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from arenas.prototypes.models import StageTransition

from .pages_helpers import action_url, board_url, detail_url, html, set_stage, sign_in, stage_of, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


@pytest.fixture
def prototype(people):
    return people.public.prototype


def move(client, prototype, to, reason="", **extra):
    return client.post(action_url("move", prototype), {"to": to, "reason": reason}, **extra)


def test_the_lead_moves_a_prototype_from_idea_to_evaluation_on_the_board(client, people, prototype):
    sign_in(client, people.lead)

    for to in ["design", "testing", "evaluation"]:
        response = move(client, prototype, to)
        assert response.status_code == 302
        assert response["Location"] == f"{board_url(prototype.arena)}#prototype-{prototype.pk}"
        assert stage_of(prototype) == to

    board = client.get(board_url(prototype.arena))
    assertContains(board, "“Walking bus (public)” moved to Evaluation.")
    column = html(board).split('id="column-evaluation"')[1].split("</section>")[0]
    assert "Walking bus (public)" in column
    page = client.get(detail_url(prototype))
    for sentence in [
        "Moved from Idea to Design by Lars Lead",
        "Moved from Design to Testing by Lars Lead",
        "Moved from Testing to Evaluation by Lars Lead",
    ]:
        assertContains(page, sentence)


def test_a_card_offers_only_the_moves_the_table_allows_and_the_viewer_may_make(client, people, prototype):
    set_stage(prototype, "evaluation")

    sign_in(client, people.lead)
    lead_form = (
        html(client.get(board_url(prototype.arena))).split(f'id="move-{prototype.pk}"')[1].split("</form>")[0]
    )
    sign_in(client, people.convener)
    convener_form = (
        html(client.get(board_url(prototype.arena))).split(f'id="move-{prototype.pk}"')[1].split("</form>")[0]
    )

    assert 'value="design"' in lead_form and 'value="paused"' in lead_form
    assert 'value="adopted"' not in lead_form and 'value="idea"' not in lead_form
    for stage in ["design", "paused", "adopted", "scaled", "abandoned"]:
        assert f'value="{stage}"' in convener_form
    assert "Required for adopted, scaled and abandoned" in convener_form


def test_the_lead_is_refused_adopting_and_nothing_changes(client, people, prototype):
    set_stage(prototype, "evaluation")
    sign_in(client, people.lead)

    response = move(client, prototype, "adopted", reason="It works")

    assert response.status_code == 403
    assertContains(response, "Only conveners decide adopted, scaled and abandoned.", status_code=403)
    assertContains(response, "Nothing was changed.", status_code=403)
    assert stage_of(prototype) == "evaluation"
    assert not StageTransition.objects.filter(prototype=prototype).exists()


def test_a_convener_adopts_with_a_reason_and_the_timeline_highlights_the_decision(client, people, prototype):
    set_stage(prototype, "evaluation")
    sign_in(client, people.convener)

    without_reason = move(client, prototype, "adopted")
    assert without_reason.status_code == 200
    assertContains(without_reason, "A decision needs a reason")
    assert stage_of(prototype) == "evaluation"

    response = move(client, prototype, "adopted", reason="Car drop-offs fell by 40 %.")

    assert response.status_code == 302
    assert stage_of(prototype) == "adopted"
    page = client.get(detail_url(prototype))
    decision = html(page).split('class="timeline-item timeline-decision"')[1].split("</li>")[0]
    assert "Decision: Adopted" in decision
    assert "decided by Clara Convener" in decision
    assert "Car drop-offs fell by 40 %." in decision
    assertContains(page, "The conveners have decided.")
    assertNotContains(page, 'id="move-to"')


def test_a_jump_the_table_does_not_allow_is_an_error_and_nothing_changes(client, people, prototype):
    sign_in(client, people.convener)

    response = move(client, prototype, "scaled", reason="Why not")

    assert response.status_code == 200
    assertContains(response, "A prototype cannot move from Idea to Scaled.")
    assert stage_of(prototype) == "idea"
    assert not StageTransition.objects.filter(prototype=prototype).exists()


def test_a_participant_outside_the_team_may_not_move_it(client, people, prototype):
    sign_in(client, people.participant)

    response = move(client, prototype, "design")

    assert response.status_code == 403
    assertContains(
        response,
        "team and the arena&#x27;s facilitators and conveners move it between stages",
        status_code=403,
    )
    assert stage_of(prototype) == "idea"


def test_a_signed_out_visitor_is_asked_to_sign_in_and_nothing_changes(client, prototype):
    response = move(client, prototype, "design")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert stage_of(prototype) == "idea"


def test_moving_from_the_prototype_page_comes_back_to_it(client, people, prototype):
    sign_in(client, people.facilitator)

    response = client.post(
        action_url("move", prototype), {"to": "design", "reason": "Ready", "from": "detail"}
    )

    assert response["Location"] == detail_url(prototype) + "#stage"
    page = client.get(response["Location"])
    assertContains(page, "Moved from Idea to Design by Frederik Facilitator")
    assertContains(page, "Ready")


def test_an_error_from_the_prototype_page_is_shown_on_it(client, people, prototype):
    sign_in(client, people.convener)

    response = client.post(action_url("move", prototype), {"to": "adopted", "from": "detail"})

    assert response.status_code == 200
    assertContains(response, "A prototype cannot move from Idea to Adopted.")
    assertContains(response, '<h2 id="timeline-heading"')


def test_with_htmx_the_board_is_swapped_in_place_and_focus_follows_the_card(client, people, prototype):
    sign_in(client, people.lead)

    response = move(client, prototype, "design", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    page = html(response)
    assert page.startswith('\n<div id="board"') or page.lstrip().startswith('<div id="board"')
    assert f'data-focus="prototype-{prototype.pk}"' in page
    assert "<html" not in page
    assert 'hx-swap-oob="innerHTML"' in page and "“Walking bus (public)” moved to Design." in page
    column = page.split('id="column-design"')[1].split("</section>")[0]
    assert "Walking bus (public)" in column


def test_with_htmx_a_refused_move_comes_back_on_the_card(client, people, prototype):
    set_stage(prototype, "evaluation")
    sign_in(client, people.lead)

    refused = move(client, prototype, "adopted", HTTP_HX_REQUEST="true")
    not_allowed = move(client, prototype, "idea", HTTP_HX_REQUEST="true")

    assert refused.status_code == 403
    card = html(refused).split(f'id="move-{prototype.pk}"')[1].split("</form>")[0]
    assert "Only conveners decide adopted, scaled and abandoned." in card
    assert f'data-focus="move-{prototype.pk}"' in html(refused)
    assert not_allowed.status_code == 200
    assertContains(not_allowed, "A prototype cannot move from Evaluation to Idea.")
    assert stage_of(prototype) == "evaluation"


def test_back_to_design_for_another_round_and_pausing(client, people, prototype):
    set_stage(prototype, "evaluation")
    sign_in(client, people.teammate)

    assert move(client, prototype, "paused", reason="Winter").status_code == 302
    assert move(client, prototype, "design").status_code == 302

    assert stage_of(prototype) == "design"
