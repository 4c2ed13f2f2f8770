"""The stakeholder map in Chromium: a convener declares the groups on a phone, by label and keyboard,
and sees who is missing; axe-core finds nothing on the outcomes page with a map, the map's form (also
with errors) and the report; on paper the report has no navigation, footer or buttons."""

import pytest
from playwright.sync_api import expect

from arenas.models import Arena, Role, StakeholderType
from arenas.outcomes.models import StakeholderGroup
from arenas.outcomes.services.map import stakeholder_map_set
from tests.factories import PASSWORD, ArenaFactory, MembershipFactory, UserFactory

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def arena(transactional_db):
    return ArenaFactory(title="Safer school routes", visibility=Arena.Visibility.PUBLIC)


@pytest.fixture
def convener(arena):
    person = UserFactory(display_name="Clara Convener")
    MembershipFactory(
        arena=arena, user=person, role=Role.CONVENER, stakeholder_type=StakeholderType.PUBLIC_EMPLOYEE
    )
    return person


def test_a_convener_declares_the_groups_on_a_phone_and_sees_who_is_missing(
    page, live_server, sign_in, arena, convener
):
    sign_in(page, convener.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/outcomes/")
    page.get_by_role("link", name="Declare the groups this arena needs").click()
    assert_no_axe_violations(page)

    page.get_by_label("Resident: this arena needs them").check()
    page.get_by_label("Resident: who exactly").fill("Forældre på Nørrebro 🚸")
    page.get_by_label("Resident: how many you aim for").fill("0")
    page.get_by_label("Business: this arena needs them").check()
    page.get_by_label("Business: how many you aim for").fill("3")
    page.get_by_role("button", name="Save the stakeholder map").click()

    expect(page.get_by_role("heading", name="Please correct the following:")).to_be_visible()
    expect(page.get_by_label("Resident: who exactly")).to_have_value("Forældre på Nørrebro 🚸")
    assert_no_axe_violations(page)
    page.get_by_label("Resident: how many you aim for").fill("12")
    page.get_by_label("Resident: how many you aim for").press("Enter")

    expect(page.get_by_text("The stakeholder map is saved.")).to_be_visible()
    expect(page.get_by_text("Forældre på Nørrebro 🚸")).to_be_visible()
    expect(page.get_by_text("Missing")).to_have_count(2)
    assert list(StakeholderGroup.objects.filter(arena=arena).values_list("stakeholder_type", flat=True)) == [
        "resident",
        "business",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Make a join link for Business").click()
    link = page.get_by_label("Join link for Business")
    expect(link).to_be_visible()
    assert link.input_value() == f"{live_server.url}/join/{arena.join_links.get().token}/"
    assert_no_axe_violations(page)


def test_the_report_is_accessible_and_prints_without_navigation(page, live_server, sign_in, arena, convener):
    stakeholder_map_set(
        arena=arena,
        actor=convener,
        groups=[{"stakeholder_type": "resident", "description": "أولياء أمور التلاميذ", "target": 5}],
    )
    sign_in(page, convener.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/report/")
    expect(page.get_by_role("heading", name="Safer school routes", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Print this report")).to_be_visible()
    assert_no_axe_violations(page)

    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this report")).to_be_hidden()
    expect(page.get_by_role("heading", name="The people")).to_be_visible()
