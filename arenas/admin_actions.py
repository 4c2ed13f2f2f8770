"""What the admin's actions share: apply a service to each selected object and say what happened."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from platform_core.exceptions import RateLimited


def refusal_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error) or _("Not allowed.")])


def report_each(model_admin, request, queryset, change, *, done) -> None:
    """Apply ``change`` (a service call) to each object; say how many went through (``done``: an
    ``ngettext_lazy`` with a ``"count"`` number) and, for each one the service refused, why."""
    count = 0
    for obj in queryset:
        try:
            change(obj)
        except (ValidationError, PermissionDenied, RateLimited) as error:
            model_admin.message_user(request, f"{obj}: {refusal_text(error)}", messages.ERROR)
        else:
            count += 1
    if count:
        model_admin.message_user(request, done % {"count": count}, messages.SUCCESS)  # ngettext_lazy
