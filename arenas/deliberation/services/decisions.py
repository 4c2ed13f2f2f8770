"""One moderation decision per flagged post: hide and/or warn and/or ban, with one reason, or dismiss the
flags. All of it or nothing: the checks of each part run inside one transaction, the ban's first, so a
refused ban leaves the post as it was."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.models import Membership
from arenas.rules import require
from arenas.services.membership import membership_ban
from platform_core.audit.services import audit_record
from platform_core.text import within_limit

from ..models import Flag, Post
from .moderation import author_warn
from .posts import post_hide

REASON_LIMIT = 500


@dataclass(frozen=True)
class Decision:
    hidden: bool
    warned: bool
    banned: bool
    flags_closed: int

    @property
    def dismissed(self) -> bool:
        return not (self.hidden or self.warned or self.banned)


@transaction.atomic
def moderation_decide(
    *, post: Post, actor, hide: bool = False, warn: bool = False, ban: bool = False, reason: str = ""
) -> Decision:
    """Decide about a flagged post. ``reason`` is the hide reason, the warning and the ban reason at once,
    and is required unless the flags are only dismissed. The flags close once: as acted on (with a ban,
    every open flag on the author's posts in the arena) or as dismissed. The banned author is told the
    role of who decided, not the name; the notices go out after the commit."""
    arena = post.thread.arena
    require(actor, "deliberation.moderate_post", post)
    acting = hide or warn or ban
    reason = reason.strip()
    if acting and not reason:
        raise ValidationError({"reason": _("Say why: the author is told, and it is kept with the decision.")})
    reason = within_limit(reason, REASON_LIMIT, field="reason")
    if (warn or ban) and post.author_id is None:
        raise ValidationError(_("This post has no author to warn or ban."))
    if ban:
        # First: who may ban whom (outranking, oneself, the last convener) refuses before anything is written.
        membership = Membership.objects.filter(arena=arena, user_id=post.author_id).first()
        if membership is None:
            raise ValidationError(_("The author is not a member of this arena."))
        if membership.banned:
            raise ValidationError(_("The author is already banned from this arena."))
        membership_ban(arena=arena, membership=membership, actor=actor, reason=reason)
    hidden = hide and not post.is_hidden
    if hidden:
        post_hide(post=post, actor=actor, reason=reason, close_flags=False, name_actor=not ban)
    if warn:
        author_warn(post=post, actor=actor, message=reason, close_flags=False, name_actor=not ban)
    flags = Flag.objects.filter(status=Flag.Status.OPEN)
    if ban:
        flags = flags.filter(post__author_id=post.author_id, post__thread__arena=arena)
    else:
        flags = flags.filter(post=post)
    closed = flags.update(
        status=Flag.Status.ACTIONED if acting else Flag.Status.DISMISSED,
        resolved_by=actor,
        resolved_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="moderation.decided" if acting else "flags.dismissed",
        target=post,
        group_key=arena.group_key,
        details={"hide": hidden, "warn": warn, "ban": ban, "count": closed, "reason": reason},
    )
    return Decision(hidden=hidden, warned=warn, banned=ban, flags_closed=closed)
