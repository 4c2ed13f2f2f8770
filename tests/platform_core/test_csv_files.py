"""Uploaded CSV files as spreadsheets write them: UTF-8 with or without a byte-order mark, Windows-1252 and
Latin-1, commas, semicolons or tabs; what cannot be read is refused with how to save it instead. And the
CSV files we hand out open in a spreadsheet with their letters and columns right."""

import codecs
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from platform_core.csv_files import csv_for_excel, read_csv_upload

NAMES = "email;navn\r\nsøren@ærø.dk;Søren Ærø\r\nåse@example.org;Åse Æblegård\r\n"
EXPECTED = [["email", "navn"], ["søren@ærø.dk", "Søren Ærø"], ["åse@example.org", "Åse Æblegård"]]
SAVE_AS = "“CSV UTF-8 (Comma delimited) (*.csv)”"


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def read(raw: bytes, max_bytes: int = 10_000):
    return read_csv_upload(io.BytesIO(raw), max_bytes=max_bytes)


@pytest.mark.parametrize(
    "raw",
    [
        NAMES.encode("utf-8"),
        codecs.BOM_UTF8 + NAMES.encode("utf-8"),  # Excel's "CSV UTF-8"
        NAMES.encode("cp1252"),  # Excel's plain "CSV" on Windows
        NAMES.encode("latin-1"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "latin-1"],
)
def test_danish_letters_are_read_right_in_every_encoding_excel_writes(raw):
    assert read(raw) == EXPECTED


def test_windows_1252_letters_beyond_latin_1_are_read_right():
    raw = "a@example.org,“Quoted” – 5 €\r\n".encode("cp1252")

    assert read(raw) == [["a@example.org", "“Quoted” – 5 €"]]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (
            "a@example.org,observer,business\nb@example.org,,\n",
            [["a@example.org", "observer", "business"], ["b@example.org", "", ""]],
        ),
        ("a@example.org;observer;business\r\n", [["a@example.org", "observer", "business"]]),
        ("a@example.org\tobserver\tbusiness\n", [["a@example.org", "observer", "business"]]),
        ('"Jensen, Søren";s@example.org\r\n', [["Jensen, Søren", "s@example.org"]]),
        ("sep=,\r\na@example.org;b,c\r\n", [["a@example.org;b", "c"]]),
        ("a@example.org\n\n  \nb@example.org\n", [["a@example.org"], ["b@example.org"]]),
        ("a@example.org ; observer ; business\n", [["a@example.org", "observer", "business"]]),
    ],
    ids=["commas", "semicolons", "tabs", "quoted separator", "sep= line", "blank lines", "spaces"],
)
def test_the_separator_is_found_and_cells_are_trimmed(text, rows):
    assert read(text.encode()) == rows


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"a@example.org,participant\x00,resident\n", "NUL (zero) byte"),
        (b"\x00" * 10, "NUL (zero) byte"),
        ("a@example.org,Deltager\n".encode("utf-16"), "UTF-16"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 20, "spreadsheet workbook"),
        ("a@example.org,参加者,住民\n".encode("shift_jis"), "encoding"),
        ("a@example.org,Участник,Житель\n".encode("cp1251"), "encoding"),
        (bytes(range(128, 256)) * 3, "encoding"),
    ],
    ids=["NUL in a cell", "only NULs", "utf-16", "xlsx", "shift-jis", "cyrillic", "random bytes"],
)
def test_what_cannot_be_read_as_a_csv_is_refused_with_how_to_save_it(raw, says):
    with pytest.raises(ValidationError) as refused:
        read(raw)

    [message] = refused.value.messages
    assert says in message
    assert SAVE_AS in message


def test_a_file_over_the_limit_is_refused_whole():
    with pytest.raises(ValidationError) as refused:
        read(b"a@example.org\n" * 100_000, max_bytes=1024 * 1024)

    assert refused.value.messages == ["The file is larger than 1.0\xa0MB; split it into smaller files."]


def test_a_file_we_hand_out_is_utf8_with_a_bom_and_commas_in_english_semicolons_in_danish():
    rows = [["email", "role"], ["søren@example.org", "Observatør"]]

    with translation.override("en"):
        english = csv_for_excel(rows)
    with translation.override("da"):
        danish = csv_for_excel(rows)

    assert english == codecs.BOM_UTF8 + "email,role\r\nsøren@example.org,Observatør\r\n".encode()
    assert danish == codecs.BOM_UTF8 + "email;role\r\nsøren@example.org;Observatør\r\n".encode()
    assert read(danish) == rows  # and what we hand out reads back
