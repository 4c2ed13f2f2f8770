"""Shared by the prototypes API tests: a hypothesis to create prototypes with, the URLs, JSON posts and
patches as a caller, and an error's message."""

from tests.arenas.api_helpers import auth

HYPOTHESIS = (
    "We believe that a walking bus will result in fewer cars at the gate for families within 1 km; "
    "we will know when drop-offs by car fall by a third."
)


def list_url(arena) -> str:
    return f"/api/v1/arenas/{arena.slug}/prototypes/"


def url(prototype, tail: str = "") -> str:
    return f"/api/v1/prototypes/{getattr(prototype, 'pk', prototype)}/{tail}"


def post(client, path, payload, user=None):
    return client.post(path, payload, content_type="application/json", **(auth(user) if user else {}))


def patch(client, path, payload, user=None):
    return client.patch(path, payload, content_type="application/json", **(auth(user) if user else {}))


def error_message(response) -> str:
    return response.json()["error"]["message"]
