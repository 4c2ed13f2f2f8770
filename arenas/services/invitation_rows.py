"""Invitation lists as people type, paste or upload them: one address per line (or separated by commas or
semicolons, with or without names as mail programs copy them: ``Anna Jensen <anna@example.org>``),
``email,role,stakeholder_type`` lines (cells separated by commas, semicolons or tabs, as a spreadsheet
copies them), or a CSV file with those columns, from Excel or elsewhere (see ``platform_core.csv_files``).
Roles and stakeholder types may be written as their codes or their names in any language of the site
(``invitation_values``). Parsing only: what may be invited is ``invitations_create``'s to decide."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from platform_core.csv_files import read_csv_upload

from ..models import Role, StakeholderType
from .invitation_values import code_for, spellings

MAX_ROWS = 500
MAX_CSV_BYTES = 1024 * 1024
HEADER_STARTS = ("email", "e-mail")
CELL_SEPARATORS = ("\t", ";", ",")
# An address in angle brackets, or a run of anything but separators (an address, or a word of a name).
ADDRESS_TOKEN = re.compile(r"<([^<>\s]*)>|[^,;\s<>]+")


@dataclass
class InvitationRow:
    email: str
    role: str = Role.PARTICIPANT
    stakeholder_type: str = StakeholderType.RESIDENT
    line: int = 0


def _is_header(first_cell: str) -> bool:
    first_cell = first_cell.strip().strip('"').lower()
    return "@" not in first_cell and first_cell.startswith(HEADER_STARTS)


def _cells(line: str) -> list[str] | None:
    """``email,role[,stakeholder_type]`` (or with semicolons or tabs) — unless the other cells are
    addresses too, or empty."""
    for separator in CELL_SEPARATORS:
        cells = line.split(separator)
        if (
            2 <= len(cells) <= 3
            and "@" in cells[0]
            and not any("@" in cell for cell in cells[1:])
            and cells[1].strip()
        ):
            return cells
    return None


def _addresses(line: str) -> list[str]:
    """The addresses on a line. When some are written with names (``Anna Jensen <anna@example.org>``),
    the words of the names are left out."""
    tokens = [
        (match.group(1) is not None, match.group(1) or match.group(0))
        for match in ADDRESS_TOKEN.finditer(line)
    ]
    if not any(bracketed for bracketed, _token in tokens):
        return [token for _bracketed, token in tokens]
    return [token for bracketed, token in tokens if bracketed or "@" in token]


def _pasted_rows(text: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if not rows and _is_header(line):
            continue
        cells = _cells(line)
        if cells:
            rows.append(cells)
        else:
            rows.extend([address] for address in _addresses(line))
    return rows


def _address(cell: str) -> str:
    bracketed = re.search(r"<([^<>\s]*@[^<>\s]*)>", cell)
    address = bracketed.group(1) if bracketed else cell
    address = address.strip().strip("<>\"'").strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    return address.lower()


def parse_invitation_rows(text: str = "", csv_file=None) -> tuple[list[InvitationRow], list[dict]]:
    """Rows from a pasted list or a CSV file (header optional). A file that cannot be read, or a list of
    more than ``MAX_ROWS``, is a ValidationError saying why: nothing is invited from it."""
    if csv_file is not None:
        lines = read_csv_upload(csv_file, max_bytes=MAX_CSV_BYTES)
        if lines and _is_header(lines[0][0]):
            lines = lines[1:]
    else:
        lines = _pasted_rows(text)
    if len(lines) > MAX_ROWS:
        raise ValidationError(
            _("At most %(max)s invitations at a time; this list has %(count)s.")
            % {"max": MAX_ROWS, "count": len(lines)}
        )
    roles, types = spellings(Role), spellings(StakeholderType)
    rows = []
    for number, cells in enumerate(lines, start=1):
        cells = [cell.strip() for cell in cells] + ["", ""]
        rows.append(
            InvitationRow(
                email=_address(cells[0]),
                role=code_for(cells[1], roles, Role.PARTICIPANT),
                stakeholder_type=code_for(cells[2], types, StakeholderType.RESIDENT),
                line=number,
            )
        )
    return rows, []
