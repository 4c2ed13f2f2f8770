from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Playbook(models.Model):
    """A template for a new arena: its phases, its starter threads and guidance for the conveners.

    ``phases``: ``[{"name", "description", "days", "guidance"}]``; ``starter_threads``:
    ``[{"title", "body", "kind", "phase"}]`` (``phase`` is an index into ``phases``).
    Shipped playbooks have no organisation; staff can save an arena as a playbook of their organisation.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    phases = models.JSONField(_("phases"), default=list)
    starter_threads = models.JSONField(_("starter threads"), default=list, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="playbooks",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("playbook")
        verbose_name_plural = _("playbooks")
        ordering = ["organisation_id", "name"]

    def __str__(self):
        return self.name
