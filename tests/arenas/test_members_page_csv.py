"""Inviting many people from a CSV on the members page, as conveners really have the file: with the names
the page shows for roles and stakeholder types (in English or Danish), saved by Excel as plain "CSV"
(Windows-1252, semicolons in Danish) or "CSV UTF-8" (with a byte-order mark); and the template to start
from. What cannot be read is refused next to the file field, and nobody is invited from it."""

import codecs
import html
import io
import re

import pytest

from arenas.models import Invitation, Role
from tests.arenas.members_helpers import deliver_emails, member, page_text, url
from tests.factories import ArenaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes", slug="safer-school-routes")


@pytest.fixture
def convener(arena):
    return member(arena, Role.CONVENER, display_name="Clara Convener").user


@pytest.fixture
def facilitator(arena, convener):
    return member(arena, Role.FACILITATOR, display_name="Frederik Facilitator").user


def upload(client, arena, raw: bytes, name="people.csv"):
    csv_file = io.BytesIO(raw)
    csv_file.name = name
    return client.post(url(arena, "member-invite-many"), {"bulk-csv_file": csv_file})


def invited():
    return sorted(Invitation.objects.values_list("email", "role", "stakeholder_type"))


def accepted_table(text: str, kind: str) -> dict[str, list[str]]:
    """The page's table of accepted values: code → the names shown for it, one per language."""
    table = re.search(rf'<table [^>]*id="accepted-{kind}">(.*?)</table>', text).group(1)
    rows = re.findall(r"<tr><td><code>([^<]+)</code></td>(.*?)</tr>", table)
    return {
        code: [html.unescape(name) for name in re.findall(r'<td lang="\w+">([^<]*)</td>', cells)]
        for code, cells in rows
    }


def select_options(text: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', text).group(1)
    return {
        value: html.unescape(label)
        for value, label in re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select)
    }


# --- the names the page shows ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_csv_using_the_labels_the_page_shows_invites_every_row(client, arena, convener, language):
    client.cookies["django_language"] = language
    client.force_login(convener)
    text = page_text(client.get(url(arena)))
    roles = accepted_table(text, "roles")
    types = accepted_table(text, "stakeholder-types")
    assert len(roles) == 4 and len(types) == 8  # a convener may invite every role
    assert all(len(names) == 2 for names in [*roles.values(), *types.values()])  # English and Danish
    # The names in the invite-one form, as this page's language shows them, are among them.
    shown_types = select_options(text, "invite-stakeholder_type")
    assert set(shown_types) == set(types)
    assert all(label in types[code] for code, label in shown_types.items())

    lines, expected = ["email,role,stakeholder_type"], []
    spelled_types = [(code, name) for code, names in types.items() for name in names]
    spelled_roles = [(code, name) for code, names in roles.items() for name in names]
    for number, (type_code, type_name) in enumerate(spelled_types):
        role_code, role_name = spelled_roles[number % len(spelled_roles)]
        lines.append(f"invitee{number}@example.org,{role_name},{type_name}")
        expected.append((f"invitee{number}@example.org", role_code, type_code))
    response = upload(client, arena, "\n".join(lines).encode())

    assert response.status_code == 302, response.context["bulk_report"]
    assert invited() == sorted(expected)
    assert len(expected) == 16


def test_a_facilitator_is_shown_only_the_roles_they_may_invite(client, arena, facilitator):
    client.force_login(facilitator)
    text = page_text(client.get(url(arena)))

    assert accepted_table(text, "roles") == {
        "participant": ["Participant", "Deltager"],
        "observer": ["Observer", "Observatør"],
    }
    assert "Roles and stakeholder types the list accepts" in text


def test_a_danish_excel_csv_in_windows_1252_with_semicolons_and_names_with_aeoeaa_is_read_right(
    client, arena, convener, mailoutbox
):
    client.force_login(convener)
    raw = (
        "E-mail;Rolle;Deltager som\r\n"
        "Søren Ærø <soren@example.org>;Observatør;Ekspert eller forsker\r\n"
        "Åse Æblegård <aase@ærø.dk>;Tovholder;Offentligt ansat\r\n"
        "bo@example.org;deltager;BRUGER AF YDELSEN\r\n"
    ).encode("cp1252")

    response = upload(client, arena, raw)

    assert response.status_code == 302, page_text(response)
    assert invited() == [
        ("aase@ærø.dk", "convener", "public_employee"),
        ("bo@example.org", "participant", "service_user"),
        ("soren@example.org", "observer", "expert"),
    ]
    assert len(deliver_emails(mailoutbox)) == 3


