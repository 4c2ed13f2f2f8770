from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.rules import can, require
from platform_core.audit.services import audit_record
from platform_core.exceptions import RateLimited
from platform_core.notifications.services import notify

from ..models import Endorsement, Flag, Post, PostRevision, Thread, ThreadFollow
from .mentioning import notify_mentions, render_with_mentions

POSTS_PER_MINUTE = 30
MAX_BODY = 20_000


def _check_post_rate(user) -> None:
    key = f"posting-rate:{user.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    if cache.incr(key) > POSTS_PER_MINUTE:
        raise RateLimited(
            _("You are posting very fast: at most %(count)s posts a minute. Wait a moment and try again.")
            % {"count": POSTS_PER_MINUTE},
            retry_after=60,
        )


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
    arena = thread.arena
    require(author, "arenas.contribute", arena)
    body, stance = _clean_body(body), _clean_stance(stance)
    if parent is not None and parent.thread_id != thread.pk:
        raise ValidationError({"parent": _("You can only reply to a post in the same thread.")})
    locked = Thread.objects.select_for_update().get(pk=thread.pk)  # numbers posts one at a time
    if locked.locked:
        raise PermissionDenied("deliberation.thread_locked")
    _check_post_rate(author)  # only posts that would be written count
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
    _notify_about_post(post, thread=thread, author=author, mentioned=mentioned)
    return post


def _notify_about_post(post: Post, *, thread: Thread, author, mentioned) -> None:
    arena = thread.arena
    url = f"{thread.get_absolute_url()}?post={post.number}#post-{post.number}"
    told = {author.pk}
    if post.parent_id and post.parent.author_id and post.parent.author_id not in told:
        parent_author = post.parent.author
        if can(parent_author, "arenas.view_arena", arena):
            notify(
                recipients=[parent_author],
                event="deliberation.reply",
                actor=author,
                target_title=thread.title,
                url=url,
                group_key=arena.group_key,
                group_label=arena.title,
            )
            told.add(parent_author.pk)
    told |= notify_mentions(mentioned, arena=arena, actor=author, title=thread.title, url=url, exclude=told)
    followers = (
        ThreadFollow.objects.filter(thread=thread, state=ThreadFollow.State.FOLLOWING)
        .exclude(user_id__in=told)
        .values_list("user_id", flat=True)
    )
    followers = list(followers)
    if followers:
        notify(
            recipients=followers,
            event="deliberation.followed_post",
            actor=author,
            target_title=thread.title,
            url=url,
            group_key=arena.group_key,
            group_label=arena.title,
        )


@transaction.atomic
def post_edit(*, post: Post, actor, body: str, stance: str | None = None) -> Post:
    """The author edits; the earlier text is kept as a revision."""
    thread = post.thread
    if post.author_id != actor.pk or post.is_deleted or post.is_hidden:
        raise PermissionDenied("deliberation.change_post")
    require(actor, "arenas.contribute", thread.arena)
    if thread.locked:
        raise PermissionDenied("deliberation.thread_locked")
    body = _clean_body(body)
    PostRevision.objects.create(post=post, body=post.body, edited_by=actor)
    post.body = body
    post.body_html, _mentioned = render_with_mentions(body)
    if stance is not None:
        post.stance = _clean_stance(stance)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "stance", "edited_at"])
    return post


@transaction.atomic
def post_delete(*, post: Post, actor) -> Post:
    """Authors delete their own posts: the text goes, the place in the thread (and its replies) stays."""
    if post.author_id != actor.pk:
        raise PermissionDenied("deliberation.delete_post")
    require(actor, "arenas.view_arena", post.thread.arena)
    if not post.thread.arena.is_writable:  # closed and archived arenas are read-only for everyone
        raise PermissionDenied("arenas.arena_read_only")
    if post.deleted_at is None:
        post.body = ""
        post.body_html = ""
        post.deleted_at = timezone.now()
        post.save(update_fields=["body", "body_html", "deleted_at"])
        post.revisions.all().delete()
    return post


@transaction.atomic
def post_hide(*, post: Post, actor, reason: str) -> Post:
    arena = post.thread.arena
    require(actor, "arenas.moderate", arena)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why: the author is told.")})
    post.hidden_at = timezone.now()
    post.hidden_by = actor
    post.hidden_reason = reason.strip()[:500]
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
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
        notify(
            recipients=[post.author_id],
            event="deliberation.post_hidden",
            actor=actor,
            target_title=f"{post.thread.title}: {post.hidden_reason}",
            url=f"{post.thread.get_absolute_url()}?post={post.number}#post-{post.number}",
            group_key=arena.group_key,
            group_label=arena.title,
            data={"reason": post.hidden_reason},
        )
    return post


@transaction.atomic
def post_unhide(*, post: Post, actor) -> Post:
    arena = post.thread.arena
    require(actor, "arenas.moderate", arena)
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(actor=actor, action="post.unhidden", target=post, group_key=arena.group_key)
    return post


@transaction.atomic
def endorsement_toggle(*, post: Post, user) -> bool:
    """Endorse, or take the endorsement back. Returns whether the person now endorses the post."""
    require(user, "arenas.contribute", post.thread.arena)
    if post.is_deleted or post.is_hidden:
        raise ValidationError(_("This post cannot be endorsed."))
    deleted, _rows = Endorsement.objects.filter(post=post, user=user).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(endorsement_count=F("endorsement_count") - 1)
        post.endorsement_count -= 1
        return False
    Endorsement.objects.create(post=post, user=user)
    Post.objects.filter(pk=post.pk).update(endorsement_count=F("endorsement_count") + 1)
    post.endorsement_count += 1
    return True
