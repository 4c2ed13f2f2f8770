"""Who an arena needs (its stakeholder map) and what its conveners decided ("you said, we did")."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arenas.models import StakeholderType


class StakeholderGroup(models.Model):
    """A group the arena's problem needs at the table: one per stakeholder type, with a plain-language
    description ("parents of pupils at Northbridge East") and how many of them the conveners aim for."""

    arena = models.ForeignKey(
        "arenas.Arena", on_delete=models.CASCADE, related_name="stakeholder_groups", verbose_name=_("arena")
    )
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=20, choices=StakeholderType.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    target = models.PositiveIntegerField(
        _("target"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        ordering = ["arena", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["arena", "stakeholder_type"], name="stakeholder_group_unique"),
            models.CheckConstraint(condition=Q(target__gte=1), name="stakeholder_group_target_positive"),
        ]

    def __str__(self):
        return f"{self.arena} · {self.get_stakeholder_type_display()} · {self.target}"


class Decision(models.Model):
    """A convener's answer to a thread (an idea is a thread of kind idea) or a prototype, with the reason.
    A subject may be decided again (deferred, then adopted): its decisions are its trail, newest first."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        ADAPTED = "adapted", _("Adapted")
        DECLINED = "declined", _("Declined")
        DEFERRED = "deferred", _("Deferred")

    arena = models.ForeignKey(
        "arenas.Arena", on_delete=models.CASCADE, related_name="decisions", verbose_name=_("arena")
    )
    thread = models.ForeignKey(
        "deliberation.Thread",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("thread"),
    )
    prototype = models.ForeignKey(
        "prototypes.Prototype",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("prototype"),
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=4000)
    review_on = models.DateField(_("review date"), null=True, blank=True)
    review_reminded_at = models.DateTimeField(
        _("review reminder sent"), null=True, blank=True, editable=False
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, prototype__isnull=True)
                | Q(thread__isnull=True, prototype__isnull=False),
                name="decision_one_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["arena", "-created"], name="decision_arena_recent"),
            models.Index(
                fields=["review_on"],
                condition=Q(review_on__isnull=False, review_reminded_at__isnull=True),
                name="decision_review_due",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} · {self.subject}"

    @property
    def subject(self):
        return self.thread if self.thread_id else self.prototype

    @property
    def subject_kind(self) -> str:
        return "thread" if self.thread_id else "prototype"
