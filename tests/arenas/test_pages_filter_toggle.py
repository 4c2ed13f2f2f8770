"""The "Filter" button the thread list and the directory show on a phone, through the client: it opens the
filter form (a Bootstrap collapse, no script of ours), counts the active filters (sorting is not one, nor
is a value the form refuses), and speaks Danish."""

import re

import pytest
from django.test import Client

from arenas.deliberation.services.threads import thread_create
from tests.arenas.pages_helpers import DIRECTORY, html, make_arena

pytestmark = pytest.mark.django_db

TOGGLE = re.compile(r'<button type="button" class="[^"]*filter-toggle[^"]*"[^>]*>([^<]*)</button>')


@pytest.fixture
def arena(people):
    arena = make_arena(people, slug="safer-school-routes")
    thread_create(
        arena=arena, author=people.participant, title="Ring Road", kind="idea", notify_members=False
    )
    return arena


def toggle_of(page: str) -> tuple[str, str]:
    match = TOGGLE.search(page)
    assert match, "no Filter button"
    return match.group(0), match.group(1)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("", "Filter"),
        ("?sort=title", "Filter"),
        ("?q=ring", "Filter (1)"),
        ("?q=ring&kind=idea&status=open&sort=title", "Filter (3)"),
        ("?kind=no-such-kind", "Filter"),
    ],
)
def test_the_thread_lists_button_counts_the_active_filters(client: Client, arena, query, label):
    page = html(client.get(f"/arenas/{arena.slug}/threads/{query}"))

    button, text = toggle_of(page)
    assert text == label
    assert 'data-bs-target="#thread-filters"' in button
    assert 'aria-controls="thread-filters"' in button
    assert 'aria-expanded="false"' in button
    assert '<div class="collapse filters-collapse" id="thread-filters">' in page
    # the form sits inside what the button opens, before the results
    assert (
        page.index('id="thread-filters"')
        < page.index('aria-label="Search and filter threads"')
        < page.index('id="results-heading"')
    )


@pytest.mark.parametrize(
    ("query", "label"),
    [("", "Filter"), ("?archived=on", "Filter (1)"), ("?q=school&status=open&archived=on", "Filter (3)")],
)
def test_the_directorys_button_counts_the_active_filters(client: Client, arena, query, label):
    page = html(client.get(f"{DIRECTORY}{query}"))

    button, text = toggle_of(page)
    assert text == label
    assert 'data-bs-target="#arena-filters"' in button
    assert '<div class="collapse filters-collapse" id="arena-filters">' in page
    # while filters are active a phone offers to clear them beside the button, the form being closed
    assert (f'<a href="{DIRECTORY}">Clear the filters</a>' in page.split('id="arena-filters"')[0]) == (
        label != "Filter"
    )


def test_the_button_speaks_danish(client: Client, arena):
    client.cookies["django_language"] = "da"
    page = html(client.get(f"/arenas/{arena.slug}/threads/?q=ring", HTTP_ACCEPT_LANGUAGE="da"))

    assert toggle_of(page)[1] == "Filtrér (1)"
