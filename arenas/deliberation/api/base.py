"""What every deliberation API view shares: the caller's standing comes from ``arenas.rules`` (through the
arenas API's ``ArenaScopedView``), a thread or post the caller may not see is the same 404 as a missing one,
and a refusal — by the policy before parsing, or by a service — is a 403 with a sentence that says why."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticatedOrReadOnly

from arenas.api.views import ArenaScopedView

from ..models import Post, Thread
from ..selectors import post_get_for_viewer, thread_get_by_id_for_viewer
from .permissions import DeliberationPolicy, refusal


class DeliberationView(ArenaScopedView):
    """``required`` names, per HTTP method, the policy permission needed beyond seeing the arena; the
    rest (authors only, a locked thread) is the services' to refuse."""

    permission_classes = [IsAuthenticatedOrReadOnly, DeliberationPolicy]

    def get_thread(self, *, detail: bool = False) -> Thread:
        thread = thread_get_by_id_for_viewer(
            thread_id=self.kwargs["thread_id"], viewer=self.request.user, detail=detail
        )
        self._authorise(thread.arena)
        return thread

    def get_post(self) -> Post:
        post = post_get_for_viewer(post_id=self.kwargs["post_id"], viewer=self.request.user)
        self._authorise(post.thread.arena)
        return post

    def _authorise(self, arena) -> None:
        self._arena = arena
        self.check_object_permissions(self.request, arena)

    def handle_exception(self, exc):
        if isinstance(exc, DjangoPermissionDenied):
            permission = str(exc.args[0]) if exc.args else ""
            exc = exceptions.PermissionDenied(
                refusal(permission, self.request.user, getattr(self, "_arena", None))
            )
        return super().handle_exception(exc)
