import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/me/"


def test_email_and_password_give_a_token_that_opens_me(client, user):
    response = client.post(
        TOKEN_URL, {"email": user.email, "password": PASSWORD}, content_type="application/json"
    )

    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get(ME_URL, HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert me.json() == {
        "email": "anna@example.org",
        "handle": "anna",
        "display_name": "Anna Berg",
        "language": "en",
        "time_zone": "Europe/Copenhagen",
    }


def test_the_same_token_comes_back_on_a_second_request(client, user):
    payload = {"email": user.email, "password": PASSWORD}
    first = client.post(TOKEN_URL, payload, content_type="application/json").json()["token"]
    second = client.post(TOKEN_URL, payload, content_type="application/json").json()["token"]

    assert first == second


def test_a_wrong_password_is_a_400_in_the_error_shape(client, user):
    response = client.post(
        TOKEN_URL, {"email": user.email, "password": "wrong"}, content_type="application/json"
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert error["code"] == "invalid"
    assert "do not match" in error["message"]


def test_missing_fields_are_listed(client):
    response = client.post(TOKEN_URL, {}, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"email", "password"}


def test_malformed_json_is_a_400_not_a_500(client):
    response = client.post(TOKEN_URL, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_an_unverified_account_gets_no_token(client):
    person = UserFactory(verified=False)

    response = client.post(
        TOKEN_URL, {"email": person.email, "password": PASSWORD}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "confirm your email" in response.json()["error"]["message"]


def test_me_needs_authentication(client):
    response = client.get(ME_URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_me_works_with_the_browser_session(client, user):
    client.force_login(user)

    assert client.get(ME_URL).json()["email"] == user.email


def test_a_bad_token_is_refused(client):
    response = client.get(ME_URL, HTTP_AUTHORIZATION="Token nope")

    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid token."


def test_unknown_api_paths_answer_json_404(client):
    response = client.get("/api/v1/does-not-exist/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": {"status": 404, "code": "not_found", "message": "Not found."}}


def test_unknown_html_paths_answer_the_html_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_openapi_schema_is_valid_and_describes_the_error_shape(client):
    from openapi_spec_validator import validate

    response = client.get(reverse("api-schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert "/api/v1/auth/token/" in schema["paths"]
    assert "/api/v1/me/" in schema["paths"]
    me_401 = schema["paths"]["/api/v1/me/"]["get"]["responses"]["401"]
    assert me_401["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_api_docs_are_served_from_our_own_static_files(client):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html
