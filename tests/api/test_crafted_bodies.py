"""Bodies crafted to break a server get a 400 in the API's error shape, with a message naming the field, and
nothing is written: JSON nested thousands deep, a lone surrogate in a choice field, NUL characters, too many
form fields, integers past 64 bits, garbage paging."""

import json

import pytest

from arenas.deliberation.models import Thread
from arenas.models import Role
from tests.arenas.api_helpers import auth
from tests.factories import ArenaFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(slug="crafted")


@pytest.fixture
def headers(arena):
    return auth(MembershipFactory(arena=arena, role=Role.PARTICIPANT).user)


def _post_json(client, url, raw: str, headers):
    return client.post(url, data=raw, content_type="application/json", **headers)


def _error(response):
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"]


def test_json_nested_three_thousand_deep_is_refused(client, arena, headers):
    response = _post_json(client, "/api/v1/arenas/crafted/threads/", "[" * 3000 + "]" * 3000, headers)

    assert response.status_code == 400
    assert "nested too deeply" in _error(response)["message"]
    assert not Thread.objects.exists()


def test_json_nested_past_the_limit_names_the_field(client, arena, headers):
    body = json.dumps({"title": "Deep", "topics": [[[["x"]]]] * 1}).replace(
        '["x"]', "[" * 70 + '"x"' + "]" * 70
    )

    response = _post_json(client, "/api/v1/arenas/crafted/threads/", body, headers)

    assert response.status_code == 400
    assert "topics" in _error(response)["fields"]


@pytest.mark.parametrize("field", ["kind", "title"])
def test_a_lone_surrogate_is_refused_without_echoing_it(client, arena, headers, field):
    body = '{"title": "Crossing", "' + field + '": "\\ud800"}'

    response = _post_json(client, "/api/v1/arenas/crafted/threads/", body, headers)

    assert response.status_code == 400
    error = _error(response)
    assert error["fields"][field] == ["This text contains characters that are not valid Unicode."]
    assert not Thread.objects.exists()


def test_a_nul_character_in_a_choice_field_is_refused(client, arena, headers):
    response = _post_json(
        client, "/api/v1/arenas/crafted/threads/", '{"title": "A", "kind": "idea\\u0000"}', headers
    )

    assert response.status_code == 400
    assert _error(response)["fields"]["kind"] == ["Null characters are not allowed."]


def test_too_many_form_fields_answer_in_the_json_error_shape(client, arena, headers):
    body = "&".join(f"ids={n}" for n in range(1200))

    response = client.post(
        "/api/v1/notifications/mark-read/",
        data=body,
        content_type="application/x-www-form-urlencoded",
        **headers,
    )

    assert response.status_code == 400
    assert _error(response)["code"] == "bad_request"


def test_ids_past_64_bits_are_a_field_error(client, arena, headers):
    body = json.dumps({"title": "Bus", "hypothesis": "Safer", "source_posts": [2**70]})

    response = _post_json(client, "/api/v1/arenas/crafted/prototypes/", body, headers)

    assert response.status_code == 400
    assert "source_posts" in _error(response)["fields"]


def test_list_errors_are_flat_field_keys(client, arena, headers):
    body = json.dumps({"title": "Bus", "topics": ["ok", "", "x" * 300]})

    response = _post_json(client, "/api/v1/arenas/crafted/threads/", body, headers)

    assert response.status_code == 400
    fields = _error(response)["fields"]
    assert all(isinstance(messages, list) for messages in fields.values())
    assert {"topics.1", "topics.2"} <= set(fields)


@pytest.mark.parametrize(
    ("query", "param"),
    [("page=true", "page"), ("page_size=abc", "page_size"), ("page_size=5&page_size=7", "page_size")],
)
def test_unreadable_paging_is_a_400_naming_the_parameter(client, arena, headers, query, param):
    response = client.get(f"/api/v1/arenas/crafted/threads/?{query}", **headers)

    assert response.status_code == 400
    assert param in _error(response)["fields"]


def test_a_garbage_cursor_is_a_400(client, arena, headers):
    from arenas.deliberation.services.threads import thread_create

    thread = thread_create(
        arena=arena, author=MembershipFactory(arena=arena, role=Role.CONVENER).user, title="T"
    )

    response = client.get(f"/api/v1/threads/{thread.pk}/posts/?cursor=garbage", **headers)

    assert response.status_code == 400
    assert "cursor" in _error(response)["fields"]


@pytest.mark.parametrize(
    "path", ["/api/v1/arenas/crafted/join/", "/api/v1/arenas/crafted/join-requests/1/decision/"]
)
def test_options_describes_the_operation(client, arena, headers, path):
    response = client.options(path, **headers)

    assert response.status_code == 200
    assert "POST" in response["Allow"]


def test_deep_json_to_the_bulk_invitations_is_refused(client, arena):
    convener = MembershipFactory(arena=arena, role=Role.CONVENER).user

    response = _post_json(
        client, "/api/v1/arenas/crafted/invitations/bulk/", "[" * 3000 + "]" * 3000, auth(convener)
    )

    assert response.status_code == 400
    assert "nested too deeply" in _error(response)["message"]
