"""From the values a table's query reads to the values its files hold: people as pseudonyms, @mentions in
free text rewritten, times in UTC ISO 8601 (to the second, with ``Z``), dates ``YYYY-MM-DD``, months
``YYYY-MM``; numbers stay numbers. Machine formats only: nothing here follows the viewer's language."""

from collections.abc import Callable, Iterable
from datetime import UTC
from decimal import Decimal

from .pseudonyms import Pseudonyms
from .tables import PERSON, TEXT, Column, Table


def utc_iso(value) -> str:
    # isoformat is several times faster than strftime, and this runs for every time of every row.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


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


def csv_booleans(table: Table) -> list[int]:
    """The positions of the table's boolean columns: the CSV writes ``true``/``false`` there. Everywhere
    else the csv module already writes what the datapackage says: empty for none, numbers as Python
    writes them (never localised: ``1234.5``), text as it is."""
    return [index for index, column in enumerate(table.columns) if column.type == "boolean"]


def csv_boolean(value) -> str | None:
    return None if value is None else ("true" if value else "false")


def json_default(value):
    """Numbers as JSON numbers (a ``Decimal`` has no JSON form of its own)."""
    if isinstance(value, Decimal):
        return float(value)  # 14 digits at most (the models' max_digits): a float holds them exactly
    raise TypeError(f"{type(value).__name__} is not JSON")
