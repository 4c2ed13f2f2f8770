"""The API's JSON parser: what ``json`` accepts but the rest of the stack cannot hold is refused here, once,
with a 400 that names the field — nesting deeper than ``MAX_DEPTH``, text that is not valid Unicode (a lone
surrogate such as ``"\\ud800"``) and NUL characters (PostgreSQL cannot store them)."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64


def _field(path: list) -> str:
    return ".".join(str(part) for part in path) or "non_field_errors"


def _refuse(path: list, message: str):
    raise exceptions.ValidationError({_field(path): [message]})


def _check_text(text: str, path: list) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        _refuse(path, _("This text contains characters that are not valid Unicode."))
    if "\x00" in text:
        _refuse(path, _("Null characters are not allowed."))


def check_document(data) -> None:
    """Walk the parsed document without recursion; refuse the first thing that cannot be stored."""
    stack = [(data, [], 1)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            _refuse(
                path[:1],
                _("The data is nested too deeply (at most %(depth)s levels).") % {"depth": MAX_DEPTH},
            )
        if isinstance(value, str):
            _check_text(value, path)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, path)
                stack.append((item, [*path, key], depth + 1))
        elif isinstance(value, list):
            stack.extend((item, [*path, index], depth + 1) for index, item in enumerate(value))


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(
                _("The data is nested too deeply (at most %(depth)s levels).") % {"depth": MAX_DEPTH}
            ) from None
        check_document(data)
        return data
