from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from .services import handle_suggest


class AccountAdapter(DefaultAccountAdapter):
    """Gives every new account a free @handle and the language it signed up in."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        if not user.handle:
            user.handle = handle_suggest(email=user.email)
        user.language = translation.get_language() or user.language
        if commit:
            user.save()
        return user
