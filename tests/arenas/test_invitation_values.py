"""Roles and stakeholder types in a list of invitations, written as people write them: the code, or the name
the interface shows in English or Danish, in any case, with space around it; and lists as people paste
them (from a spreadsheet, from a mail program)."""

import io

import pytest
from django.conf import settings
from django.utils import translation

from arenas.models import Role, StakeholderType
from arenas.services.invitation_rows import parse_invitation_rows
from arenas.services.invitation_values import accepted_values, spelling_key, spellings


def rows_of(text="", csv_file=None):
    rows, _ = parse_invitation_rows(text, csv_file=csv_file)
    return [(row.email, row.role, row.stakeholder_type) for row in rows]


@pytest.mark.parametrize("choices", [Role, StakeholderType])
def test_every_code_and_every_name_in_every_language_means_its_choice(choices):
    known = spellings(choices)

    for code, label in choices.choices:
        assert known[spelling_key(code)] == code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                name = str(label)
            assert known[spelling_key(name)] == code, (language, name)


@pytest.mark.parametrize("choices", [Role, StakeholderType])
def test_no_name_means_two_choices(choices):
    values = accepted_values(choices)
    spelled = [
        (spelling_key(text), value.code)
        for value in values
        for text in [value.code] + [label for _l, label in value.labels]
    ]

    meanings = {}
    for key, code in spelled:
        meanings.setdefault(key, set()).add(code)
    assert {key: codes for key, codes in meanings.items() if len(codes) > 1} == {}


def test_the_danish_names_are_the_ones_the_danish_interface_shows():
    [participant] = accepted_values(Role, [Role.PARTICIPANT])
    [resident] = accepted_values(StakeholderType, [StakeholderType.RESIDENT])

    assert dict(participant.labels) == {"en": "Participant", "da": "Deltager"}
    assert dict(resident.labels) == {"en": "Resident", "da": "Beboer"}


def test_codes_names_and_any_case_or_space_are_read_as_the_codes():
    text = "\n".join(
        [
            "a@example.org,observer,business",
            "b@example.org,Observer,Business",
            "c@example.org,  OBSERVATØR ,  virksomhed  ",
            "d@example.org,Deltager,Offentligt ansat",
            "e@example.org,participant,Service user",
            "f@example.org,PARTICIPANT,service user",
            "g@example.org,Participant,SERVICE_USER",
            "h@example.org,deltager,Civil-society organisation",
            "i@example.org,Observer,civil society organisation",
            "j@example.org,Observer,Bruger af ydelsen",
        ]
    )

    assert rows_of(text) == [
        ("a@example.org", "observer", "business"),
        ("b@example.org", "observer", "business"),
        ("c@example.org", "observer", "business"),
        ("d@example.org", "participant", "public_employee"),
        ("e@example.org", "participant", "service_user"),
        ("f@example.org", "participant", "service_user"),
        ("g@example.org", "participant", "service_user"),
        ("h@example.org", "participant", "civil_society"),
        ("i@example.org", "observer", "civil_society"),
        ("j@example.org", "observer", "service_user"),
    ]


def test_what_names_no_choice_is_kept_as_written_for_the_report():
    assert rows_of("a@example.org, Mayor ,Alien") == [("a@example.org", "Mayor", "Alien")]


def test_columns_pasted_from_a_spreadsheet_are_rows_and_its_header_is_left_out():
    pasted = "E-mail\tRolle\tDeltager som\r\nsøren@ærø.dk\tObservatør\tFolkevalgt\r\nåse@example.org\tDeltager\t\r\n"

    assert rows_of(pasted) == [
        ("søren@ærø.dk", "observer", "elected_official"),
        ("åse@example.org", "participant", "resident"),
    ]


def test_semicolon_lines_are_rows_too():
    assert rows_of("a@example.org;Observatør;Ekspert eller forsker") == [
        ("a@example.org", "observer", "expert")
    ]


def test_addresses_copied_from_a_mail_program_leave_the_names_out():
    pasted = '"Jensen, Søren" <Soren@Example.org>; Åse Holm <aase@example.org>, bo@example.org\nCy <cy@example.org>'

    assert [email for email, _role, _type in rows_of(pasted)] == [
        "soren@example.org",
        "aase@example.org",
        "bo@example.org",
        "cy@example.org",
    ]


def test_a_csv_cell_with_a_name_and_an_address_or_a_mailto_link_gives_the_address():
    csv_file = io.BytesIO(
        "Søren Ærø <soren@example.org>,Deltager,Beboer\r\nmailto:aase@example.org,,\r\n".encode()
    )

    assert rows_of(csv_file=csv_file) == [
        ("soren@example.org", "participant", "resident"),
        ("aase@example.org", "participant", "resident"),
    ]
