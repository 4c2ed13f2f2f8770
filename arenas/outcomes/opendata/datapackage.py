"""The ``datapackage.json`` of an arena's zip: a Frictionless (Tabular) Data Package describing every CSV
file — its title, description, columns (name, type, description), primary key and foreign keys — from the
same definitions the files are written from. It needs no row counts, so it goes first in the zip. Titles
and descriptions are in the requester's language; names and types are the machine's."""

import re

from django.utils import timezone

from .cells import utc_iso
from .tables import TABLES, Table

PROFILE = "tabular-data-package"


def package_name(arena) -> str:
    """The package's name: lower case letters, digits, ``.``, ``_`` and ``-`` only, as the spec asks."""
    return re.sub(r"[^a-z0-9._-]+", "-", arena.slug.lower()).strip("-") or f"arena-{arena.pk}"


def _schema(table: Table) -> dict:
    schema = {
        "fields": [
            {"name": column.name, "type": column.type, "description": str(column.description)}
            for column in table.columns
        ],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": other, "fields": [key]}}
            for column, other, key in table.foreign_keys
        ]
    return schema


def _resource(table: Table) -> dict:
    return {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "title": str(table.title),
        "description": str(table.description),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": _schema(table),
    }


def datapackage_of(arena, *, now=None) -> dict:
    return {
        "profile": PROFILE,
        "name": package_name(arena),
        "title": arena.title,
        "description": str(arena.problem_statement)[:1000],
        "created": utc_iso(now or timezone.now()),
        "resources": [_resource(table) for table in TABLES],
    }
