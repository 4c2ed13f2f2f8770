"""Text people really write: arena slugs readable from Danish and Arabic titles, emoji and non-Latin topics
kept (and a topic of punctuation refused with a message), over-long titles refused with their length and
kept in the form rather than cut, and right-to-left titles and posts marked ``dir="auto"`` so they read in
order."""

import re

import pytest
from pytest_django.asserts import assertContains

from arenas.deliberation.models import Thread
from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_update
from arenas.models import Arena, Topic
from arenas.prototypes.models import Feedback
from arenas.prototypes.services.evidence import feedback_submit
from tests.arenas.api_helpers import LIST_URL, auth
from tests.arenas.deliberation.pages_helpers import start_thread
from tests.arenas.pages_helpers import make_arena, sign_in
from tests.factories import PrototypeFactory

pytestmark = pytest.mark.django_db

NEW = "/arenas/new/"
ARABIC_TITLE = "مدرسة آمنة"  # "a safe school"
ARABIC_POST = "نحتاج إلى ممر مشاة أمام المدرسة"  # "we need a crossing in front of the school"


def arena_form(people, **overrides):
    return {
        "organisation": people.organisation.pk,
        "playbook": "",
        "title": "Skolevej på Ærø",
        "problem_statement": "Børnene krydser en travl vej.",
        "goals": "",
        "scope": "",
        "visibility": "public",
        "topics": "",
        **overrides,
    }


# --- slugs ----------------------------------------------------------------------------------------------------


def test_a_danish_title_gives_a_slug_spelt_the_danish_way(client, people):
    sign_in(client, people.org_staff)

    client.post(NEW, arena_form(people))

    assert Arena.objects.get().slug == "skolevej-paa-aeroe"


def test_arabic_titles_give_readable_distinct_slugs_through_the_api(client, people):
    def open_arena():
        response = client.post(
            LIST_URL,
            {
                "organisation": people.organisation.slug,
                "title": ARABIC_TITLE,
                "problem_statement": "…",
                "visibility": "public",
            },
            content_type="application/json",
            **auth(people.org_staff),
        )
        assert response.status_code == 201, response.content
        return response.json()

    first, second = open_arena(), open_arena()

    assert (first["slug"], second["slug"]) == ("mdrs-mn", "mdrs-mn-2")
    assert first["title"] == ARABIC_TITLE


# --- topics ---------------------------------------------------------------------------------------------------


def test_emoji_and_non_latin_topics_are_kept_as_written_and_filter_the_directory(client, people):
    sign_in(client, people.org_staff)

    client.post(NEW, arena_form(people, topics="🌳, Trafik 🚲, مدرسة, 学校"))
    arena = Arena.objects.get()
    arena.status = Arena.Status.OPEN
    arena.save()

    assert sorted(arena.topics.values_list("name", "slug")) == sorted(
        [
            ("🌳", "deciduous-tree"),
            ("Trafik 🚲", "trafik-bicycle"),
            ("مدرسة", "mdrs"),
            ("学校", "xue-xiao"),
        ]
    )
    page = client.get(f"/arenas/{arena.slug}/").content.decode()
    assert all(name in page for name in ["🌳", "Trafik 🚲", "مدرسة", "学校"])
    listed = client.get("/arenas/?topic=deciduous-tree").content.decode()
    assert "Skolevej på Ærø" in listed


def test_a_topic_of_punctuation_alone_is_refused_by_name_and_nothing_is_written(client, people):
    sign_in(client, people.org_staff)

    response = client.post(NEW, arena_form(people, topics="Skoler, ---"))

    assertContains(response, "“---” cannot be a topic: use letters, digits or emoji.")
    assert not Arena.objects.exists()
    assert not Topic.objects.exists()


def test_the_api_refuses_a_topic_it_cannot_spell_with_a_field_message(client, people):
    response = client.post(
        LIST_URL,
        {
            "organisation": people.organisation.slug,
            "title": "Skoleveje",
            "problem_statement": "…",
            "visibility": "public",
            "topics": ["Trafik", "!!!"],
        },
        content_type="application/json",
        **auth(people.org_staff),
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "topics": ["“!!!” cannot be a topic: use letters, digits or emoji."]
    }
    assert not Arena.objects.exists()


# --- limits ---------------------------------------------------------------------------------------------------


def test_an_over_long_thread_title_gets_a_message_and_stays_in_the_form_uncut(client, people):
    arena = make_arena(people)
    sign_in(client, people.participant)
    title = "Trafik 🚲 " + "x" * 200

    response = client.post(f"/arenas/{arena.slug}/threads/new/", {"title": title, "kind": "idea"})

    assert response.status_code == 200
    assertContains(response, f"at most 200 characters (it has {len(title)})")
    field = re.search(r'<input[^>]*name="title"[^>]*>', response.content.decode()).group(0)
    assert f'value="{title}"' in field
    assert "maxlength" not in field  # a browser would cut a pasted title at it without a word
    assert not Thread.objects.exists()


def test_the_api_refuses_an_over_long_thread_title_by_field(client, people):
    arena = make_arena(people)

    response = client.post(
        f"/api/v1/arenas/{arena.slug}/threads/",
        {"title": "x" * 201, "kind": "idea"},
        content_type="application/json",
        **auth(people.participant),
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "title": ["Ensure this field has no more than 200 characters."]
    }
    assert not Thread.objects.exists()


def test_a_service_refuses_an_over_long_title_and_keeps_the_old_one(people):
    arena = make_arena(people)
    thread = start_thread(arena, people.participant, title="Crossing at Ring Road")

    with pytest.raises(Exception, match="Keep this to 200 characters"):
        thread_update(thread=thread, actor=people.participant, title="x" * 250)

    thread.refresh_from_db()
    assert thread.title == "Crossing at Ring Road"


def test_feedback_past_its_limit_is_refused_not_cut(people):
    arena = make_arena(people)
    prototype = PrototypeFactory(arena=arena, stage="testing")

    with pytest.raises(Exception, match=r"Keep this to 4000 characters \(it has 4001\)"):
        feedback_submit(
            prototype=prototype, author=people.participant, rating=4, would_use="yes", comment="é" * 4001
        )

    assert not Feedback.objects.exists()


# --- direction ------------------------------------------------------------------------------------------------


def test_right_to_left_titles_posts_and_inputs_follow_their_own_direction(client, people):
    arena = make_arena(people)
    thread = start_thread(arena, people.participant, title=ARABIC_TITLE, body=ARABIC_POST)
    post_create(thread=thread, author=people.facilitator, body=f"{ARABIC_POST} 🌳")
    sign_in(client, people.participant)

    page = client.get(f"/arenas/{arena.slug}/threads/{thread.pk}/").content.decode()

    assert f'<h1 dir="auto">{ARABIC_TITLE}</h1>' in page
    assert re.search(r'<div class="thread-opening" dir="auto"><p>' + ARABIC_POST, page)
    assert re.search(r'<div class="post-body" dir="auto"><p>' + ARABIC_POST + " 🌳", page)
    composer = re.search(r'<textarea[^>]*name="body"[^>]*>', page).group(0)
    assert 'dir="auto"' in composer
    listing = client.get(f"/arenas/{arena.slug}/threads/").content.decode()
    assert re.search(r'<a href="[^"]+" dir="auto">' + ARABIC_TITLE + "</a>", listing)
