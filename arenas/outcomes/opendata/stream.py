"""The open data written as it is read: each table as CSV (UTF-8, a header row, RFC 4180 quoting), and
all of them as one JSON object (``{"arena": {...}, "phases": [...], ...}``). Output leaves in chunks of
about ``FLUSH`` bytes, so memory stays flat however many rows an arena has; the queries are one per table
(and one for the members' handles), however many rows."""

import csv
import io
import json
from collections.abc import Iterator

from django.utils import translation

from .cells import csv_boolean, csv_booleans, json_default, rows_of
from .pseudonyms import Pseudonyms
from .tables import TABLES, Table

FLUSH = 64 * 1024


class _Buffer:
    """Text gathered until it is worth sending, then sent as UTF-8 bytes."""

    def __init__(self):
        self.text = io.StringIO()

    def take(self) -> bytes:
        data = self.text.getvalue().encode()
        self.text.seek(0)
        self.text.truncate()
        return data

    @property
    def full(self) -> bool:
        return self.text.tell() >= FLUSH


def csv_chunks(table: Table, arena, pseudonyms: Pseudonyms) -> Iterator[bytes]:
    buffer = _Buffer()
    writer = csv.writer(buffer.text)
    writer.writerow([column.name for column in table.columns])
    booleans = csv_booleans(table)
    for row in rows_of(table, arena, pseudonyms):
        for index in booleans:
            row[index] = csv_boolean(row[index])
        writer.writerow(row)
        if buffer.full:
            yield buffer.take()
    yield buffer.take()


def export_pseudonyms(arena) -> Pseudonyms:
    """One export's pseudonyms, the members' handles read up front (the same queries for every arena)."""
    pseudonyms = Pseudonyms(arena)
    pseudonyms.load_handles()
    return pseudonyms


def json_chunks(arena, *, language: str | None = None) -> Iterator[bytes]:
    """Every table of ``arena`` as one JSON object, table by table, row by row."""
    with translation.override(language):
        pseudonyms = export_pseudonyms(arena)
        buffer = _Buffer()
        dump = json.JSONEncoder(ensure_ascii=False, default=json_default, separators=(",", ":")).encode
        buffer.text.write("{")
        for number, table in enumerate(TABLES):
            names = [column.name for column in table.columns]
            buffer.text.write(("," if number else "") + dump(table.name) + ":")
            rows = (dict(zip(names, row, strict=True)) for row in rows_of(table, arena, pseudonyms))
            if table.one_row:
                buffer.text.write(dump(next(rows, None)))
                continue
            buffer.text.write("[")
            for index, row in enumerate(rows):
                buffer.text.write(("," if index else "") + dump(row))
                if buffer.full:
                    yield buffer.take()
            buffer.text.write("]")
        buffer.text.write("}")
        yield buffer.take()
