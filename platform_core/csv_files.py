"""CSV files as spreadsheets write them and people upload them, and CSV files that spreadsheets open right.

Reading: UTF-8 with or without a byte-order mark, or — when the bytes are not UTF-8 — Windows-1252
(Latin-1), which Excel's plain "CSV" writes on Windows, told apart from other encodings by charset-normalizer;
cells separated by commas or semicolons (Excel writes semicolons where the decimal separator is a comma, as
in Danish), or tabs; an Excel ``sep=;`` first line is honoured. What cannot be read as text — a NUL byte, a
UTF-16 file, a workbook, an encoding we do not read — is refused whole with a message saying how to save
the file instead, before anything is done with it.

Writing: UTF-8 with a byte-order mark (so Excel does not take it for Windows-1252), cells separated the
way the viewer's spreadsheet expects in their language."""

import codecs
import csv
import io

import charset_normalizer
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext as _

# Decoded only when charset-normalizer finds the text plausible in them: every other encoding is refused,
# because guessing among many single-byte encodings on a short list of names mostly guesses wrong.
SINGLE_BYTE_ENCODINGS = ["cp1252", "latin_1"]
DELIMITERS = (";", ",", "\t")
UTF16_AND_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods workbooks are zip files


def _save_as_utf8() -> str:
    return _("In Excel, choose File › Save As › “CSV UTF-8 (Comma delimited) (*.csv)” and upload that file.")


def csv_text(raw: bytes) -> str:
    """The text of an uploaded CSV file, or a ValidationError saying why it cannot be read and what to do."""
    if raw.startswith(ZIP_MAGIC):
        raise ValidationError(
            _("This is a spreadsheet workbook, not a CSV file. %(fix)s") % {"fix": _save_as_utf8()},
            code="not_csv",
        )
    if raw.startswith(UTF16_AND_32_BOMS):
        raise ValidationError(
            _("This file is saved as “Unicode Text” (UTF-16), which we do not read. %(fix)s")
            % {"fix": _save_as_utf8()},
            code="encoding",
        )
    if b"\x00" in raw:
        raise ValidationError(
            _(
                "This file holds a NUL (zero) byte, which a CSV file never does: it may be damaged, "
                "or not a CSV file. %(fix)s"
            )
            % {"fix": _save_as_utf8()},
            code="nul",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw, cp_isolation=SINGLE_BYTE_ENCODINGS).best()
    if best is None:
        raise ValidationError(
            _("We cannot tell how the letters in this file are written (its encoding). %(fix)s")
            % {"fix": _save_as_utf8()},
            code="encoding",
        )
    return str(best)


def _delimiter(lines: list[str]) -> str:
    """The separator that the first lines use most (a comma when they use none)."""
    sample = [line for line in lines if line.strip()][:5]
    counts = {delimiter: sum(line.count(delimiter) for line in sample) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV text that hold anything, each a list of its cells without surrounding space."""
    lines = text.splitlines()
    first = lines[0].strip().strip('"').lower() if lines else ""
    if first.startswith("sep=") and len(first) == 5:  # Excel's own way of naming the separator
        delimiter, lines = first[4], lines[1:]
    else:
        delimiter = _delimiter(lines)
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter, skipinitialspace=True)
    return [cells for cells in ([cell.strip() for cell in row] for row in reader) if any(cells)]


def read_csv_upload(upload, *, max_bytes: int) -> list[list[str]]:
    """The non-empty rows of an uploaded CSV file (a file object, read up to ``max_bytes``)."""
    raw = upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ValidationError(
            _("The file is larger than %(size)s; split it into smaller files.")
            % {"size": filesizeformat(max_bytes)},
            code="too_large",
        )
    if isinstance(raw, str):
        raw = raw.encode()
    return csv_rows(csv_text(raw))


def csv_for_excel(rows: list[list[str]]) -> bytes:
    """A CSV file a spreadsheet opens right by a double click: UTF-8 with a byte-order mark, and semicolons
    where the viewer's language writes decimal commas (there Excel expects them), commas elsewhere."""
    delimiter = ";" if formats.get_format("DECIMAL_SEPARATOR") == "," else ","
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
