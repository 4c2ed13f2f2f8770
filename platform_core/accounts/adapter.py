from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import translation

from platform_core.legal.services import consent_check_at_sign_in

from .allauth_limits import sign_in_locked
from .proofs import address_vouched_for, landing_after_sign_up
from .services import handle_new

# A page that sent someone to sign up or sign in (an invitation, a join link) stores its path here,
# and they land back on it afterwards.
RETURN_TO_SESSION_KEY = "return_to_after_sign_in"


class AccountAdapter(DefaultAccountAdapter):
    """Gives every new account a free @handle and the language it signed up in, and sends allauth's
    security notices through the notification outbox (in-app and email, in the person's language)."""

    def get_login_redirect_url(self, request):
        return_to = request.session.pop(RETURN_TO_SESSION_KEY, None)
        return return_to or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return_to = request.session.get(RETURN_TO_SESSION_KEY)
        return return_to or super().get_signup_redirect_url(request)

    def is_email_verified(self, request, email):
        """An address someone proved outside allauth (an invitation link emailed to it, opened in this
        session and still valid now) needs no confirmation email. Compared case-insensitively.

        allauth's own answer (the stashed address alone) is not asked: the stash outlives a link that is
        revoked or expires meanwhile, and the proof is checked again here instead."""
        return address_vouched_for(request, email)

    def unstash_verified_email(self, request):
        """allauth would add a stashed address to the new account even when the person signed up with
        another one (and make it the primary): here only the address typed counts, verified through
        ``is_email_verified`` when it is the one proved. A different address confirms as usual."""
        super().unstash_verified_email(request)
        return None

    def post_login(self, request, user, *, signup, **kwargs):
        if not signup:
            consent_check_at_sign_in(user)
        response = super().post_login(request, user, signup=signup, **kwargs)
        if signup and isinstance(response, HttpResponseRedirect):
            landing = landing_after_sign_up(request, user)
            if landing:
                request.session.pop(RETURN_TO_SESSION_KEY, None)
                response = HttpResponseRedirect(landing)
        return response

    def pre_authenticate(self, request, **credentials):
        """Too many failed sign-ins answer 429 with ``Retry-After`` (allauth's form error would be a 200):
        ``RateLimited`` goes up to platform_core's middleware, which shows the 429 page."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise sign_in_locked(
                request, key=self._get_login_attempts_cache_key(request, **credentials)
            ) from None

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
            user.handle = handle_new(display_name=user.display_name, email=user.email)
        user.language = translation.get_language() or user.language
        if commit:
            user.save()
        return user
