"""Deliberation's part of the one policy: DESIGN.md section 3, "below the arena, on single objects" — posts
and threads. Registered in ``arenas.policy`` beside the arena's permissions (the arena's writability and
bans apply on top, through ``on_arena``). Everything that shows or changes a post asks these.
"""

from operator import attrgetter

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arenas.policy import can, on_arena, permission_register
from arenas.rules import read_only

from .models import Post, Thread

_post_arena = attrgetter("thread.arena")


# --- predicates ----------------------------------------------------------------------------------------------


@rules.predicate
def is_post_author(user, post):
    return bool(getattr(user, "is_authenticated", False) and post.author_id == user.pk)


@rules.predicate
def post_is_live(user, post):
    """Neither hidden by a moderator nor deleted by its author."""
    return post.hidden_at is None and post.deleted_at is None


@rules.predicate
def post_is_not_deleted(user, post):
    return post.deleted_at is None


@rules.predicate
def post_thread_is_open(user, post):
    return not post.thread.locked


@rules.predicate
def thread_is_open(user, thread):
    return not thread.locked


@rules.predicate
def is_thread_author(user, thread):
    return bool(getattr(user, "is_authenticated", False) and thread.author_id == user.pk)


@rules.predicate
def nobody_else_posted(user, thread):
    """No one but the thread's author has posted in it (one indexed query, cached on the thread)."""
    if "_others_posted" not in thread.__dict__:
        others = Post.objects.filter(thread=thread)
        if thread.author_id is not None:
            others = others.exclude(author_id=thread.author_id)
        thread.__dict__["_others_posted"] = others.exists()
    return not thread.__dict__["_others_posted"]


LOCKED = gettext_lazy("This thread is locked: it takes no new posts, and its posts can no longer be changed.")

# --- posts ---------------------------------------------------------------------------------------------------

permission_register(
    "deliberation.change_post",
    on_arena("arenas.contribute", _post_arena),
    (is_post_author, gettext_lazy("Only its author can edit a post.")),
    (post_is_live, gettext_lazy("A hidden or deleted post can no longer be edited.")),
    (post_thread_is_open, LOCKED),
)
permission_register(
    "deliberation.delete_post",
    on_arena("arenas.act", _post_arena),
    (is_post_author, gettext_lazy("Only its author deletes a post; moderators hide posts instead.")),
    (post_is_not_deleted, gettext_lazy("This post is already deleted.")),
)
# Its author and the arena's moderators by role (also once it is closed): who reads what others may not.
author_or_moderator = is_post_author | on_arena("arenas.read_moderated", _post_arena).predicate

permission_register(
    "deliberation.read_hidden_post",
    on_arena("arenas.view_arena", _post_arena),
    (
        author_or_moderator,
        gettext_lazy("Only its author and the arena's facilitators and conveners read a hidden post."),
    ),
)
permission_register(
    "deliberation.read_post_history",
    on_arena("arenas.view_arena", _post_arena),
    (
        author_or_moderator,
        gettext_lazy(
            "Only its author and the arena's facilitators and conveners read a post's earlier versions."
        ),
    ),
)
permission_register(
    "deliberation.reply_to_post",
    on_arena("arenas.contribute", _post_arena),
    (post_thread_is_open, LOCKED),
    (post_is_live, gettext_lazy("A hidden or deleted post takes no replies.")),
)
permission_register(
    "deliberation.endorse_post",
    on_arena("arenas.contribute", _post_arena),
    (post_thread_is_open, LOCKED),
    (post_is_live, gettext_lazy("A hidden or deleted post cannot be endorsed.")),
    (~is_post_author, gettext_lazy("You cannot endorse your own post.")),
)
permission_register(
    "deliberation.flag_post",
    on_arena("arenas.flag", _post_arena),
    (post_is_live, gettext_lazy("A hidden or deleted post cannot be flagged.")),
    (~is_post_author, gettext_lazy("You cannot flag your own post.")),
)
permission_register("deliberation.moderate_post", on_arena("arenas.moderate", _post_arena))

# --- threads -------------------------------------------------------------------------------------------------

permission_register("deliberation.post_in_thread", on_arena("arenas.contribute"), (thread_is_open, LOCKED))

author_may_edit = (
    is_thread_author & on_arena("arenas.contribute").predicate & thread_is_open & nobody_else_posted
)
moderates_thread = on_arena("arenas.moderate").predicate


def _why_not_edit_thread(user, thread) -> str:
    if not thread.arena.is_writable:
        return read_only(user, thread.arena)
    if is_thread_author.test(user, thread) and can(user, "arenas.contribute", thread.arena):
        if thread.locked:
            return str(LOCKED)
        return _(
            "Someone else has posted in this thread: only facilitators and conveners change its opening now."
        )
    return _("Only the thread's author and the arena's facilitators and conveners can edit the thread.")


permission_register("deliberation.change_thread", (author_may_edit | moderates_thread, _why_not_edit_thread))
permission_register("deliberation.moderate_thread", on_arena("arenas.moderate"))
permission_register(
    "deliberation.follow_thread",
    (rules.is_authenticated, gettext_lazy("Sign in first.")),
    on_arena("arenas.view_arena"),
)


# --- a page of posts -----------------------------------------------------------------------------------------

POST_ACTIONS = (
    "deliberation.change_post",
    "deliberation.delete_post",
    "deliberation.read_hidden_post",
    "deliberation.read_post_history",
    "deliberation.reply_to_post",
    "deliberation.endorse_post",
    "deliberation.flag_post",
    "deliberation.moderate_post",
)


def post_state(user, post: Post) -> tuple:
    """Everything the post rules above read of one post besides its thread and arena: whether it is the
    viewer's, hidden, deleted. Posts of one page share their thread and arena, so posts in the same state
    get the same answers (``tests/arenas/deliberation/test_rules.py`` holds the two equal)."""
    mine = post.author_id is not None and post.author_id == getattr(user, "pk", None)
    return (
        mine and bool(getattr(user, "is_authenticated", False)),
        post.hidden_at is not None,
        post.deleted_at is not None,
    )


class PostPermissions:
    """The rules' answers for the posts of one page: each state is asked of the rules once, so a page of
    a hundred posts costs what six states do."""

    def __init__(self, user, thread: Thread):
        self.user, self.thread = user, thread
        self._answers: dict[tuple, frozenset] = {}

    def of(self, post: Post) -> frozenset:
        key = post_state(self.user, post)
        if key not in self._answers:
            post.thread = self.thread
            self._answers[key] = frozenset(p for p in POST_ACTIONS if can(self.user, p, post))
        return self._answers[key]
