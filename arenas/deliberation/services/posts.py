from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.page_cache import arena_pages_changed
from arenas.rules import can, require
from arenas.services.telling import arena_notify
from platform_core.audit.services import audit_record
from platform_core.ratelimits import rate_limit
from platform_core.text import within_limit

from ..audiences import followers_of
from ..models import Endorsement, Flag, Post, PostRevision, Thread, ThreadFollow
from ..quoting import post_notice_data, post_quotes_forget, quotes_open_to_all, without_quote
from ..search import post_index
from .mentioning import notify_mentions, render_with_mentions

MAX_BODY = 20_000


def _clean_body(body: str) -> str:
    if not body or not body.strip():
        raise ValidationError({"body": _("Write something first.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("Keep it under %(max)s characters.") % {"max": MAX_BODY}})
    return body


def _clean_stance(stance: str) -> str:
    if stance and stance not in Post.Stance.values:
        raise ValidationError({"stance": _("Choose a stance from the list, or none.")})
    return stance or ""


@transaction.atomic
def post_create(*, thread: Thread, author, body: str, stance: str = "", parent: Post | None = None) -> Post:
    """Add a post (or a reply: replies nest two levels deep; a reply to a second-level reply joins its
    parent's level). Tells the replied-to author, the people mentioned and the thread's followers —
    each person once."""
    require(author, "deliberation.post_in_thread", thread)
    body, stance = _clean_body(body), _clean_stance(stance)
    if parent is not None:
        if parent.thread_id != thread.pk:
            raise ValidationError({"parent": _("You can only reply to a post in the same thread.")})
        parent.thread = thread
        require(author, "deliberation.reply_to_post", parent)
    locked = Thread.objects.select_for_update().get(pk=thread.pk)  # numbers posts one at a time
    if locked.locked:  # locked meanwhile
        thread.locked = True
        require(author, "deliberation.post_in_thread", thread)
    rate_limit("posts", author.pk)  # only posts that would be written count
    if parent is not None and parent.depth >= Post.MAX_DEPTH:
        parent = parent.parent
    html, mentioned = render_with_mentions(body)
    number = locked.last_number + 1
    top_level = parent is None
    post = Post.objects.create(
        thread=thread,
        author=author,
        parent=parent,
        root=None if top_level else (parent.root or parent),
        depth=0 if top_level else parent.depth + 1,
        number=number,
        top_number=locked.top_level_count + 1 if top_level else None,
        body=body,
        body_html=html,
        stance=stance,
    )
    Thread.objects.filter(pk=thread.pk).update(
        last_number=number,
        post_count=F("post_count") + 1,
        last_activity_at=post.created,
        top_level_count=F("top_level_count") + (1 if top_level else 0),
    )
    thread.last_number, thread.post_count = number, locked.post_count + 1
    ThreadFollow.objects.get_or_create(thread=thread, user=author)
    post_index(post, arena_id=thread.arena_id)
    arena_pages_changed(thread.arena)
    _notify_about_post(post, thread=thread, author=author, mentioned=mentioned)
    return post


def _notify_about_post(post: Post, *, thread: Thread, author, mentioned) -> None:
    arena = thread.arena
    url = f"{thread.get_absolute_url()}?post={post.number}#post-{post.number}"
    data = post_notice_data(post, thread=thread)
    told = {author.pk}
    if post.parent_id and post.parent.author_id and post.parent.author_id not in told:
        parent_author = post.parent.author
        if can(parent_author, "arenas.view_arena", arena):
            arena_notify(
                arena=arena,
                recipients=[parent_author],
                event="deliberation.reply",
                actor=author,
                target_title=thread.title,
                url=url,
                data=data,
            )
            told.add(parent_author.pk)
    told |= notify_mentions(
        mentioned, arena=arena, actor=author, title=thread.title, url=url, exclude=told, data=data
    )
    if "excerpt" in data and not quotes_open_to_all(arena):
        audiences = [
            (followers_of(thread, members=True, excluding=told), data),
            (followers_of(thread, members=False, excluding=told), without_quote(data)),
        ]
    else:
        audiences = [(followers_of(thread, excluding=told), data)]
    for followers, payload in audiences:
        arena_notify(
            arena=arena,
            recipients=followers,
            event="deliberation.followed_post",
            actor=author,
            target_title=thread.title,
            url=url,
            data=payload,
        )


@transaction.atomic
def post_edit(*, post: Post, actor, body: str, stance: str | None = None) -> Post:
    """The author edits; the earlier text is kept as a revision."""
    require(actor, "deliberation.change_post", post)
    body = _clean_body(body)
    PostRevision.objects.create(post=post, body=post.body, edited_by=actor)
    post.body = body
    post.body_html, _mentioned = render_with_mentions(body)
    if stance is not None:
        post.stance = _clean_stance(stance)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "stance", "edited_at"])
    post_quotes_forget(post, edited=True)
    post_index(post, arena_id=post.thread.arena_id)
    arena_pages_changed(post.thread.arena)
    return post


@transaction.atomic
def post_delete(*, post: Post, actor) -> Post:
    """Authors delete their own posts: the text goes, the place in the thread (and its replies) stays."""
    require(actor, "deliberation.delete_post", post)
    post.body = ""
    post.body_html = ""
    post.deleted_at = timezone.now()
    post.save(update_fields=["body", "body_html", "deleted_at"])
    post.revisions.all().delete()
    post_quotes_forget(post)
    post_index(post, arena_id=post.thread.arena_id)
    arena_pages_changed(post.thread.arena)
    return post


@transaction.atomic
def post_hide(*, post: Post, actor, reason: str, close_flags: bool = True, name_actor: bool = True) -> Post:
    """Hide the post with a reason its author is told. ``close_flags=False`` and ``name_actor=False`` are
    for ``moderation_decide``: it closes the flags itself, and tells a banned author roles, not names."""
    arena = post.thread.arena
    require(actor, "deliberation.moderate_post", post)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why: the author is told.")})
    reason = within_limit(reason, 500, field="reason")
    post.hidden_at = timezone.now()
    post.hidden_by = actor
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    post_quotes_forget(post)
    post_index(post, arena_id=arena.pk)
    arena_pages_changed(arena)
    if close_flags:
        Flag.objects.filter(post=post, status=Flag.Status.OPEN).update(
            status=Flag.Status.ACTIONED, resolved_by=actor, resolved_at=timezone.now()
        )
    audit_record(
        actor=actor,
        action="post.hidden",
        target=post,
        group_key=arena.group_key,
        details={"reason": post.hidden_reason, "thread": post.thread_id},
    )
    if post.author_id and post.author_id != actor.pk:
        arena_notify(
            arena=arena,
            recipients=[post.author_id],
            event="deliberation.post_hidden",
            actor=actor if name_actor else None,
            target_title=f"{post.thread.title}: {post.hidden_reason}",
            url=f"{post.thread.get_absolute_url()}?post={post.number}#post-{post.number}",
            data={"reason": post.hidden_reason},
        )
    return post


@transaction.atomic
def post_unhide(*, post: Post, actor) -> Post:
    arena = post.thread.arena
    require(actor, "deliberation.moderate_post", post)
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    post_index(post, arena_id=arena.pk)
    arena_pages_changed(arena)
    audit_record(actor=actor, action="post.unhidden", target=post, group_key=arena.group_key)
    return post


@transaction.atomic
def endorsement_toggle(*, post: Post, user) -> bool:
    """Endorse, or take the endorsement back. Returns whether the person now endorses the post."""
    require(user, "deliberation.endorse_post", post)
    rate_limit("endorsements", user.pk)
    deleted, _rows = Endorsement.objects.filter(post=post, user=user).delete()
    arena_pages_changed(post.thread.arena)  # the count shows
    if deleted:
        Post.objects.filter(pk=post.pk).update(endorsement_count=F("endorsement_count") - 1)
        post.endorsement_count -= 1
        return False
    Endorsement.objects.create(post=post, user=user)
    Post.objects.filter(pk=post.pk).update(endorsement_count=F("endorsement_count") + 1)
    post.endorsement_count += 1
    return True
