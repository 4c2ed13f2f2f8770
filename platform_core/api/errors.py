"""One error shape for the whole API:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"email": ["…"]}}}

``fields`` is present only for validation errors.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def error_body(*, status_code: int, code: str, message: str, fields=None) -> dict:
    error = {"status": status_code, "code": code, "message": str(message)}
    if fields:
        error["fields"] = fields
    return {"error": error}


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            text = _first_message(value)
            return text if key == "non_field_errors" else f"{key}: {text}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def flat_fields(detail: dict, prefix: str = "") -> dict:
    """``{"topics": {"1": ["…"]}}`` (a list's or a nested object's errors) as ``{"topics.1": ["…"]}``: every
    field maps to a list of messages, as the schema documents."""
    flat = {}
    for key, value in detail.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flat_fields(value, f"{name}."))
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    flat.update(flat_fields(item, f"{name}.{index}."))
                elif item:
                    flat.setdefault(name, []).append(str(item))
        else:
            flat[name] = [str(item) for item in value] if isinstance(value, list) else [str(value)]
    return flat


def exception_handler(exc, context):
    from platform_core.exceptions import RateLimited, Refused

    if isinstance(exc, RateLimited):
        retry_after = exc.retry_after
        exc = exceptions.Throttled(detail=exc.message)  # the message says when; DRF would add it again
        exc.wait = retry_after  # → Retry-After
    elif isinstance(exc, DjangoValidationError):
        # A service refused the input: the same 400 and shape as a serializer's validation error.
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, Refused):
        exc = exceptions.PermissionDenied(exc.message)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = flat_fields(exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail})
        body = error_body(
            status_code=response.status_code,
            code="invalid",
            message=_first_message(detail),
            fields=detail,
        )
    else:
        detail = getattr(exc, "detail", str(exc))
        code = detail.code if hasattr(detail, "code") else exc.default_code
        body = error_body(status_code=response.status_code, code=code, message=_first_message(detail))
    return Response(body, status=response.status_code, headers=_kept_headers(response))


def _kept_headers(response):
    return {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}


def json_not_found(request, exception=None):
    return JsonResponse(
        error_body(status_code=404, code="not_found", message=_("Not found.")),
        status=status.HTTP_404_NOT_FOUND,
    )


def json_bad_request(request, exception=None):
    """Django's own 400s under /api/ (too many form fields, a body over the upload limit, a bad host)."""
    message = _("The request could not be read: too many fields, or too large.")
    return JsonResponse(error_body(status_code=400, code="bad_request", message=message), status=400)


def json_server_error(request):
    return JsonResponse(
        error_body(status_code=500, code="server_error", message=_("Something went wrong on our side.")),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
