"""Prototypes: the action half of co-creation. A hypothesis a mixed team designs and tests in rounds,
with the evidence (feedback, indicators), its history (stage moves) and where it came from (threads)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenas.models import StakeholderType

from .stages import Stage


class Prototype(models.Model):
    arena = models.ForeignKey(
        "arenas.Arena", on_delete=models.CASCADE, related_name="prototypes", verbose_name=_("arena")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    problem_addressed = models.TextField(_("problem addressed"), blank=True)
    hypothesis = models.TextField(
        _("hypothesis"),
        help_text=_("We believe that … will result in … for …; we will know when …"),
    )
    topics = models.ManyToManyField(
        "arenas.Topic", related_name="prototypes", blank=True, verbose_name=_("topics")
    )
    image = models.ImageField(_("image"), upload_to="prototypes/", blank=True)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.IDEA)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    stage_changed_at = models.DateTimeField(_("stage changed"), default=timezone.now)
    source_threads = models.ManyToManyField(
        "deliberation.Thread", through="PrototypeSource", related_name="prototypes", blank=True
    )

    class Meta:
        verbose_name = _("prototype")
        verbose_name_plural = _("prototypes")
        ordering = ["-stage_changed_at", "-pk"]
        indexes = [models.Index(fields=["arena", "stage"], name="prototype_arena_stage")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("prototypes:detail", args=[self.arena.slug, self.pk])


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MEMBER = "member", _("Member")

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prototype_teams"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    joined = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["role", "joined"]
        constraints = [
            models.UniqueConstraint(fields=["prototype", "user"], name="team_member_once"),
            models.UniqueConstraint(fields=["prototype"], condition=Q(role="lead"), name="team_one_lead"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.prototype}"


class TeamJoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("note"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["prototype", "user"], condition=Q(status="pending"), name="team_request_one_pending"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.prototype}"


class StageTransition(models.Model):
    """Every stage move: from, to, who, when, why."""

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(_("from"), max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=12, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.prototype_id}: {self.from_stage} → {self.to_stage}"


class Iteration(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    class Decision(models.TextChoices):
        ITERATE = "iterate", _("Iterate")
        PIVOT = "pivot", _("Pivot")
        SCALE = "scale", _("Scale")
        STOP = "stop", _("Stop")

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="iterations")
    number = models.PositiveSmallIntegerField(_("round"))
    goal = models.TextField(_("goal"))
    test_what = models.TextField(_("what we test"), blank=True)
    test_where = models.CharField(_("where"), max_length=200, blank=True)
    test_with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PLANNED)
    outcome = models.TextField(_("outcome"), blank=True)
    learnings = models.TextField(_("learnings"), blank=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    created = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("iteration")
        verbose_name_plural = _("iterations")
        ordering = ["prototype", "number"]
        constraints = [
            models.UniqueConstraint(fields=["prototype", "number"], name="iteration_number_unique"),
            models.UniqueConstraint(
                fields=["prototype"], condition=Q(status="running"), name="iteration_one_running"
            ),
        ]

    def __str__(self):
        return f"{self.prototype} · round {self.number}"


class Feedback(models.Model):
    class WouldUse(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNSURE = "unsure", _("Not sure")

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="feedback")
    iteration = models.ForeignKey(
        Iteration, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    # None for feedback given on paper (at a test session) and entered by a facilitator.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prototype_feedback",
    )
    entered_offline = models.BooleanField(_("entered offline"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=20, choices=StakeholderType.choices, blank=True
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_use = models.CharField(_("would you use it?"), max_length=6, choices=WouldUse.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-updated", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["prototype", "iteration", "author"], name="feedback_once_per_iteration"
            ),
            models.UniqueConstraint(
                fields=["prototype", "author"],
                condition=Q(iteration__isnull=True),
                name="feedback_once_per_prototype",
            ),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
            models.CheckConstraint(
                condition=Q(author__isnull=False) | Q(entered_offline=True), name="feedback_has_a_giver"
            ),
        ]

    def __str__(self):
        giver = self.author if self.author_id else _("on paper")
        return f"{giver} · {self.rating}/5 · {self.prototype}"


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["prototype", "pk"]

    def __str__(self):
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "date", "pk"]

    def __str__(self):
        return f"{self.indicator}: {self.value} on {self.date}"


class PrototypeSource(models.Model):
    """Provenance: the thread (and optionally the post) a prototype came from, in the same arena."""

    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="sources")
    thread = models.ForeignKey("deliberation.Thread", on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(
        "deliberation.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prototype", "thread", "post"], name="prototype_source_once")
        ]

    def __str__(self):
        return f"{self.prototype_id} ← {self.thread_id}"
