"""The post list's markup (``rendering.py``): what a post shows for each state, the same through the
thread page as alone (HTMX), and text that looks like markup or like a format slot stays text."""

import pytest
from django.utils import timezone

from arenas.deliberation.models import Post, Thread
from arenas.deliberation.rendering import PostContext, labels, post_article, post_tree
from arenas.deliberation.rules import PostPermissions
from arenas.models import Role
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    arena = ArenaFactory()
    viewer = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    author = MembershipFactory(
        arena=arena, role=Role.PARTICIPANT, user=UserFactory(display_name="Åse {n} {{label}} <b>}{")
    ).user
    thread = Thread.objects.create(arena=arena, title="T")
    thread.arena = arena
    return thread, viewer, author


def context(thread, viewer, **label_overrides) -> PostContext:
    return PostContext(
        thread_url=f"/arenas/{thread.arena.slug}/threads/{thread.pk}/",
        order="oldest",
        permissions=PostPermissions(viewer, thread),
        endorsed=frozenset(),
        csrf_token="token",
        labels={**labels(), **label_overrides},
    )


def a_post(thread, author, number, **fields) -> Post:
    fields = {"body": "x", "body_html": "<p>x</p>", **fields}
    post = Post.objects.create(thread=thread, author=author, number=number, top_number=number, **fields)
    post.thread = thread
    return post


def test_names_and_labels_with_braces_or_markup_stay_text(scene):
    thread, viewer, author = scene
    post = a_post(thread, author, 7, endorsement_count=2)
    ctx = context(thread, viewer, reply="Svar {n} }{", post="indlæg %(number)s {label}")

    html = post_article(post, ctx)

    assert "Åse {n} {{label}} &lt;b&gt;}{" in html
    assert ">Svar {n} }{<" in html
    assert "indlæg 7 {label}" in html  # the label of the post's own actions, number filled in
    assert 'href="/arenas/' in html and "/posts/7/reply/" in html and 'id="endorse-7"' in html
    assert "<b>" not in html


def test_posts_of_one_state_differ_only_by_what_is_theirs(scene):
    thread, viewer, author = scene
    first, second = a_post(thread, author, 1), a_post(thread, author, 2, endorsement_count=3)
    ctx = context(thread, viewer)

    one, two = str(post_tree(first, ctx)), str(post_tree(second, ctx))

    assert 'id="post-1"' in one and "/posts/1/flag/" in one and "post 1, 0 endorsements" in one
    assert 'id="post-2"' in two and "/posts/2/flag/" in two and "post 2, 3 endorsements" in two
    assert "post-2" not in one and "post-1" not in two


def test_each_state_shows_what_it_should(scene):
    thread, viewer, author = scene
    now = timezone.now()
    mine = a_post(thread, viewer, 1)
    hidden = a_post(thread, author, 2, hidden_at=now, hidden_reason="Off-topic")
    deleted = a_post(thread, author, 3, deleted_at=now, body="", body_html="")
    ctx = context(thread, viewer)

    own, hid, gone = (str(post_article(p, ctx)) for p in (mine, hidden, deleted))

    assert "/posts/1/edit/" in own and "/posts/1/delete/" in own and "endorse-1" not in own
    assert "Hidden by a moderator." in hid and "<p>x</p>" not in hid and "Off-topic" not in hid
    assert "/posts/2/reply/" not in hid and "/posts/2/flag/" not in hid
    assert "This post was deleted." in gone and 'class="post-actions"' not in gone
