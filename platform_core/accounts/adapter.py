from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from .services import handle_suggest


class AccountAdapter(DefaultAccountAdapter):
    """Gives every new account a free @handle and the language it signed up in, and sends allauth's
    security notices through the notification outbox (in-app and email, in the person's language)."""

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        from django.urls import reverse

        from platform_core.notifications.events import ALLAUTH_NOTICES
        from platform_core.notifications.services import notify

        event = ALLAUTH_NOTICES.get(template_prefix)
        if event is None:
            return super().send_notification_mail(template_prefix, user, context, email)
        notify(recipients=[user], event=event, target_title=user.email, url=reverse("accounts:settings"))
        if email and email.lower() != user.email.lower():
            # The address it used to go to (email changed or removed) hears of it too.
            super().send_notification_mail(template_prefix, user, context, email)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        if not user.handle:
            user.handle = handle_suggest(email=user.email)
        user.language = translation.get_language() or user.language
        if commit:
            user.save()
        return user
