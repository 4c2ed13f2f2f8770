"""How the deliberation API words a refusal. Every decision comes from ``arenas.rules`` — through the arenas
API's policy check before a request is parsed, or from a service (``PermissionDenied(<permission>)``) —
and this module only names the sentence the refused caller reads for each permission."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arenas import rules
from arenas.api.permissions import ArenaPolicy
from arenas.api.permissions import refusal as arena_refusal

REFUSALS = {
    "arenas.contribute": gettext_lazy(
        "Only the arena's participants, facilitators and conveners can start threads, post and endorse; "
        "observers and visitors can read."
    ),
    "arenas.moderate": gettext_lazy(
        "Only the arena's facilitators and conveners can hide posts and lock, pin, resolve or summarise "
        "threads."
    ),
    "arenas.flag": gettext_lazy("You may not flag posts in this arena."),
    "deliberation.thread_locked": gettext_lazy(
        "This thread is locked: it takes no new posts, and its posts can no longer be edited."
    ),
    "deliberation.change_thread": gettext_lazy(
        "Only the thread's author and the arena's facilitators and conveners can edit the thread."
    ),
    "deliberation.change_post": gettext_lazy(
        "Only its author can edit a post, and not once it has been deleted or hidden."
    ),
    "deliberation.delete_post": gettext_lazy("Only its author can delete a post."),
}
WRITES = {
    "arenas.contribute",
    "arenas.moderate",
    "arenas.flag",
    *(p for p in REFUSALS if p.startswith("deliberation.")),
}


def refusal(permission: str, user=None, arena=None) -> str:
    """The sentence for a refused ``permission``; with the arena, the reason that applies to this caller."""
    if arena is not None and permission in WRITES:
        if not rules.arena_is_writable.test(user, arena):
            return _("This arena is %(status)s: it is read-only.") % {
                "status": arena.get_status_display().lower()
            }
        if rules.is_banned.test(user, arena):
            return _("You have been banned from this arena.")
    if permission in REFUSALS:
        return str(REFUSALS[permission])
    return arena_refusal(permission)


class DeliberationPolicy(ArenaPolicy):
    """``ArenaPolicy`` (the object is the arena of the thread or post) with deliberation's sentences."""

    def has_object_permission(self, request, view, obj):
        for permission in view.arena_permissions(request):
            if not rules.can(request.user, permission, obj):
                self.message = refusal(permission, request.user, obj)
                return False
        return True
