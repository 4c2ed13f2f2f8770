"""The outcomes page: whoever sees the arena reads it, the same 404 as the arena for those who may not."""

import pytest

from arenas.models import Arena
from tests.factories import ArenaFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anyone_reads_a_public_arenas_outcomes_and_the_arena_page_links_to_them(client):
    arena = ArenaFactory(title="Safer school routes")

    page = client.get(f"/arenas/{arena.slug}/outcomes/")

    assert page.status_code == 200
    assert "Outcomes" in page.content.decode()
    assert f'href="/arenas/{arena.slug}/outcomes/"' in client.get(arena.get_absolute_url()).content.decode()


def test_a_private_arenas_outcomes_are_a_404_to_a_non_member(client):
    arena = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    client.force_login(UserFactory())

    assert client.get(f"/arenas/{arena.slug}/outcomes/").status_code == 404


def test_the_outcomes_page_leads_to_the_dashboard_report_and_open_data_its_viewer_may_see(client):
    public = ArenaFactory()
    restricted = ArenaFactory(visibility=Arena.Visibility.RESTRICTED)

    public_page = client.get(f"/arenas/{public.slug}/outcomes/").content.decode()
    restricted_page = client.get(f"/arenas/{restricted.slug}/outcomes/").content.decode()

    for path in ("dashboard", "report", "export"):
        assert f'href="/arenas/{public.slug}/{path}/"' in public_page
    # A restricted arena's dashboard and open data are for its facilitators; its report is for anyone.
    assert f'href="/arenas/{restricted.slug}/report/"' in restricted_page
    assert f'href="/arenas/{restricted.slug}/dashboard/"' not in restricted_page
    assert f'href="/arenas/{restricted.slug}/export/"' not in restricted_page
