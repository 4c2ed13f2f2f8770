from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import EmailMode


class Notification(models.Model):
    """One thing that happened, for one person. Carries everything needed to show it, so this app
    never has to look into the domain that produced it."""

    EMAIL_MODES = [
        (EmailMode.IMMEDIATELY, _("Emailed immediately")),
        (EmailMode.DIGEST, _("In the digest")),
        (EmailMode.OFF, _("Not emailed")),
    ]

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(_("event"), max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor name"), max_length=120, blank=True)
    verb = models.CharField(_("verb"), max_length=200)
    target_title = models.CharField(_("target"), max_length=300, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    group_key = models.CharField(_("group"), max_length=100, blank=True)
    group_label = models.CharField(_("group label"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    email_mode = models.CharField(_("email"), max_length=12, choices=EMAIL_MODES)
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    digest_run = models.ForeignKey(
        "DigestRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("digest"),
    )
    # The fan-out (``NotificationEvent``) this came from, for a large audience told after the commit: one
    # notification per fan-out and person, however often the expansion runs.
    fanout_id = models.BigIntegerField(_("fan-out"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created", "-id"], name="notif_recipient_created"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_recipient_unread"
            ),
            models.Index(
                fields=["recipient", "created"],
                condition=Q(email_mode=EmailMode.DIGEST, digest_run__isnull=True, read_at__isnull=True),
                name="notif_awaiting_digest",
            ),
            # What quotes a post, to forget its excerpt when the post is hidden (quotes.quotes_forget).
            models.Index(KT("data__quote_of"), condition=Q(data__has_key="quote_of"), name="notif_quote_of"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["fanout_id", "recipient"],
                condition=Q(fanout_id__isnull=False),
                name="notif_once_per_fanout",
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.recipient_id}: {self.target_title}"

    @property
    def is_unread(self):
        return self.read_at is None

    @property
    def verb_display(self) -> str:
        """The verb in the viewer's language (stored in English, for the admin and for events that are
        no longer registered)."""
        from .registry import registry

        event = registry.events.get(self.event)
        return str(event.verb) if event and not self.data.get("custom_verb") else self.verb


class NotificationSettings(models.Model):
    """A person's email choices. People without a row get the registry's defaults."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        NEVER = "never", _("Never")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    DEFAULT_FREQUENCY = Frequency.DAILY
    DEFAULT_HOUR = 7
    DEFAULT_WEEKDAY = Weekday.MONDAY

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_settings",
        verbose_name=_("user"),
    )
    email_by_category = models.JSONField(_("email per category"), default=dict, blank=True)
    digest_frequency = models.CharField(
        _("digest"), max_length=10, choices=Frequency.choices, default=DEFAULT_FREQUENCY
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"), default=DEFAULT_HOUR, choices=[(h, f"{h:02d}:00") for h in range(24)]
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("digest weekday"), choices=Weekday.choices, default=DEFAULT_WEEKDAY
    )
    muted_groups = models.JSONField(_("muted groups"), default=list, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)


class DigestRun(models.Model):
    """One digest for one person and period; unique, so a second run in the same period sends nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        BUILT = "built", _("Built")
        EMPTY = "empty", _("Nothing to send")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_runs", verbose_name=_("user")
    )
    period = models.CharField(_("period"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    notification_count = models.PositiveIntegerField(_("notifications"), default=0)
    created = models.DateTimeField(_("created"), default=timezone.now)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="digest_run_once_per_period")]

    def __str__(self):
        return f"{self.user} · {self.period}"


class EmailDelivery(models.Model):
    """The outbox: one email to send, written in the same transaction as what caused it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=100, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="email_deliveries",
        verbose_name=_("recipient"),
    )
    # A direct email to an address that may have no account yet (an invitation): rendered when queued.
    to_email = models.EmailField(_("to"), blank=True)
    payload = models.JSONField(_("message"), default=dict, blank=True)
    notification = models.OneToOneField(
        Notification,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="email_delivery",
        verbose_name=_("notification"),
    )
    digest_run = models.OneToOneField(
        DigestRun,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="email_delivery",
        verbose_name=_("digest"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")
        ordering = ["-created"]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="delivery_outstanding",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(notification__isnull=False, digest_run__isnull=True, to_email="")
                | Q(notification__isnull=True, digest_run__isnull=False, to_email="")
                | (Q(notification__isnull=True, digest_run__isnull=True) & ~Q(to_email="")),
                name="delivery_has_one_source",
            ),
        ]

    def __str__(self):
        return self.key


class NotificationEvent(models.Model):
    """A fan-out waiting to be told: what happened, once, and its audience as a query (a thread's
    followers, an arena's members). Written in the action's transaction; a task expands it into
    notifications and deliveries a batch at a time after the commit, and deletes it when everyone is told.
    A row still here after a while was left by a broker outage or a dead worker: the sweeper queues it again.
    """

    event = models.CharField(_("event"), max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor name"), max_length=120, blank=True)
    verb = models.CharField(_("verb"), max_length=200)
    target_title = models.CharField(_("target"), max_length=300, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    group_key = models.CharField(_("group"), max_length=100, blank=True)
    group_label = models.CharField(_("group label"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    email = models.BooleanField(_("email"), default=True)
    audience = models.CharField(_("audience"), max_length=80)
    audience_params = models.JSONField(_("audience parameters"), default=dict, blank=True)
    excluded = models.JSONField(_("not told"), default=list, blank=True)
    # Everyone up to this person id is told; the next batch starts after it.
    told_through = models.BigIntegerField(_("told through"), default=0)
    created = models.DateTimeField(_("created"), default=timezone.now)
    touched_at = models.DateTimeField(_("last batch"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("notification fan-out")
        verbose_name_plural = _("notification fan-outs")
        ordering = ["created"]

    def __str__(self):
        return f"{self.event} → {self.audience} {self.audience_params}"
