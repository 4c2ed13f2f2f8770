from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """When a background process was last seen alive. The worker beats every minute; /healthz shows it."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.key} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"
