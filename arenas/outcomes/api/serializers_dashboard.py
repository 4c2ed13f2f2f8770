"""The dashboard's figures as JSON (``GET /api/v1/arenas/{slug}/dashboard/``): numbers as numbers, shares
as floats in 0..1, weeks as the ISO date of their Monday, stakeholder types, stages, outcomes and
ratings as their keys with a ``label`` in the caller's language. The detail sections (``voice``,
``feedback``, ``indicators`` and ``sessions.past``) are present only when ``details`` is true."""

from rest_framework import serializers

from ..dashboard.figures import Dashboard

DETAIL_SECTIONS = ("voice", "feedback", "indicators")


class DashboardWeekSerializer(serializers.Serializer):
    week = serializers.DateField(help_text="The Monday the week starts on.")
    count = serializers.IntegerField()


class DashboardWeeklySeriesSerializer(serializers.Serializer):
    weeks = DashboardWeekSerializer(
        many=True, help_text="The last twelve weeks, oldest first, this week last."
    )
    total = serializers.IntegerField()


class DashboardMembersSerializer(DashboardWeeklySeriesSerializer):
    total = serializers.IntegerField(help_text="Members now (banned ones left out).")


class DashboardPostsSerializer(DashboardWeeklySeriesSerializer):
    total = serializers.IntegerField(help_text="Posts of the twelve weeks (deleted ones left out).")


class DashboardCategorySerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class DashboardGroupSerializer(serializers.Serializer):
    stakeholder_type = serializers.CharField()
    label = serializers.CharField()
    declared = serializers.SerializerMethodField(
        help_text="On the stakeholder map (else a type with members)."
    )
    description = serializers.CharField()
    target = serializers.IntegerField(allow_null=True)
    invited = serializers.IntegerField()
    joined = serializers.IntegerField()
    active = serializers.IntegerField()
    missing = serializers.BooleanField()

    def get_declared(self, row) -> bool:
        return row.group is not None


class DashboardMeasuresSerializer(serializers.Serializer):
    posts = serializers.FloatField(allow_null=True)
    endorsements = serializers.FloatField(allow_null=True)
    feedback = serializers.FloatField(allow_null=True)


class DashboardCountsSerializer(serializers.Serializer):
    posts = serializers.IntegerField()
    endorsements = serializers.IntegerField()
    feedback = serializers.IntegerField()


class DashboardVoiceSerializer(serializers.Serializer):
    stakeholder_type = serializers.CharField()
    label = serializers.CharField()
    members = serializers.IntegerField()
    member_share = serializers.FloatField()
    counts = DashboardCountsSerializer()
    shares = DashboardMeasuresSerializer(
        help_text="Share of each measure (None when there is none of it yet)."
    )
    flags = serializers.DictField(
        child=serializers.ChoiceField(choices=["under", "over"]),
        help_text="Measure (posts, endorsements, feedback) → under (less than half its share of members) "
        "or over (more than twice); measures in balance are left out.",
    )


class DashboardSessionAttendanceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="session_id")
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    registered = serializers.IntegerField()
    attended = serializers.IntegerField()


class DashboardSessionsSerializer(serializers.Serializer):
    upcoming = serializers.IntegerField()
    held = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    past = DashboardSessionAttendanceSerializer(
        many=True, required=False, help_text="Details only: the last ten held sessions, latest first."
    )

    def to_representation(self, figures):
        data = super().to_representation(figures)
        if figures.past is None:
            data.pop("past")
        return data


class DashboardPrototypeScoreSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="prototype_id")
    title = serializers.CharField()
    average = serializers.FloatField(help_text="Average rating, 1 to 5.")
    responses = serializers.IntegerField()


class DashboardFeedbackSerializer(serializers.Serializer):
    prototypes = DashboardPrototypeScoreSerializer(many=True)
    ratings = DashboardCategorySerializer(many=True, help_text="How often each rating (1 to 5) was given.")
    responses = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True)


class DashboardIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="indicator_id")
    name = serializers.CharField()
    unit = serializers.CharField()
    prototype = serializers.IntegerField(source="prototype_id")
    prototype_title = serializers.CharField()
    direction = serializers.ChoiceField(choices=["higher", "lower"])
    baseline = serializers.FloatField()
    target = serializers.FloatField()
    latest = serializers.FloatField(allow_null=True)
    measured_on = serializers.DateField(allow_null=True)
    progress = serializers.FloatField(
        allow_null=True, help_text="From baseline toward target, 0..1 (None before the first measurement)."
    )
    met = serializers.BooleanField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    details = serializers.BooleanField(help_text="Whether the detail sections are included.")
    as_of = serializers.DateTimeField(help_text="When the figures were counted (they are kept for a minute).")
    members = DashboardMembersSerializer()
    mix = DashboardGroupSerializer(
        many=True, help_text="The stakeholder map's groups, then other types with members."
    )
    posts = DashboardPostsSerializer()
    sessions = DashboardSessionsSerializer(allow_null=True, help_text="None when the arena has no sessions.")
    funnel = DashboardCategorySerializer(
        many=True, help_text="Prototypes per stage (empty without prototypes)."
    )
    decisions = DashboardCategorySerializer(
        many=True, help_text="Decisions per outcome (empty without decisions)."
    )
    voice = DashboardVoiceSerializer(many=True, required=False, help_text="Details only.")
    feedback = DashboardFeedbackSerializer(required=False, help_text="Details only.")
    indicators = DashboardIndicatorSerializer(many=True, required=False, help_text="Details only.")

    def to_representation(self, dashboard: Dashboard):
        data = super().to_representation(dashboard)
        if not dashboard.details:
            for section in DETAIL_SECTIONS:
                data.pop(section)
        return data