def test_an_excel_csv_utf8_file_with_its_byte_order_mark_and_a_header_is_read_right(client, arena, convener):
    client.force_login(convener)
    raw = (
        codecs.BOM_UTF8
        + "email;role;stakeholder_type\r\nØrsted <ole@example.org>;Facilitator;Folkevalgt\r\n".encode()
    )

    response = upload(client, arena, raw)

    assert response.status_code == 302, page_text(response)
    assert invited() == [("ole@example.org", "facilitator", "elected_official")]


def test_an_unknown_stakeholder_type_is_reported_with_the_values_that_would_do(client, arena, facilitator):
    client.force_login(facilitator)

    response = upload(client, arena, b"a@example.org,participant,alien\nb@example.org,Boss,resident\n")

    assert response.status_code == 200
    report = page_text(response)[page_text(response).index('id="bulk-report"') :]
    assert (
        "Unknown stakeholder type “alien”; write one of: resident (Resident), service_user (Service user)"
        in report
    )
    assert "Unknown role “Boss”; write one of: participant (Participant), observer (Observer)" in report
    assert not Invitation.objects.exists()


# --- what cannot be read ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"a@example.org,participant,resident\nb@exam\x00ple.org,participant,resident\n", "NUL (zero) byte"),
        (
            "a@example.org,参加者,住民\nb@example.org,観察者,企業\n".encode("shift_jis"),
            "We cannot tell how the letters in this file are written",
        ),
        ("a@example.org,Deltager\n".encode("utf-16"), "“Unicode Text” (UTF-16)"),
    ],
    ids=["NUL byte", "shift-jis", "utf-16"],
)
def test_a_file_that_cannot_be_read_is_refused_next_to_the_file_field_and_nobody_is_invited(
    client, arena, facilitator, mailoutbox, raw, says
):
    client.force_login(facilitator)

    response = upload(client, arena, raw)

    assert response.status_code == 200
    [error] = response.context["bulk_form"].errors["csv_file"]
    assert says in error
    assert "“CSV UTF-8 (Comma delimited) (*.csv)”" in error
    assert 'id="id_bulk-csv_file_error"' in page_text(response)
    assert not Invitation.objects.exists()
    assert deliver_emails(mailoutbox) == []


def test_a_nul_character_in_pasted_addresses_is_refused_and_nobody_is_invited(client, arena, facilitator):
    client.force_login(facilitator)

    response = client.post(
        url(arena, "member-invite-many"), {"bulk-addresses": "a@example.org\nb@exa\x00mple.org"}
    )

    assert response.status_code == 200
    assert response.context["bulk_form"].errors["addresses"] == ["Null characters are not allowed."]
    assert not Invitation.objects.exists()


def test_someone_signed_out_who_posts_a_list_is_sent_to_sign_in(client, arena):
    response = upload(client, arena, b"a@example.org\n")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not Invitation.objects.exists()


# --- the template -----------------------------------------------------------------------------------------


def test_the_template_downloads_as_utf8_with_a_bom_and_invites_its_example_when_uploaded(
    client, arena, facilitator
):
    client.force_login(facilitator)
    page = page_text(client.get(url(arena)))
    link = url(arena, "member-invite-template")
    assert f'href="{link}" download' in page

    response = client.get(link)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="invitations.csv"'
    assert response.content == codecs.BOM_UTF8 + (
        b"email,role,stakeholder_type\r\nanna.jensen@example.org,Participant,Resident\r\n"
    )
    assert upload(client, arena, response.content).status_code == 302
    assert invited() == [("anna.jensen@example.org", "participant", "resident")]


def test_the_danish_template_uses_semicolons_and_the_danish_names(client, arena, facilitator):
    client.cookies["django_language"] = "da"
    client.force_login(facilitator)

    response = client.get(url(arena, "member-invite-template"))

    assert response.content.decode("utf-8-sig") == (
        "email;role;stakeholder_type\r\nanna.jensen@example.org;Deltager;Beboer\r\n"
    )
    assert upload(client, arena, response.content).status_code == 302
    assert invited() == [("anna.jensen@example.org", "participant", "resident")]


def test_only_those_who_may_invite_get_the_template(client, arena, facilitator):
    participant = member(arena).user

    signed_out = client.get(url(arena, "member-invite-template"))
    client.force_login(participant)
    refused = client.get(url(arena, "member-invite-template"))

    assert signed_out.status_code == 302 and signed_out.url.startswith("/accounts/login/")
    assert refused.status_code == 403
