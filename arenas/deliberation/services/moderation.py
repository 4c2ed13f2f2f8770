from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.models import Membership, Role
from arenas.rules import require
from arenas.services.membership import membership_ban
from arenas.services.telling import arena_notify
from platform_core.audit.services import audit_record
from platform_core.ratelimits import rate_limit
from platform_core.text import within_limit

from ..models import Flag, Post
from ..quoting import post_notice_data


@transaction.atomic
def flag_create(*, post: Post, reporter, reason: str, note: str = "") -> Flag:
    arena = post.thread.arena
    require(reporter, "deliberation.flag_post", post)
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose why you flag this post.")})
    if reason == Flag.Reason.OTHER and not note.strip():
        raise ValidationError({"note": _("Tell the facilitators what is wrong.")})
    note = within_limit(note, 1000, field="note")
    rate_limit("flags", reporter.pk)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(post=post, reporter=reporter, reason=reason, note=note)
    except IntegrityError:
        raise ValidationError(
            _("You have already flagged this post; the facilitators will look at it.")
        ) from None
    facilitators = Membership.objects.filter(
        arena=arena, banned=False, role__in=[Role.FACILITATOR, Role.CONVENER]
    ).values_list("user_id", flat=True)
    arena_notify(
        arena=arena,
        recipients=list(facilitators),
        event="deliberation.post_flagged",
        actor=reporter,
        target_title=post.thread.title,
        url=f"{arena.get_absolute_url()}moderation/",
        data={"reason": reason, **post_notice_data(post, thread=post.thread)},
    )
    return flag


@transaction.atomic
def flags_dismiss(*, post: Post, actor) -> int:
    arena = post.thread.arena
    require(actor, "deliberation.moderate_post", post)
    count = Flag.objects.filter(post=post, status=Flag.Status.OPEN).update(
        status=Flag.Status.DISMISSED, resolved_by=actor, resolved_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="flags.dismissed",
        target=post,
        group_key=arena.group_key,
        details={"count": count},
    )
    return count


@transaction.atomic
def author_warn(
    *, post: Post, actor, message: str, close_flags: bool = True, name_actor: bool = True
) -> None:
    arena = post.thread.arena
    require(actor, "deliberation.moderate_post", post)
    if not message.strip():
        raise ValidationError({"message": _("Write the warning the author will read.")})
    message = within_limit(message, 1000, field="message")
    if post.author_id is None:
        raise ValidationError(_("This post has no author to warn."))
    arena_notify(
        arena=arena,
        recipients=[post.author_id],
        event="deliberation.warning",
        actor=actor if name_actor else None,
        target_title=f"{post.thread.title}: {message}",
        url=f"{post.thread.get_absolute_url()}?post={post.number}#post-{post.number}",
        data={"message": message},
    )
    if close_flags:
        Flag.objects.filter(post=post, status=Flag.Status.OPEN).update(
            status=Flag.Status.ACTIONED, resolved_by=actor, resolved_at=timezone.now()
        )
    audit_record(
        actor=actor,
        action="author.warned",
        target=post,
        group_key=arena.group_key,
        details={"message": message},
    )


@transaction.atomic
def author_ban(*, post: Post, actor, reason: str) -> Membership:
    """Ban the post's author from the arena (from the moderation queue)."""
    arena = post.thread.arena
    membership = Membership.objects.filter(arena=arena, user_id=post.author_id).first()
    if membership is None:
        raise ValidationError(_("The author is not a member of this arena."))
    membership = membership_ban(arena=arena, membership=membership, actor=actor, reason=reason)
    Flag.objects.filter(
        post__author_id=post.author_id, post__thread__arena=arena, status=Flag.Status.OPEN
    ).update(status=Flag.Status.ACTIONED, resolved_by=actor, resolved_at=timezone.now())
    return membership
