"""Invitation lists as people type or upload them: one address per line (or separated by commas or
semicolons), ``email,role,stakeholder_type`` lines, or a CSV file with those columns. Parsing only: what
may be invited is ``invitations_create``'s to decide."""

import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Role, StakeholderType

MAX_ROWS = 500
MAX_CSV_BYTES = 1024 * 1024


@dataclass
class InvitationRow:
    email: str
    role: str = Role.PARTICIPANT
    stakeholder_type: str = StakeholderType.RESIDENT
    line: int = 0


def parse_invitation_rows(text: str = "", csv_file=None) -> tuple[list[InvitationRow], list[dict]]:
    """Rows from a pasted list (one address per line, or separated by commas or semicolons; a line may
    also be ``email,role,stakeholder_type``) or a CSV file with those columns (header optional)."""
    lines: list[list[str]] = []
    if csv_file is not None:
        raw = csv_file.read(MAX_CSV_BYTES + 1)
        if len(raw) > MAX_CSV_BYTES:
            raise ValidationError(_("The file is larger than 1 MB; split it into smaller files."))
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValidationError(_("The file is not a UTF-8 CSV file.")) from None
        try:
            dialect = csv.Sniffer().sniff(raw[:2048], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        lines = [row for row in csv.reader(io.StringIO(raw), dialect) if any(cell.strip() for cell in row)]
        if lines and lines[0] and lines[0][0].strip().lower() in {"email", "e-mail", "email address"}:
            lines = lines[1:]
    else:
        for line in text.splitlines():
            cells = line.split(",")
            # "email,role,stakeholder_type" — unless the other cells are addresses too.
            if len(cells) == 3 and "@" in cells[0] and "@" not in cells[1] and "@" not in cells[2]:
                lines.append(cells)
            else:
                lines.extend([[part] for part in re.split(r"[,;\s]+", line) if part.strip()])
    if len(lines) > MAX_ROWS:
        raise ValidationError(
            _("At most %(max)s invitations at a time; this list has %(count)s.")
            % {"max": MAX_ROWS, "count": len(lines)}
        )
    rows = []
    for number, cells in enumerate(lines, start=1):
        cells = [c.strip() for c in cells] + ["", ""]
        rows.append(
            InvitationRow(
                email=cells[0].strip("<>").lower(),
                role=(cells[1] or Role.PARTICIPANT).lower(),
                stakeholder_type=(cells[2] or StakeholderType.RESIDENT).lower(),
                line=number,
            )
        )
    return rows, []
