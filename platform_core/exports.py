"""What "download my data" gathers (GDPR articles 15 and 20): each part registers an exporter that returns
its tables about one person, ``{"posts": [row, …]}``, every row a flat dict of JSON values. The archive
(``accounts.data_export``) writes each table as JSON, and as CSV too. A leaf module, so that every part can
register without importing accounts."""

from collections.abc import Callable
from dataclasses import dataclass

Rows = list[dict]


@dataclass(frozen=True)
class Exporter:
    key: str
    tables: Callable[..., dict[str, Rows]]


exporters: dict[str, Exporter] = {}


def exporter_register(exporter: Exporter) -> Exporter:
    exporters[exporter.key] = exporter
    return exporter


def rows_of(queryset, fields: list[str]) -> Rows:
    """``values(*fields)`` with dates as ISO text: what JSON and CSV hold alike."""
    rows = []
    for row in queryset.values(*fields):
        rows.append(
            {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in row.items()}
        )
    return rows
