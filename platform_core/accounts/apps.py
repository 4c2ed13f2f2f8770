from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "platform_core.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from platform_core.audit.words import action_words_register

        # The tasks, by name: services queue them with ``enqueue_on_commit("accounts.…")``.
        from . import tasks  # noqa: F401
        from .audit_words import WORDS

        action_words_register(WORDS)
