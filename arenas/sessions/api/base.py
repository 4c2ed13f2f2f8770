"""What every sessions API view under ``sessions/{id}/`` shares: a session in an arena the caller may not see
is the same 404 as a missing one; the permission a request needs (``required``, per HTTP method, a
permission of the policy on the session) is checked before the body is parsed — 401 for an anonymous
caller, 403 with the policy's sentence for everyone else. What the services refuse later (``Refused``)
reaches the caller the same way, through the API's exception handler."""

from rest_framework import generics
from rest_framework.permissions import IsAuthenticatedOrReadOnly

from arenas.policy import can, refusal

from ..models import Session
from ..selectors import session_by_id_for_viewer


class SessionScopedView(generics.GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    required: dict[str, str] = {}

    def get_session(self) -> Session:
        if getattr(self, "_session", None) is None:
            session = session_by_id_for_viewer(session_id=self.kwargs["session_id"], viewer=self.request.user)
            permission = self.required.get(self.request.method)
            if permission and not can(self.request.user, permission, session):
                self.permission_denied(self.request, message=refusal(self.request.user, permission, session))
            self._session = session
        return self._session
