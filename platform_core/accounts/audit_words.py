"""The account actions the audit log records, in plain words (``platform_core.audit.words``)."""

from django.utils.translation import gettext_lazy as _

WORDS = {
    "account.deleted": _("deleted an account"),
    "account.data_export_requested": _("asked for a copy of their data"),
    "account.data_export_downloaded": _("downloaded a copy of their data"),
}
