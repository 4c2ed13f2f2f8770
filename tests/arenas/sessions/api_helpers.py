"""Shared by the sessions API tests: the addresses, token headers, and a session's body as a facilitator
sends it (ISO 8601 times)."""

from datetime import timedelta

from django.utils import timezone

from tests.arenas.deliberation.api_helpers import NOT_FOUND, auth  # noqa: F401  (re-exported)


def list_url(arena) -> str:
    return f"/api/v1/arenas/{arena.slug}/sessions/"


def url(session, path: str = "") -> str:
    pk = session if isinstance(session, int) else session.pk
    return f"/api/v1/sessions/{pk}/{path}"


def body(**fields) -> dict:
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    return {
        "title": "Walk the crossings 🚸",
        "kind": "workshop",
        "description": "We walk the **three** crossings together.",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "capacity": 2,
        "place": "Northbridge East School, room 2",
        **fields,
    }
