"""The open-data page in Chromium: axe-core finds nothing on it, on a phone and for a facilitator of a
private arena, and its download link gives the zip."""

import pytest

from arenas.models import Arena
from tests.arenas.outcomes.export_helpers import fill, world
from tests.factories import PASSWORD

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people(transactional_db):
    people = world(visibility=Arena.Visibility.PRIVATE, title="Sikre skoleveje 🚸")
    fill(people.arena)
    return people


def test_the_export_page_passes_axe_on_a_phone_and_its_link_downloads_the_zip(
    page, live_server, sign_in, people
):
    sign_in(page, people.facilitator.email, PASSWORD)
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/arenas/{people.arena.slug}/export/")

    assert page.get_by_role("heading", level=1, name="Open data").is_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the open data (zip)").click()
    assert download.value.suggested_filename == f"{people.arena.slug}-open-data.zip"
