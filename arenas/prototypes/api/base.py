"""What every prototypes API view shares: the caller's standing comes from ``arenas.rules`` (through the
arenas API's ``ArenaScopedView``) and the prototype services; a prototype in an arena the caller may not
see is the same 404 as a missing one; a refusal — by the policy before parsing, or by a service — is a 403
with a sentence that says why."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticatedOrReadOnly

from arenas.api.views import ArenaScopedView

from ..models import Prototype
from ..selectors import prime_team_cache, prototype_by_id_for_viewer
from ..services.prototypes import can_work_on
from .permissions import PrototypePolicy, refusal


class PrototypeScopedView(ArenaScopedView):
    """A view under ``arenas/{slug}/prototypes/`` or ``prototypes/{id}/``. ``required`` names, per HTTP
    method, the arena permission needed beyond seeing the arena; ``work_methods`` the methods that need
    the prototype's team (or the arena's facilitators and conveners), checked before the body is parsed."""

    permission_classes = [IsAuthenticatedOrReadOnly, PrototypePolicy]
    work_methods: frozenset[str] = frozenset()

    def get_prototype(self) -> Prototype:
        if getattr(self, "_prototype", None) is None:
            prototype = prototype_by_id_for_viewer(
                prototype_id=self.kwargs["prototype_id"], viewer=self.request.user
            )
            prime_team_cache(prototype)
            self._arena = prototype.arena
            self.check_object_permissions(self.request, prototype.arena)
            if self.request.method in self.work_methods and not can_work_on(self.request.user, prototype):
                raise DjangoPermissionDenied("prototypes.change_prototype")
            self._prototype = prototype
        return self._prototype

    def handle_exception(self, exc):
        if isinstance(exc, DjangoPermissionDenied):
            permission = str(exc.args[0]) if exc.args else ""
            exc = exceptions.PermissionDenied(
                refusal(permission, self.request.user, getattr(self, "_arena", None))
            )
        return super().handle_exception(exc)
