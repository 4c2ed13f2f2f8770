"""How the API asks the policy before a request is parsed. Every decision and every sentence comes from
the one policy (``arenas.policy``): DRF answers 401 for an anonymous caller, 403 with the policy's reason
for everyone else. A hidden arena never gets this far: ``arena_get_for_viewer`` is a 404. What the
services refuse later (``Refused``) reaches the caller the same way, through the API's exception handler."""

from rest_framework.permissions import BasePermission

from ..policy import can, refusal


class ArenaPolicy(BasePermission):
    """The object is the arena (of the URL, or of the thread, post or prototype); the view lists the
    arena permissions the request needs in ``arena_permissions(request)``."""

    def has_object_permission(self, request, view, obj):
        for permission in view.arena_permissions(request):
            if not can(request.user, permission, obj):
                self.message = refusal(request.user, permission, obj)
                return False
        return True
