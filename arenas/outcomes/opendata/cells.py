"""From the values a table's query reads to the values its files hold: people as pseudonyms, @mentions in
free text rewritten, times in UTC ISO 8601 (to the second, with ``Z``), dates ``YYYY-MM-DD``, months
``YYYY-MM``; numbers stay numbers. Machine formats only: nothing here follows the viewer's language."""

from collections.abc import Callable, Iterable
from datetime import UTC
from decimal import Decimal

from .pseudonyms import Pseudonyms
from .tables import PERSON, TEXT, Column, Table


def utc_iso(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _optional(convert: Callable) -> Callable:
    return lambda value: None if value is None else convert(value)


def _converter(column: Column, pseudonyms: Pseudonyms) -> Callable | None:
    if column.kind == PERSON:
        return pseudonyms
    if column.kind == TEXT:
        return pseudonyms.rewrite
    if column.type == "datetime":
        return _optional(utc_iso)
    if column.type == "date":
        return _optional(lambda value: value.isoformat())
    if column.type == "yearmonth":
        return _optional(lambda value: value.astimezone(UTC).strftime("%Y-%m"))
    return None


def rows_of(table: Table, arena, pseudonyms: Pseudonyms) -> Iterable[list]:
    """The table's rows as the files hold them, read as they are written."""
    converters = [_converter(column, pseudonyms) for column in table.columns]
    for row in table.read(arena):
        yield [
            value if convert is None else convert(value)
            for convert, value in zip(converters, row, strict=True)
        ]


def csv_cell(value) -> str:
    """A cell as CSV text: empty for none, ``true``/``false``, numbers as Python writes them (never
    localised: ``1234.5``)."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def json_default(value):
    """Numbers as JSON numbers (a ``Decimal`` has no JSON form of its own)."""
    if isinstance(value, Decimal):
        return float(value)  # 14 digits at most (the models' max_digits): a float holds them exactly
    raise TypeError(f"{type(value).__name__} is not JSON")
