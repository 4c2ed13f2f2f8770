"""The outcomes page's map for each role, the editing page, the one-click group join link and the arena
page's card with and without a map."""

import re

import pytest

from arenas.models import Arena, JoinLink, Membership, Role, StakeholderType
from arenas.outcomes.models import StakeholderGroup
from tests.arenas.members_helpers import page_text
from tests.factories import ArenaFactory, UserFactory

from .map_helpers import member

pytestmark = pytest.mark.django_db


def outcomes(arena):
    return f"/arenas/{arena.slug}/outcomes/"


def edit(arena):
    return f"/arenas/{arena.slug}/outcomes/map/"


def test_the_map_shows_each_group_against_its_target_and_who_is_missing(client, mapped, participant):
    member(mapped, stakeholder_type=StakeholderType.EXPERT)  # a type the map leaves out

    text = page_text(client.get(outcomes(mapped)))

    assert "Parents of pupils at Northbridge East" in text
    assert "1 of 4 joined (25% of the target)" in text  # the participant is a resident
    assert "0 of 2 joined (0% of the target)" in text
    assert text.count(">Missing<") == 1  # businesses: nobody has joined
    assert "Also taking part" in text and "Expert or researcher" in text and "Public employee" in text
    assert '<progress class="w-100 d-block" id="map-progress-1" max="4" value="1">' in text


def test_without_a_map_the_page_shows_the_mix_and_conveners_are_asked_to_declare_it(
    client, arena, convener, participant
):
    client.force_login(participant)
    text = page_text(client.get(outcomes(arena)))
    assert "No stakeholder map yet" in text and "Resident" in text
    assert "Declare the groups this arena needs" not in text

    client.force_login(convener)
    assert "Declare the groups this arena needs" in page_text(client.get(outcomes(arena)))


@pytest.mark.parametrize(
    ("who", "edits", "makes_links"),
    [
        ("anonymous", False, False),
        ("participant", False, False),
        ("facilitator", False, True),
        ("convener", True, True),
    ],
)
def test_who_sees_the_edit_link_and_the_join_link_buttons(client, mapped, request, who, edits, makes_links):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    text = page_text(client.get(outcomes(mapped)))

    assert (f'href="{edit(mapped)}"' in text) is edits
    assert ("Make a join link for Resident" in text) is makes_links
    assert ("Make a join link for Business" in text) is makes_links


def test_a_private_arenas_map_editing_and_report_are_a_404_to_outsiders(client):
    private = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    client.force_login(UserFactory())
    for path in (outcomes(private), edit(private), f"/arenas/{private.slug}/report/"):
        assert client.get(path).status_code == 404
    assert (
        client.post(f"{outcomes(private)}map/join-link/", {"stakeholder_type": "resident"}).status_code == 404
    )


def test_a_participant_may_not_edit_the_map_and_is_told_why(client, mapped, participant):
    client.force_login(participant)
    response = client.post(edit(mapped), {"resident-needed": "on", "resident-target": "3"})
    assert response.status_code == 403
    assert (
        "Only the arena&#x27;s conveners declare which groups the arena needs." in response.content.decode()
    )
    assert StakeholderGroup.objects.get(arena=mapped, stakeholder_type="resident").target == 4


