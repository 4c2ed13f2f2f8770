"""The open data's audit action in plain words (see ``arenas.audit``), registered from ``AppConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from platform_core.audit.words import action_words_register

action_words_register({"arena.exported": _("downloaded the arena's open data")})
