"""The terms of use and the privacy notice, as numbered versions, and who accepted which version when.

A version takes effect at ``effective_at`` (a version can be prepared ahead); once in effect its text
is never changed — a change is a new version, which signed-in people are asked to accept once."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LegalDocument(models.Model):
    class Kind(models.TextChoices):
        TERMS = "terms", _("Terms of use")
        PRIVACY = "privacy", _("Privacy notice")

    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    effective_at = models.DateTimeField(
        _("in effect from"),
        default=timezone.now,
        help_text=_("Signed-in people are asked to accept it from then on. It cannot be edited after."),
    )
    changes = models.TextField(
        _("what changed"), blank=True, help_text=_("Shown to people asked to accept this version.")
    )
    # When signed-in people were flagged to accept it (``legal_versions_apply``).
    applied_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("terms or privacy notice")
        verbose_name_plural = _("terms and privacy notices")
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="legal_one_number_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"

    def get_absolute_url(self):
        return reverse(f"legal:{self.kind}-version", args=[self.version])

    @property
    def in_effect(self) -> bool:
        return self.effective_at <= timezone.now()


class LegalText(models.Model):
    """A version's text in one language (Markdown)."""

    document = models.ForeignKey(LegalDocument, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown."))

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="legal_one_text_per_language")
        ]

    def __str__(self):
        return self.title


class Consent(models.Model):
    class How(models.TextChoices):
        SIGN_UP = "sign_up", _("on sign-up")
        PROMPT = "prompt", _("when asked after a change")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    document = models.ForeignKey(LegalDocument, on_delete=models.PROTECT, related_name="consents")
    accepted_at = models.DateTimeField(_("accepted"), default=timezone.now)
    how = models.CharField(_("how"), max_length=20, choices=How.choices)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="legal_accepted_once")]

    def __str__(self):
        return f"{self.user_id} {self.document}"
