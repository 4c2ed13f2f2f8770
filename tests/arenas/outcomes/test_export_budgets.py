"""Query budgets: the export page, the zip and the JSON cost the same number of queries for a small
arena and one ten times larger (the rows stream from one query per table, however many)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.arenas.pages_helpers import sign_in

from .export_helpers import fill, json_url, page_url, world, zip_url

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 7  # measured: 7 for a facilitator, at both sizes
DOWNLOAD_BUDGET = 24  # measured: 24 at both sizes (13 tables, the members' handles, the map's three, the rest the request's)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            chunks = list(response.streaming_content)
            assert chunks
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", [page_url, zip_url, json_url])
def test_the_same_queries_for_a_small_and_a_larger_arena(client, url):
    small, large = world(slug="small"), world(slug="large")
    fill(small.arena, posts=6, members=3, prefix="s")
    fill(large.arena, posts=300, members=40, prefix="l")
    fill(large.arena, posts=300, members=10, prefix="m")
    sign_in(client, small.facilitator)
    sign_in(client, large.facilitator)

    counts = [queries(client, url(people.arena)) for people in (small, large)]

    assert counts[0] == counts[1], counts
    assert counts[0] <= (PAGE_BUDGET if url is page_url else DOWNLOAD_BUDGET), counts
