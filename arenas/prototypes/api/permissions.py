"""How the prototypes API words a refusal. Every decision comes from ``arenas.rules`` and the prototype
services (``can_work_on``, ``can_move``) — through the arenas API's policy check before a request is
parsed, or from a service's ``PermissionDenied(<permission>)`` — and this module only names the sentence
the refused caller reads for each permission."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arenas import rules
from arenas.api.permissions import ArenaPolicy
from arenas.api.permissions import refusal as arena_refusal

REFUSALS = {
    "arenas.contribute": gettext_lazy(
        "Only the arena's participants, facilitators and conveners can create prototypes and give "
        "feedback; observers and visitors can read."
    ),
    "arenas.decide_prototype": gettext_lazy("Only conveners decide adopted, scaled and abandoned."),
    "prototypes.move": gettext_lazy(
        "Only the prototype's team and the arena's facilitators and conveners move it between stages."
    ),
    "prototypes.change_prototype": gettext_lazy(
        "Only the prototype's team and the arena's facilitators and conveners can change it, plan and "
        "run its rounds and record its indicators."
    ),
}
WRITES = set(REFUSALS)


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


class PrototypePolicy(ArenaPolicy):
    """``ArenaPolicy`` (the object is the prototype's arena) with the prototypes' sentences."""

    def has_object_permission(self, request, view, obj):
        for permission in view.arena_permissions(request):
            if not rules.can(request.user, permission, obj):
                self.message = refusal(permission, request.user, obj)
                return False
        return True
