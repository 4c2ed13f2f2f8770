"""The stakeholder map's audit actions in plain words (``platform_core.audit.words``), for the arena's
audit log and the admin."""

from django.utils.translation import gettext_lazy as _

from platform_core.audit.words import action_words_register

action_words_register({"stakeholder_map.changed": _("changed the stakeholder map")})
