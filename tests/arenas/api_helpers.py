"""Shared by the arenas API tests, and the prototypes API tests: the list's URL, the 404 in the error shape,
token headers and a member of an arena."""

from rest_framework.authtoken.models import Token

from arenas.models import Role
from tests.factories import MembershipFactory

LIST_URL = "/api/v1/arenas/"
NOT_FOUND = {"error": {"status": 404, "code": "not_found", "message": "Not found."}}


def auth(user) -> dict:
    """Request headers that call as ``user`` with an API token."""
    token, _created = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def member_of(arena, role=Role.PARTICIPANT, **fields):
    return MembershipFactory(arena=arena, role=role, **fields).user
