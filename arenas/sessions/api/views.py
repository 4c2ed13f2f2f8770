"""``/api/v1/arenas/{slug}/sessions/`` and ``/api/v1/sessions/{id}/``: listing, announcing, changing,
cancelling and closing sessions, and their minutes.

Views parse, call one selector or service, and serialize. A session in an arena the caller may not see is
the same 404 as a missing one; who may do what comes from ``arenas.sessions.rules``."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from arenas.api.views import ArenaScopedView
from arenas.policy import can

from ..models import Session
from ..selectors import outcomes_of, session_by_id_for_viewer, session_page, sessions_of, waiting_positions
from ..services.minutes import minutes_of
from ..services.sessions import session_create, session_edit
from .base import SessionScopedView
from .serializers import (
    SessionDetailSerializer,
    SessionListItemSerializer,
    SessionUpdateSerializer,
    SessionWriteSerializer,
    WhenSerializer,
)

ERROR = {"$ref": "#/components/schemas/Error"}


def session_detail_for(*, session_id: int, viewer) -> Session:
    """The session with everything its detail shows, read for ``viewer`` (404 if hidden)."""
    session = session_by_id_for_viewer(session_id=session_id, viewer=viewer)
    page = session_page(session=session, viewer=viewer, with_registrations=False)
    minutes = minutes_of(session)
    session.minutes_text = minutes.body if minutes else ""
    session.attended = len(page["attendance"])
    session.mix = page["mix"]
    session.outcomes_loaded = [_outcome(outcome) for outcome in outcomes_of(session=session)]
    session.may_see_link = can(viewer, "sessions.see_online_link", session)
    return session


def _outcome(outcome) -> dict:
    thing, kind = (outcome.thread, "thread") if outcome.thread_id else (outcome.prototype, "prototype")
    return {"kind": kind, "id": thing.pk, "title": thing.title, "url": thing.get_absolute_url()}


def _upcoming_first(sessions, now):
    upcoming = sorted((s for s in sessions if s.ends_at >= now), key=lambda s: (s.starts_at, s.pk))
    past = [s for s in sessions if s.ends_at < now]
    past.sort(key=lambda s: (s.starts_at, s.pk), reverse=True)
    return upcoming + past


class SessionListView(generics.ListAPIView, ArenaScopedView):
    """The arena's sessions: upcoming (and running) ones first, soonest first, then past ones, latest
    first (``when`` picks one of the two); announcing one (facilitators and conveners)."""

    serializer_class = SessionListItemSerializer
    required = {"POST": "sessions.add_session"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Session.objects.none()
        arena = self.get_arena()
        filters = WhenSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        when = filters.validated_data.get("when", "")
        sessions = sessions_of(
            arena=arena, viewer=self.request.user, upcoming={"upcoming": True, "past": False}.get(when)
        )
        return sessions if when else _upcoming_first(sessions, timezone.now())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "positions": getattr(self, "_positions", {})}

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._positions = waiting_positions(registrations=[s.__dict__.get("mine") for s in page or ()])
        return page

    @extend_schema(parameters=[WhenSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=SessionWriteSerializer,
        responses={201: SessionDetailSerializer},
        description=(
            "Announce a session (facilitators and conveners): a workshop, test session, public meeting or "
            "online meeting, with a place or an online link (or both). The arena's members are told."
        ),
    )
    def post(self, request, slug):
        arena = self.get_arena()
        serializer = SessionWriteSerializer(data=request.data, context={"arena": arena})
        serializer.is_valid(raise_exception=True)
        session = session_create(arena=arena, actor=request.user, **serializer.validated_data)
        session = session_detail_for(session_id=session.pk, viewer=request.user)
        return Response(
            SessionDetailSerializer(session, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("session-detail", args=[session.pk])},
        )


class SessionDetailView(SessionScopedView):
    """One session: when and where, seats taken and the waiting list, the caller's registration, the
    online link (for the registered and the facilitators), the minutes and what came of it."""

    serializer_class = SessionDetailSerializer
    required = {"PATCH": "sessions.change_session"}

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "positions": self._positions()}

    def _positions(self):
        session = getattr(self, "_detail", None)
        return waiting_positions(registrations=[session.__dict__.get("mine")] if session else [])

    @extend_schema(responses=SessionDetailSerializer)
    def get(self, request, session_id):
        self._detail = session_detail_for(session_id=session_id, viewer=request.user)
        return Response(self.get_serializer(self._detail).data)

    @extend_schema(
        request=SessionUpdateSerializer,
        responses={
            200: SessionDetailSerializer,
            400: OpenApiResponse(
                ERROR,
                description=(
                    "The input is not valid, or the session cannot do this now: a cancelled session "
                    "cannot be changed, a session not yet started cannot be marked held."
                ),
            ),
        },
        description=(
            "The arena's facilitators and conveners change a session. Moved in time, the people "
            "registered are told and reminded again for the new time; more seats move the waiting list "
            "up. `status` `cancelled` cancels it (everyone registered or waiting is told), `held` marks it "
            "held; `minutes` saves a new version of the minutes. All of it or nothing."
        ),
    )
    def patch(self, request, session_id):
        session = self.get_session()
        serializer = SessionUpdateSerializer(data=request.data, context={"arena": session.arena})
        serializer.is_valid(raise_exception=True)
        session = session_edit(session=session, actor=request.user, **serializer.validated_data)
        self._detail = session_detail_for(session_id=session.pk, viewer=request.user)
        return Response(self.get_serializer(self._detail).data)
