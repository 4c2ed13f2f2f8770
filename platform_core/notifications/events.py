"""The platform's own categories and event types. Domain apps register theirs in their AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from .registry import Category, EmailMode, EventType, registry

ACCOUNT = registry.category_register(
    Category(
        "account",
        _("Your account's security"),
        default=EmailMode.IMMEDIATELY,
        can_turn_off=False,
        help_text=_(
            "Password, email and two-factor changes. Always emailed, so you notice if it was not you."
        ),
    )
)
PLATFORM = registry.category_register(
    Category(
        "platform",
        _("News from the platform"),
        default=EmailMode.DIGEST,
        help_text=_("Tips and welcome messages."),
    )
)

for key, verb in [
    ("account.password_changed", _("Your password was changed")),
    ("account.password_set", _("A password was set on your account")),
    ("account.password_reset", _("Your password was reset")),
    ("account.email_changed", _("Your email address was changed")),
    ("account.email_deleted", _("An email address was removed from your account")),
    ("account.totp_activated", _("Two-factor authentication was turned on")),
    ("account.totp_deactivated", _("Two-factor authentication was turned off")),
    ("account.recovery_codes_generated", _("New two-factor recovery codes were made")),
    ("account.handle_changed", _("Your handle was changed: it showed part of your email address")),
    ("account.data_export_ready", _("Your data is ready to download")),
    ("account.inactive_warning", _("Your account will be deleted: you have not signed in for a long time")),
]:
    registry.event_register(EventType(key, ACCOUNT.key, verb))

registry.event_register(EventType("platform.welcome", PLATFORM.key, _("Welcome to Cocreate")))
registry.event_register(EventType("platform.tip", PLATFORM.key, _("A tip for getting started")))

# allauth's security notices (template prefix) → our event types.
ALLAUTH_NOTICES = {
    "account/email/password_changed": "account.password_changed",
    "account/email/password_set": "account.password_set",
    "account/email/password_reset": "account.password_reset",
    "account/email/email_changed": "account.email_changed",
    "account/email/email_deleted": "account.email_deleted",
    "mfa/email/totp_activated": "account.totp_activated",
    "mfa/email/totp_deactivated": "account.totp_deactivated",
    "mfa/email/recovery_codes_generated": "account.recovery_codes_generated",
}
