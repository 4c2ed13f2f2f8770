"""The dashboard in Chromium: axe-core finds nothing on the public summary and on the full dashboard
(every chart drawn, its figures opened), and on a 375 px wide phone nothing overflows sideways."""

import pytest

from arenas.models import Role
from arenas.outcomes.models import Decision, StakeholderGroup
from tests.arenas.outcomes.dashboard_helpers import decide, fill, session, thread_in
from tests.factories import PASSWORD, ArenaFactory, MembershipFactory

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def arena(transactional_db):
    arena = ArenaFactory(title="Sikre skoleveje 🚸 طرق آمنة")
    fill(arena, 12, prefix="browser")
    StakeholderGroup.objects.create(
        arena=arena, stakeholder_type="civil_society", target=4, description="Forældre på Nordbro Østskole"
    )
    session(arena, title="ورشة عمل — a very long session title about the crossings at Ring Road", days=-2)
    decide(arena, thread_in(arena, arena.memberships.first().user), Decision.Outcome.DEFERRED)
    return arena


def _no_sideways_overflow(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _open_every_table(page):
    for summary in page.locator("details.chart-figures > summary").all():
        summary.click()


def test_the_public_summary_on_a_phone(page, live_server, arena):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/dashboard/")

    assert page.get_by_role("heading", level=1, name="Dashboard").is_visible()
    assert page.get_by_text("This public summary").is_visible()
    assert page.locator("svg[role=img]").count() >= 5
    _no_sideways_overflow(page)
    assert_no_axe_violations(page)
    _open_every_table(page)
    _no_sideways_overflow(page)
    assert_no_axe_violations(page)


def test_the_full_dashboard_on_a_phone_and_a_laptop(page, live_server, sign_in, arena):
    facilitator = MembershipFactory(arena=arena, role=Role.FACILITATOR).user
    sign_in(page, facilitator.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/dashboard/")

    assert page.get_by_role("heading", name="Voice balance").is_visible()
    _no_sideways_overflow(page)
    _open_every_table(page)
    _no_sideways_overflow(page)
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_no_axe_violations(page)
