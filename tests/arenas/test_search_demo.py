"""Issue 12's "done when", on the demo data in PostgreSQL: what an anonymous visitor, a citizen and a
facilitator find, through the page and the API, with a post the facilitator hid."""

import pytest
from django.core.management import call_command

from arenas.deliberation.models import Post
from arenas.deliberation.services.posts import post_create, post_hide
from platform_core.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data():
    call_command("seed_demo", verbosity=0)
    call_command("search_rebuild", "--if-empty", verbosity=0)


def as_(client, email):
    client.force_login(User.objects.get(email=email))
    return client


def test_anyone_finds_the_public_school_arena_and_its_threads_and_nothing_private(client, demo_data):
    page = client.get("/search/?q=school").content.decode()
    api = client.get("/api/v1/search/?q=school").json()

    assert 'href="/arenas/safer-school-routes/"' in page
    assert any(hit["type"] == "thread" for hit in api["results"])
    assert {hit["arena"]["slug"] for hit in api["results"]} <= {
        "safer-school-routes",
        "loneliness-among-seniors",
    }
    assert "youth-employment-taskforce" not in page
    assert "Youth employment" not in page


def test_a_hidden_post_is_found_by_the_facilitator_marked_hidden_and_not_by_the_citizen(client, demo_data):
    facilitator = User.objects.get(email="facilitator@example.org")
    thread = Post.objects.filter(thread__arena__slug="safer-school-routes").first().thread
    citizen = User.objects.get(email="citizen@example.org")
    post = post_create(thread=thread, author=citizen, body="Speedbumps are a plot by the quangos.")
    post_hide(post=post, actor=facilitator, reason="Off topic")

    page = as_(client, "citizen@example.org").get("/search/?q=quangos").content.decode()
    assert "0 results for “quangos”" in page and "search-hit" not in page
    assert as_(client, "citizen@example.org").get("/api/v1/search/?q=quangos").json()["results"] == []

    page = as_(client, "facilitator@example.org").get("/search/?q=quangos").content.decode()
    assert "<mark>quangos</mark>" in page and "Hidden" in page
    [hit] = client.get("/api/v1/search/?q=quangos").json()["results"]
    assert hit["hidden"] is True and hit["type"] == "post"


def test_the_api_answers_crossing_as_the_page_does(client, demo_data):
    api = client.get("/api/v1/search/?q=crossing").json()
    page = client.get("/search/?q=crossing").content.decode()

    assert api["results"]
    positions = [
        page.index(f'href="{hit["url"].removeprefix("http://testserver")}"') for hit in api["results"]
    ]
    assert positions == sorted(positions)
    assert all("crossing" in (hit["excerpt"] + hit["title_html"]).lower() for hit in api["results"])
