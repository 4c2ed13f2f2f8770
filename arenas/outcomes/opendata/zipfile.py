"""The zip of an arena's open data, written as it goes (``stream-zip``): ``datapackage.json`` first, then
one CSV file per table, each compressed as its rows are read. Nothing is held but the chunk in hand."""

import json
import zlib
from collections.abc import Iterator
from stat import S_IFREG

from django.utils import timezone, translation
from stream_zip import ZIP_64, stream_zip

from .datapackage import datapackage_of
from .stream import csv_chunks, export_pseudonyms
from .tables import TABLES

MODE = S_IFREG | 0o644
# stream-zip compresses at level 9 by default: three times slower than 6 for a file a few percent smaller.
LEVEL = 6


def _compressor():
    return zlib.compressobj(wbits=-zlib.MAX_WBITS, level=LEVEL)


def zip_filename(arena) -> str:
    return f"{arena.slug}-open-data.zip"


def zip_chunks(arena, *, language: str | None = None) -> Iterator[bytes]:
    """The zip's bytes, in chunks; the queries run as the files are reached."""
    with translation.override(language):
        now = timezone.now()
        pseudonyms = export_pseudonyms(arena)
        package = json.dumps(datapackage_of(arena, now=now), ensure_ascii=False, indent=2).encode()

        def members():
            yield "datapackage.json", now, MODE, ZIP_64, (package,)
            for table in TABLES:
                yield table.path, now, MODE, ZIP_64, csv_chunks(table, arena, pseudonyms)

        yield from stream_zip(members(), get_compressobj=_compressor)
