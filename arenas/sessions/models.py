"""Sessions: the physical and online meetings of an arena (DESIGN.md "Sessions: physical and online").

Times are stored in UTC and shown in the viewer's time zone. A session may be tied to a prototype's test
round. Registration keeps a waiting list: ``Registration.created`` orders it, and the seat count is
taken under a lock on the session row (``services.registrations``)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenas.models import StakeholderType


class Session(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TEST_SESSION = "test_session", _("Test session")
        PUBLIC_MEETING = "public_meeting", _("Public meeting")
        ONLINE = "online", _("Online meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    arena = models.ForeignKey("arenas.Arena", on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=20_000)
    description_html = models.TextField(blank=True, editable=False)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True, help_text=_("Address and room."))
    accessibility = models.TextField(
        _("accessibility"), blank=True, max_length=2000, help_text=_("Step-free access, hearing loop, …")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to people who registered.")
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: as many as come.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when the session starts.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    iteration = models.ForeignKey(
        "prototypes.Iteration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("test round"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)
    # iCalendar's SEQUENCE: one more each time the time, place or status changes.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["arena", "starts_at"]), models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="session_capacity_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sessions:detail", args=[self.arena.slug, self.pk])

    @property
    def closes_at(self):
        return self.registration_closes_at or self.starts_at

    def registration_open(self, now=None) -> bool:
        return self.status == self.Status.PLANNED and (now or timezone.now()) < self.closes_at


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    access_needs = models.TextField(
        _("access needs"),
        blank=True,
        max_length=2000,
        help_text=_("Only the session's facilitators see this."),
    )
    created = models.DateTimeField(default=timezone.now)  # the waiting list's order
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="session_registered_once")]
        indexes = [models.Index(fields=["session", "status", "created"])]

    def __str__(self):
        return f"{self.user_id} {self.session_id} {self.status}"


class Attendance(models.Model):
    """Someone who came: a member (ticked off their registration or added), or a walk-in by name."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="session_attendance",
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    stakeholder_type = models.CharField(
        _("stakeholder type"),
        max_length=20,
        choices=StakeholderType.choices,
        default=StakeholderType.RESIDENT,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], condition=Q(user__isnull=False), name="session_attended_once"
            ),
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(name=""), name="attendance_someone"),
        ]

    def __str__(self):
        return self.name or str(self.user_id)


class MinutesRevision(models.Model):
    """The minutes as they were at each save (Markdown); the newest is the session's minutes."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="minutes_revisions")
    body = models.TextField(_("minutes"), max_length=50_000)
    body_html = models.TextField(editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        ordering = ["-created", "-pk"]
        get_latest_by = ["created", "pk"]

    def __str__(self):
        return f"{self.session_id} {self.created:%Y-%m-%d %H:%M}"


class SessionOutcome(models.Model):
    """What came of a session: a thread or a prototype started from its minutes (provenance)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="outcomes")
    thread = models.OneToOneField(
        "deliberation.Thread", on_delete=models.CASCADE, null=True, blank=True, related_name="from_session"
    )
    prototype = models.OneToOneField(
        "prototypes.Prototype",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="from_session",
    )
    item = models.CharField(_("minutes item"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, prototype__isnull=True)
                | Q(thread__isnull=True, prototype__isnull=False),
                name="session_outcome_one_thing",
            )
        ]

    def __str__(self):
        return self.item


class Reminder(models.Model):
    """A reminder told (idempotence): once per person, session, kind and the start it was about — a
    session moved in time gets fresh ones."""

    class Kind(models.TextChoices):
        DAY = "24h", _("a day before")
        HOUR = "1h", _("an hour before")
        CANCELLED = "cancelled", _("cancelled")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user", "kind", "starts_at"], name="session_reminded_once"
            )
        ]

    def __str__(self):
        return f"{self.session_id} {self.user_id} {self.kind}"


class CalendarFeed(models.Model):
    """A person's private calendar feed: its URL is signed with ``key``; a new key (reset) makes the old
    URL a 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user_id)
