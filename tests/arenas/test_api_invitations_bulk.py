"""``POST /api/v1/arenas/{slug}/invitations/bulk/``: inviting many people from a CSV file or pasted text,
read as the members page reads them; a file that cannot be read (a NUL byte above all) is a 400 in the
API's error shape, and nobody is invited from it."""

import io

import pytest

from arenas.models import Arena, Invitation, Role
from platform_core.notifications.models import EmailDelivery
from tests.arenas.api_helpers import auth, member_of
from tests.factories import ArenaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(slug="safer-school-routes", visibility=Arena.Visibility.PUBLIC)


@pytest.fixture
def facilitator(arena):
    return member_of(arena, Role.FACILITATOR)


def path(arena) -> str:
    return f"/api/v1/arenas/{arena.slug}/invitations/bulk/"


def csv_upload(raw: bytes, name="people.csv"):
    upload = io.BytesIO(raw)
    upload.name = name
    return upload


def send_file(client, arena, user, raw: bytes, **fields):
    return client.post(path(arena), {"csv_file": csv_upload(raw), **fields}, **auth(user))


def invited():
    return sorted(Invitation.objects.values_list("email", "role", "stakeholder_type"))


def test_a_csv_with_danish_names_in_windows_1252_and_semicolons_invites_every_good_row_and_reports_the_rest(
    client, arena, facilitator
):
    raw = (
        "email;role;stakeholder_type\r\n"
        "søren.ærø@example.org;Observatør;Ekspert eller forsker\r\n"
        "Åse <aase@example.org>;DELTAGER;Beboer\r\n"
        "bo@example.org;Tovholder;Beboer\r\n"
        "cy@example.org;participant;Alien\r\n"
    ).encode("cp1252")

    response = send_file(client, arena, facilitator, raw, message="Velkommen!")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(i["email"], i["role"], i["stakeholder_type"], i["status"]) for i in body["invited"]] == [
        ("aase@example.org", "participant", "resident", "pending"),
    ]
    assert [(r["line"], r["email"], r["field"]) for r in body["rejected"]] == [
        (1, "søren.ærø@example.org", "email"),
        (3, "bo@example.org", "role"),
        (4, "cy@example.org", "stakeholder_type"),
    ]
    assert body["rejected"][1]["reason"] == "you may not invite people as Convener"
    assert body["rejected"][2]["reason"].startswith(
        "unknown stakeholder type “Alien”; write one of: resident"
    )
    assert invited() == [("aase@example.org", "participant", "resident")]
    assert Invitation.objects.get().message == "Velkommen!"


def test_an_excel_csv_utf8_file_with_english_names_in_any_case_is_invited_whole(client, arena):
    convener = member_of(arena, Role.CONVENER)
    raw = b"\xef\xbb\xbfemail,role,stakeholder_type\r\na@example.org,FACILITATOR, service user \r\nb@example.org,,\r\n"

    response = send_file(client, arena, convener, raw)

    assert response.status_code == 201
    assert response.json()["rejected"] == []
    assert invited() == [
        ("a@example.org", "facilitator", "service_user"),
        ("b@example.org", "participant", "resident"),
    ]


def test_pasted_addresses_may_be_sent_as_json(client, arena, facilitator):
    response = client.post(
        path(arena),
        {"addresses": "a@example.org\nb@example.org,Observer,Business"},
        content_type="application/json",
        **auth(facilitator),
    )

    assert response.status_code == 201
    assert invited() == [
        ("a@example.org", "participant", "resident"),
        ("b@example.org", "observer", "business"),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"a@example.org,participant,resident\nb@example.org,partici\x00pant,resident\n",
        b"\x00a@example.org\n",
        b"a@example.org\x00",
    ],
    ids=["in a cell", "at the start", "at the end"],
)
def test_a_nul_byte_anywhere_in_the_file_is_a_400_in_the_error_shape_and_nobody_is_invited(
    client, arena, facilitator, raw
):
    response = send_file(client, arena, facilitator, raw)

    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid")
    [message] = error["fields"]["csv_file"]
    assert "NUL (zero) byte" in message
    assert "CSV UTF-8" in message
    assert error["message"] == f"csv_file: {message}"
    assert not Invitation.objects.exists()
    assert not EmailDelivery.objects.exists()


def test_a_nul_character_in_pasted_addresses_is_a_400_too(client, arena, facilitator):
    response = client.post(
        path(arena),
        {"addresses": "a@example.org\u0000"},
        content_type="application/json",
        **auth(facilitator),
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"addresses": ["Null characters are not allowed."]}
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field", "says"),
    [
        ({}, "addresses", "Send at least one email address, or a CSV file."),
        ({"addresses": "a@example.org", "csv_file": b"b@example.org\n"}, "non_field_errors", "not both"),
        ({"csv_file": b""}, "csv_file", "The submitted file is empty."),
        ({"csv_file": "a@example.org,participant,resident"}, "csv_file", "not a file"),
        ({"csv_file": "\u65e5\u672c".encode("shift_jis") * 50}, "csv_file", "encoding"),
        ({"csv_file": b"email,role\n"}, "csv_file", "We found no email addresses in it."),
        ({"addresses": "\n".join(f"p{n}@example.org" for n in range(501))}, "addresses", "At most 500"),
    ],
    ids=["nothing", "both", "empty file", "a string, not a file", "unreadable", "header only", "too many"],
)
def test_what_cannot_be_invited_from_is_a_400_naming_the_field(
    client, arena, facilitator, payload, field, says
):
    data = {key: csv_upload(value) if isinstance(value, bytes) else value for key, value in payload.items()}

    response = client.post(path(arena), data, **auth(facilitator))

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert says in " ".join(error["fields"][field])
    assert not Invitation.objects.exists()


def test_a_list_of_rows_none_of_which_can_be_invited_is_200_with_the_reasons(client, arena, facilitator):
    response = send_file(client, arena, facilitator, b"not-an-address\nboss@example.org,convener\n")

    assert response.status_code == 200
    body = response.json()
    assert body["invited"] == []
    assert [r["reason"] for r in body["rejected"]] == [
        "not a valid email address",
        "you may not invite people as Convener",
    ]


def test_only_facilitators_and_conveners_may_and_signed_out_callers_are_asked_to_authenticate(client, arena):
    participant = member_of(arena)

    refused = send_file(client, arena, participant, b"a@example.org\n")
    anonymous = client.post(path(arena), {"csv_file": csv_upload(b"a@example.org\n")})

    assert refused.status_code == 403
    assert anonymous.status_code == 401
    assert not Invitation.objects.exists()


def test_the_schema_documents_the_operation_with_its_report(client):
    schema = client.get("/api/schema/?format=json").json()

    operation = schema["paths"]["/api/v1/arenas/{slug}/invitations/bulk/"]["post"]
    assert set(operation["requestBody"]["content"]) == {"multipart/form-data", "application/json"}
    assert {"200", "201", "400", "401", "403", "404", "429"} <= set(operation["responses"])
    report = schema["components"]["schemas"]["InvitationBulkReport"]
    assert set(report["properties"]) == {"invited", "rejected"}
