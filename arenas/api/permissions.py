"""How the API asks the policy. Every decision comes from ``arenas.rules.can``; this module only names, per
permission, the sentence a refused caller reads, and lets DRF answer (401 for an anonymous caller, 403 with
that sentence for everyone else). A hidden arena never gets this far: ``arena_get_for_viewer`` is a 404."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from ..rules import can

REFUSALS = {
    "arenas.view_members": _("Only the arena's members can see who the other members are."),
    "arenas.invite_participants": _(
        "Only the arena's facilitators and conveners can invite people and answer join requests, "
        "and only while the arena is a draft or open."
    ),
    "arenas.manage_members": _(
        "Only the arena's conveners can invite facilitators and conveners or change roles, "
        "and only while the arena is a draft or open."
    ),
    "arenas.change_arena": _(
        "Only the arena's conveners and its organisation's admins can edit it, "
        "and only while it is a draft or open."
    ),
    "arenas.change_status": _(
        "Only the arena's conveners and its organisation's admins can change its status."
    ),
}


def refusal(permission: str) -> str:
    return str(REFUSALS.get(permission, _("You may not do this in this arena.")))


class ArenaPolicy(BasePermission):
    """The object is an arena; the view lists the policy permissions the request needs in
    ``arena_permissions(request)``."""

    def has_object_permission(self, request, view, obj):
        for permission in view.arena_permissions(request):
            if not can(request.user, permission, obj):
                self.message = refusal(permission)
                return False
        return True
