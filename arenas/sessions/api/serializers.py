"""Sessions in the API: the list item, the detail, and what facilitators send to announce, change, cancel
and close one. Input and output are separate serializers: what a caller sends is not the shape they get
back. Times are ISO 8601 both ways, whatever the caller's language; one without an offset is read in the
site's time zone."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from arenas.api.schema import NamedChoiceField
from arenas.models import StakeholderType
from arenas.prototypes.models import Iteration
from platform_core.api.validation import refuse_unknown_fields

from ..models import Registration, Session

MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id is refused here, not by the database
MAX_SEATS = 100_000
# Far enough for any real session, near enough that reminders and calendars never meet a date's edge.
YEARS_AWAY = timedelta(days=3653)


def kind_field(**kwargs):
    return NamedChoiceField(choices=Session.Kind.choices, enum_name="SessionKindEnum", **kwargs)


def status_field(**kwargs):
    return NamedChoiceField(choices=Session.Status.choices, enum_name="SessionStatusEnum", **kwargs)


def registration_status_field(**kwargs):
    return NamedChoiceField(
        choices=[
            (v, label) for v, label in Registration.Status.choices if v != Registration.Status.CANCELLED
        ],
        enum_name="RegistrationStatusEnum",
        **kwargs,
    )


# --- output ------------------------------------------------------------------------------------------------


class MyRegistrationSerializer(serializers.Serializer):
    # The caller's own registration. Expects ``position`` set on it (``selectors.waiting_positions``).

    status = registration_status_field(read_only=True)
    position = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Place on the waiting list; null with a seat."),
    )
    access_needs = serializers.CharField(read_only=True)
    created = serializers.DateTimeField(read_only=True)


class SessionListItemSerializer(serializers.ModelSerializer):
    # Expects sessions from ``selectors.sessions_of`` (or ``session_page``): ``seated``, ``waiting`` and
    # ``mine`` set, and the caller's positions in the context (``positions``).

    kind = kind_field(read_only=True)
    status = status_field(read_only=True)
    seats_taken = serializers.IntegerField(source="seated", read_only=True)
    waiting = serializers.IntegerField(read_only=True, help_text=gettext_lazy("People on the waiting list."))
    registration_open = serializers.SerializerMethodField()
    my_registration = serializers.SerializerMethodField(
        help_text=gettext_lazy("The caller's registration (seat or waiting list), or null.")
    )
    url = serializers.SerializerMethodField(help_text=gettext_lazy("The session's page on the website."))

    class Meta:
        model = Session
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "place",
            "capacity",
            "registration_closes_at",
            "seats_taken",
            "waiting",
            "registration_open",
            "my_registration",
            "url",
        ]
        read_only_fields = fields

    def get_registration_open(self, session) -> bool:
        return session.registration_open()

    @extend_schema_field(MyRegistrationSerializer(allow_null=True))
    def get_my_registration(self, session):
        mine = session.__dict__.get("mine")
        if mine is None or mine.status == Registration.Status.CANCELLED:
            return None
        mine.position = self.context.get("positions", {}).get(mine.pk)
        return MyRegistrationSerializer(mine).data

    def get_url(self, session) -> str:
        path = reverse("sessions:detail", args=[session.arena.slug, session.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class StakeholderCountSerializer(serializers.Serializer):
    stakeholder_type = serializers.CharField(read_only=True)
    count = serializers.IntegerField(read_only=True)


class OutcomeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["thread", "prototype"], read_only=True)
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)


class SessionDetailSerializer(SessionListItemSerializer):
    # Expects a session from ``views.session_detail_for``: also ``may_see_link``, ``minutes_text``,
    # ``attended``, ``mix`` and ``outcomes_loaded``.

    arena = serializers.SerializerMethodField()
    description_html = serializers.CharField(read_only=True, help_text=gettext_lazy("Sanitised HTML."))
    online_url = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "The link to join: for the people who registered and the facilitators; null for everyone else "
            "(empty when the session has none)."
        )
    )
    iteration = serializers.SerializerMethodField(help_text=gettext_lazy("The test round's id, or null."))
    minutes = serializers.CharField(
        source="minutes_text", read_only=True, help_text=gettext_lazy("Markdown; empty until written.")
    )
    attended = serializers.IntegerField(read_only=True, help_text=gettext_lazy("How many came."))
    mix = StakeholderCountSerializer(
        many=True, read_only=True, help_text=gettext_lazy("Who came, by stakeholder type.")
    )
    outcomes = OutcomeSerializer(
        source="outcomes_loaded",
        many=True,
        read_only=True,
        help_text=gettext_lazy("The threads and prototypes started from the session."),
    )

    class Meta(SessionListItemSerializer.Meta):
        fields = [
            "id",
            "arena",
            *SessionListItemSerializer.Meta.fields[1:7],
            "description",
            "description_html",
            "accessibility",
            "online_url",
            "iteration",
            *SessionListItemSerializer.Meta.fields[7:-1],
            "minutes",
            "attended",
            "mix",
            "outcomes",
            "created",
            "updated",
            "url",
        ]
        read_only_fields = fields

    def get_arena(self, session) -> str:
        return session.arena.slug

    def get_online_url(self, session) -> str | None:
        return session.online_url if session.may_see_link else None

    def get_iteration(self, session) -> int | None:
        return session.iteration_id


class RegistrationListItemSerializer(serializers.ModelSerializer):
    # Expects registrations from ``selectors.registrations_of`` (``position`` annotated).

    handle = serializers.CharField(source="user.handle", read_only=True)
    display_name = serializers.CharField(source="user.name", read_only=True)
    status = registration_status_field(read_only=True)
    position = serializers.SerializerMethodField(
        help_text=gettext_lazy("Place on the waiting list; null with a seat.")
    )

    class Meta:
        model = Registration
        fields = ["id", "handle", "display_name", "status", "position", "access_needs", "created"]
        read_only_fields = fields

    def get_position(self, registration) -> int | None:
        return registration.position if registration.status == Registration.Status.WAITING else None


class AttendeeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="user_id", read_only=True, help_text=gettext_lazy("The user's id."))
    handle = serializers.CharField(source="user.handle", read_only=True)
    display_name = serializers.CharField(source="user.name", read_only=True)
    stakeholder_type = serializers.CharField(read_only=True)


class WalkInSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    stakeholder_type = serializers.CharField(read_only=True)


class AttendanceSerializer(serializers.Serializer):
    # Expects ``{"attendance": [...], "mix": [...]}`` from ``selectors.session_page``.

    count = serializers.IntegerField(read_only=True)
    members = AttendeeSerializer(many=True, read_only=True)
    walk_ins = WalkInSerializer(many=True, read_only=True)
    mix = StakeholderCountSerializer(many=True, read_only=True)

    def to_representation(self, instance):
        attendance = instance["attendance"]
        return super().to_representation(
            {
                "count": len(attendance),
                "members": [a for a in attendance if a.user_id is not None],
                "walk_ins": [a for a in attendance if a.user_id is None],
                "mix": instance["mix"],
            }
        )


# --- input -------------------------------------------------------------------------------------------------


class WhenSerializer(serializers.Serializer):
    when = serializers.ChoiceField(
        choices=[
            ("upcoming", gettext_lazy("Upcoming and running, soonest first")),
            ("past", gettext_lazy("Past, latest first")),
        ],
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Left out: upcoming ones first, then past ones."),
    )


def _near(value):
    now = timezone.now()
    if not now - YEARS_AWAY <= value <= now + YEARS_AWAY:
        raise serializers.ValidationError(_("Give a time within ten years from now."))
    return value


class SessionWriteSerializer(serializers.Serializer):
    """A session to announce. ``place`` or ``online_url`` (or both); an online meeting needs its link."""

    title = serializers.CharField(max_length=200)
    kind = kind_field(default=Session.Kind.WORKSHOP)
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=20_000, help_text=gettext_lazy("Markdown.")
    )
    starts_at = serializers.DateTimeField(help_text=gettext_lazy("ISO 8601, with its offset."))
    ends_at = serializers.DateTimeField(help_text=gettext_lazy("ISO 8601, after `starts_at`."))
    capacity = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_SEATS,
        help_text=gettext_lazy("Seats; null or left out: as many as come."),
    )
    place = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text=gettext_lazy("Address and room.")
    )
    online_url = serializers.URLField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=gettext_lazy("Shown only to the people who registered (and the facilitators)."),
    )
    accessibility = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    registration_closes_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text=gettext_lazy("Null or left out: when the session starts.")
    )
    iteration = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text=gettext_lazy("The id of a test round of a prototype of this arena."),
    )

    def validate_title(self, value):
        value = value.strip()
        if not value:
            raise serializers.ValidationError(_("Give the session a title."))
        return value

    validate_starts_at = staticmethod(_near)
    validate_ends_at = staticmethod(_near)

    def validate_registration_closes_at(self, value):
        return value if value is None else _near(value)

    def validate_iteration(self, value):
        if value is None:
            return None
        iteration = (
            Iteration.objects.filter(pk=value, prototype__arena=self.context["arena"])
            .select_related("prototype")
            .first()
        )
        if iteration is None:
            raise serializers.ValidationError(_("This arena has no test round with this id."))
        return iteration

    def validate(self, attrs):
        starts, ends = attrs.get("starts_at"), attrs.get("ends_at")
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": _("The session must end after it starts.")})
        if self.partial is False and not (attrs.get("place", "").strip() or attrs.get("online_url")):
            raise serializers.ValidationError(
                {"place": _("Say where the session is: a place, an online link, or both.")}
            )
        return attrs


ACTIONS = [
    ("cancelled", gettext_lazy("Cancel the session: everyone registered or waiting is told")),
    ("held", gettext_lazy("The session took place (once it has started)")),
]


class SessionUpdateSerializer(SessionWriteSerializer):
    """PATCH: any of the fields above; ``status`` cancels the session or marks it held (after the other
    fields are saved) and ``minutes`` saves a new version of its minutes (earlier versions are kept)."""

    status = NamedChoiceField(
        choices=ACTIONS, enum_name="SessionActionEnum", required=False, help_text=gettext_lazy("What to do.")
    )
    minutes = serializers.CharField(
        required=False, max_length=50_000, help_text=gettext_lazy("Markdown: the minutes, as they are now.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)

    def validate(self, attrs):
        refuse_unknown_fields(self)
        return super().validate(attrs)


class RegistrationCreateSerializer(serializers.Serializer):
    access_needs = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text=gettext_lazy("Step-free access, an interpreter, …: only the facilitators see it."),
    )


class WalkInCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, help_text=gettext_lazy("The person's name."))
    stakeholder_type = serializers.ChoiceField(choices=StakeholderType.choices)

    def validate_name(self, value):
        value = value.strip()
        if not value:
            raise serializers.ValidationError(_("Write the person's name."))
        return value


class AttendanceSetSerializer(serializers.Serializer):
    """PUT: the members who came, exactly (walk-ins stay; add them with POST)."""

    members = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        max_length=5000,
        help_text=gettext_lazy("The user ids of the arena's members who came."),
    )

    def validate(self, attrs):
        initial = self.initial_data if isinstance(self.initial_data, dict) else {}
        unknown = sorted(set(initial) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {
                    name: [_("Only `members` is set here; add walk-ins one at a time with POST.")]
                    for name in unknown
                }
            )
        attrs["members"] = sorted(set(attrs["members"]))
        return attrs
