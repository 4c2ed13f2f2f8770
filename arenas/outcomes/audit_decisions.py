"""What the decisions' audit actions are, in plain words (the arena's audit page and the admin say them)."""

from django.utils.translation import gettext_lazy as _

from platform_core.audit.words import action_words_register

action_words_register({"decision.made": _("published a decision")})
