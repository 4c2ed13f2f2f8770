from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A tag shared by arenas (and later threads and prototypes): "mobility", "schools"…"""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Arena(models.Model):
    """A co-creation arena: one organisation, framed around one public problem."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone sees it, anyone signed in joins at once")
        RESTRICTED = "restricted", _("Restricted: anyone sees it, joining needs approval or an invitation")
        PRIVATE = "private", _("Private: only its members see it")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="arenas",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    problem_statement = models.TextField(
        _("problem statement"), help_text=_("What public problem is this arena about? Markdown.")
    )
    problem_statement_html = models.TextField(editable=False, blank=True)
    goals = models.TextField(_("goals"), blank=True, help_text=_("What should the arena achieve? Markdown."))
    goals_html = models.TextField(editable=False, blank=True)
    scope = models.CharField(_("scope or area"), max_length=200, blank=True)
    topics = models.ManyToManyField(Topic, related_name="arenas", blank=True, verbose_name=_("topics"))
    cover_image = models.ImageField(_("cover image"), upload_to="arenas/covers/", blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    current_phase = models.ForeignKey(
        "Phase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current phase"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("arena")
        verbose_name_plural = _("arenas")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "visibility"], name="arena_status_visibility")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("arenas:detail", args=[self.slug])

    @property
    def group_key(self) -> str:
        """How notifications and the audit log group what happens here."""
        return f"arena:{self.pk}"

    @property
    def is_writable(self) -> bool:
        """Closed and archived arenas are read-only for everyone."""
        return self.status in {self.Status.DRAFT, self.Status.OPEN}


class Phase(models.Model):
    arena = models.ForeignKey(Arena, on_delete=models.CASCADE, related_name="phases", verbose_name=_("arena"))
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["arena", "order"]
        constraints = [
            models.UniqueConstraint(fields=["arena", "order"], name="phase_order_unique"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="phase_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name
