"""An arena's audit log as its conveners read it (``/arenas/<slug>/audit/``): who did what, when, to what,
in plain words. The entries are written by the services (``platform_core.audit``); this says them."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from platform_core.audit.models import AuditEntry
from platform_core.audit.words import action_said, action_words_register

PER_PAGE = 50

# What each action is, as a sentence's verb phrase ("Clara — changed a member's role — Ida").
WORDS = {
    "arena.created": _("opened the arena"),
    "arena.updated": _("edited the arena"),
    "arena.phase_changed": _("moved the arena to another phase"),
    "arena.phases_edited": _("edited the phases"),
    "arena.status_changed": _("changed the arena's status"),
    "author.warned": _("warned an author"),
    "flags.dismissed": _("dismissed the flags on a post"),
    "invitation.accepted": _("accepted an invitation"),
    "invitation.created": _("invited someone"),
    "invitation.declined": _("declined an invitation"),
    "invitation.refused": _("refused an invitation"),
    "invitation.resent": _("sent an invitation again"),
    "invitation.revoked": _("withdrew an invitation"),
    "join_link.created": _("made a join link"),
    "join_link.revoked": _("withdrew a join link"),
    "join_request.approved": _("let someone in who asked to join"),
    "membership.added": _("added a member"),
    "membership.banned": _("banned a member"),
    "membership.removed": _("removed a member"),
    "membership.role_changed": _("changed a member's role"),
    "membership.unbanned": _("lifted a ban"),
    "moderation.decided": _("decided on a flagged post"),
    "post.hidden": _("hid a post"),
    "post.unhidden": _("showed a hidden post again"),
    "prototype.decided": _("decided on a prototype"),
    "thread.moderated": _("moderated a thread"),
    "thread.summarised": _("summarised a thread"),
}

action_words_register(WORDS)


def audit_page(*, arena, page: int = 1):
    """A page of the arena's entries, newest first, with their actors (two queries and a count)."""
    entries = (
        AuditEntry.objects.filter(group_key=arena.group_key)
        .select_related("actor")
        .order_by("-created", "-id")
    )
    return Paginator(entries, PER_PAGE).get_page(page)


def said(entry) -> dict:
    """The entry in words: who (their name now, "the platform" for none), what, on what."""
    who = entry.actor.name if entry.actor else (entry.actor_label or _("The platform"))
    return {
        "entry": entry,
        "who": who,
        "what": action_said(entry.action),
        "on": entry.target_label,
    }