def test_the_convener_declares_the_map_and_lands_on_the_outcomes_page(client, arena, convener):
    client.force_login(convener)
    form = page_text(client.get(edit(arena)))
    assert (
        '<label class="form-check-label" for="id_resident-needed">Resident: this arena needs them</label>'
        in form
    )

    response = client.post(
        edit(arena),
        {
            "resident-needed": "on",
            "resident-description": "أولياء أمور التلاميذ 👪",
            "resident-target": "12",
            "business-needed": "on",
            "business-target": "3",
            "expert-description": "not ticked, so not needed",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == outcomes(arena)
    text = page_text(response)
    assert "The stakeholder map is saved." in text
    assert '<p class="mb-2" dir="auto">أولياء أمور التلاميذ 👪</p>' in text
    assert list(StakeholderGroup.objects.filter(arena=arena).values_list("stakeholder_type", "target")) == [
        ("resident", 12),
        ("business", 3),
    ]


def test_a_bad_map_keeps_what_was_typed_with_the_errors_next_to_the_fields_and_at_the_top(
    client, mapped, convener
):
    client.force_login(convener)

    response = client.post(
        edit(mapped),
        {
            "resident-needed": "on",
            "resident-description": "Forældre på Nørrebro",
            "resident-target": "0",
            "business-needed": "on",
            "business-target": "",
        },
    )

    assert response.status_code == 200
    text = page_text(response)
    assert 'id="form-errors"' in text
    assert 'href="#id_resident-target">Resident: how many you aim for</a>' in text
    assert 'id="id_resident-target_error"' in text
    assert "Say how many of them the arena needs." in text
    assert 'value="Forældre på Nørrebro"' in text
    assert StakeholderGroup.objects.filter(arena=mapped).count() == 2  # unchanged


def test_a_too_long_description_is_said_by_the_server_with_the_whole_text_kept(client, arena, convener):
    client.force_login(convener)
    long = "ø" * 301
    text = page_text(
        client.post(
            edit(arena), {"resident-needed": "on", "resident-description": long, "resident-target": "5"}
        )
    )
    assert f'value="{long}"' in text
    assert "301" in text
    assert not StakeholderGroup.objects.filter(arena=arena).exists()


def test_the_join_link_button_makes_a_link_that_preselects_the_group_and_counts_who_joins(
    client, mapped, facilitator
):
    client.force_login(facilitator)

    response = client.post(f"{outcomes(mapped)}map/join-link/", {"stakeholder_type": "business"}, follow=True)

    link = JoinLink.objects.get(arena=mapped)
    assert link.stakeholder_type == "business"
    text = page_text(response)
    assert '<label class="form-label fw-semibold" for="new-join-link">Join link for Business</label>' in text
    assert f'value="http://testserver/join/{link.token}/" readonly' in text
    assert "Join link for Business" not in page_text(client.get(outcomes(mapped)))  # shown once

    newcomer = UserFactory()
    client.force_login(newcomer)
    join_page = client.get(f"/join/{link.token}/").content.decode()
    assert re.search(r'<option value="business" selected>', join_page)
    client.post(f"/join/{link.token}/", {"stakeholder_type": "business"})

    assert Membership.objects.get(arena=mapped, user=newcomer).stakeholder_type == "business"
    assert "1 of 2 joined (50% of the target)" in page_text(client.get(outcomes(mapped)))


def test_a_participant_cannot_make_a_group_join_link(client, mapped, participant):
    client.force_login(participant)
    response = client.post(f"{outcomes(mapped)}map/join-link/", {"stakeholder_type": "business"})
    assert response.status_code == 403
    assert not JoinLink.objects.filter(arena=mapped).exists()


def test_the_arena_page_shows_the_map_instead_of_the_mix(client, mapped, participant):
    text = page_text(client.get(mapped.get_absolute_url()))

    assert "Who takes part" in text
    assert "The groups this arena needs: joined against the target" in text
    assert "1 of 4" in text and "0 of 2" in text
    assert "1 group missing" in text
    assert f'href="{outcomes(mapped)}">The stakeholder map and outcomes' in text
    assert "Members per stakeholder type" not in text


def test_the_arena_page_without_a_map_shows_the_mix_as_before(client, arena, convener, participant):
    text = page_text(client.get(arena.get_absolute_url()))

    assert "Members per stakeholder type" in text
    assert "2 members" in text
    assert "joined against the target" not in text


def test_banned_members_count_in_no_group(client, mapped, participant):
    Membership.objects.filter(arena=mapped, user=participant).update(banned=True, role=Role.PARTICIPANT)
    text = page_text(client.get(mapped.get_absolute_url()))
    assert "0 of 4" in text and "2 groups missing" in text
