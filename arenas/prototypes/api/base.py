"""What every prototypes API view shares: the caller's standing comes from the one policy (through the
arenas API's ``ArenaScopedView``); a prototype in an arena the caller may not see is the same 404 as a
missing one; a refusal — by the policy before parsing, or by a service — is a 403 with the policy's
sentence."""

from arenas.api.views import ArenaScopedView
from arenas.policy import require

from ..models import Prototype
from ..selectors.prototype import prototype_by_id_for_viewer


class PrototypeScopedView(ArenaScopedView):
    """A view under ``arenas/{slug}/prototypes/`` or ``prototypes/{id}/``. ``required`` names, per HTTP
    method, the arena permission needed beyond seeing the arena; ``work_methods`` the methods that need
    ``prototypes.change_prototype`` (its team, or the arena's facilitators and conveners), checked before
    the body is parsed."""

    work_methods: frozenset[str] = frozenset()

    def get_prototype(self) -> Prototype:
        if getattr(self, "_prototype", None) is None:
            prototype = prototype_by_id_for_viewer(
                prototype_id=self.kwargs["prototype_id"], viewer=self.request.user
            )
            self.authorise(prototype.arena)
            if self.request.method in self.work_methods:
                require(self.request.user, "prototypes.change_prototype", prototype)
            self._prototype = prototype
        return self._prototype
