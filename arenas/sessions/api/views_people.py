"""``/api/v1/sessions/{id}/registrations/`` and ``…/attendance/``: registering (with a waiting list), the
caller's own registration, everyone registered with their access needs (facilitators), and who came.

Views parse, call one selector or service, and serialize."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from ..models import Registration
from ..selectors import registrations_of, session_page
from ..services.attendance import attendance_set, walk_in_add
from ..services.registrations import registration_cancel, registration_create, waiting_position
from .base import SessionScopedView
from .serializers import (
    AttendanceSerializer,
    AttendanceSetSerializer,
    MyRegistrationSerializer,
    RegistrationCreateSerializer,
    RegistrationListItemSerializer,
    WalkInCreateSerializer,
    WalkInSerializer,
)

ERROR = {"$ref": "#/components/schemas/Error"}


def _mine_data(registration: Registration) -> dict:
    registration.position = waiting_position(registration)
    return MyRegistrationSerializer(registration).data


class RegistrationListView(generics.ListAPIView, SessionScopedView):
    """Everyone registered, seats first and then the waiting list in its order, with their access needs:
    for the arena's facilitators and conveners only. ``POST`` registers the caller."""

    serializer_class = RegistrationListItemSerializer
    required = {"GET": "sessions.see_access_needs"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Registration.objects.none()
        return registrations_of(session=self.get_session())

    @extend_schema(
        responses={
            200: RegistrationListItemSerializer(many=True),
            403: OpenApiResponse(ERROR, description="Only the arena's facilitators and conveners see this."),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=RegistrationCreateSerializer,
        responses={
            201: MyRegistrationSerializer,
            403: OpenApiResponse(
                ERROR,
                description=(
                    "Not a member of the arena (join it first), or registration is closed; `message` says "
                    "which."
                ),
            ),
        },
        description=(
            "Register the caller: a seat while one is free, else the waiting list (`position` says where; "
            "the first waiting gets the next seat that frees, and is told). Registering again changes "
            "only the access needs."
        ),
    )
    def post(self, request, session_id):
        session = self.get_session()
        serializer = RegistrationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = registration_create(
            session=session, user=request.user, access_needs=serializer.validated_data["access_needs"]
        )
        return Response(
            _mine_data(registration),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("session-registration-mine", args=[session.pk])},
        )


class MyRegistrationView(SessionScopedView):
    """The caller's own registration: a seat, or a place on the waiting list."""

    permission_classes = [IsAuthenticated]
    serializer_class = MyRegistrationSerializer

    def _mine(self) -> Registration:
        mine = (
            Registration.objects.filter(session=self.get_session(), user=self.request.user)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if mine is None:
            raise NotFound()
        return mine

    @extend_schema(
        responses={
            200: MyRegistrationSerializer,
            404: OpenApiResponse(ERROR, description="Not registered for this session (or no such session)."),
        }
    )
    def get(self, request, session_id):
        return Response(_mine_data(self._mine()))

    @extend_schema(
        responses={
            204: None,
            400: OpenApiResponse(ERROR, description="The session is no longer ahead."),
            404: OpenApiResponse(ERROR, description="Not registered for this session (or no such session)."),
        },
        description="Give up the seat (or the place on the waiting list): the first waiting moves up.",
    )
    def delete(self, request, session_id):
        registration_cancel(session=self._mine().session, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AttendanceView(SessionScopedView):
    """Who came, and their stakeholder mix: for the arena's facilitators and conveners. ``PUT`` sets the
    members who came (exactly those: a member left out is no longer counted); walk-ins — a name and a
    stakeholder type — are added one at a time with ``POST`` and stay."""

    permission_classes = [IsAuthenticated]
    serializer_class = AttendanceSerializer
    required = {
        "GET": "sessions.take_attendance",
        "PUT": "sessions.take_attendance",
        "POST": "sessions.take_attendance",
    }

    def _data(self, session) -> dict:
        page = session_page(session=session, viewer=self.request.user, with_registrations=False)
        return AttendanceSerializer(page).data

    @extend_schema(responses=AttendanceSerializer)
    def get(self, request, session_id):
        return Response(self._data(self.get_session()))

    @extend_schema(
        request=AttendanceSetSerializer,
        responses={
            200: AttendanceSerializer,
            400: OpenApiResponse(
                ERROR, description="An id is not a member of the arena, or a field is unknown."
            ),
        },
        description="The members who came are exactly `members` (user ids of the arena's members).",
    )
    def put(self, request, session_id):
        session = self.get_session()
        serializer = AttendanceSetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attendance_set(session=session, actor=request.user, user_ids=serializer.validated_data["members"])
        return Response(self._data(session))

    @extend_schema(
        request=WalkInCreateSerializer,
        responses={201: WalkInSerializer},
        description="Add a walk-in: someone who came without registering, by name and stakeholder type.",
    )
    def post(self, request, session_id):
        session = self.get_session()
        serializer = WalkInCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        walk_in = walk_in_add(session=session, actor=request.user, **serializer.validated_data)
        return Response(WalkInSerializer(walk_in).data, status=status.HTTP_201_CREATED)
