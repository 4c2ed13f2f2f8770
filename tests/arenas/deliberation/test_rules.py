"""The thread page asks the policy once per state of post (``rules.PostPermissions``): those answers must be
the policy's own, for every state a post and its reader can be in."""

import pytest
from django.utils import timezone

from arenas.deliberation.models import Post, Thread
from arenas.deliberation.rules import POST_ACTIONS, PostPermissions, post_state
from arenas.models import Arena, Role
from arenas.policy import can
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("locked", [False, True])
@pytest.mark.parametrize("status", [Arena.Status.OPEN, Arena.Status.CLOSED])
@pytest.mark.parametrize("role", ["outsider", Role.OBSERVER, Role.PARTICIPANT, Role.FACILITATOR])
def test_the_pages_answers_are_the_policys_for_every_state(role, status, locked):
    arena = ArenaFactory(status=status)
    viewer = UserFactory() if role == "outsider" else MembershipFactory(arena=arena, role=role).user
    other = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    thread = Thread.objects.create(arena=arena, title="T", locked=locked)
    now = timezone.now()
    posts = [
        Post.objects.create(
            thread=thread,
            author=author,
            number=number,
            body="x",
            body_html="<p>x</p>",
            hidden_at=now if state == "hidden" else None,
            deleted_at=now if state == "deleted" else None,
        )
        for number, (author, state) in enumerate(
            [(a, s) for a in (viewer, other) for s in ("normal", "hidden", "deleted")], start=1
        )
    ]
    memo = PostPermissions(viewer, thread)

    states = set()
    for post in posts:
        post.thread = thread
        states.add(post_state(viewer, post))
        assert memo.of(post) == frozenset(p for p in POST_ACTIONS if can(viewer, p, post)), post_state(
            viewer, post
        )
    assert len(states) == 6
