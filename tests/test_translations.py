"""Danish is kept complete: every string the code marks for translation is in locale/da, translated,
and compiled."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import require_or_skip

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCES = ["manage.py", "cocreate", "platform_core", "arenas", "templates", "locale"]


def catalogue(entries):
    return {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in entries}


def test_every_danish_entry_is_translated_and_not_fuzzy():
    po = polib.pofile(str(PO))

    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]

    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(PO))
    mo = polib.mofile(str(MO))

    translated = [e for e in po.translated_entries() if not e.obsolete]
    assert catalogue(translated) == catalogue(e for e in mo if e.msgid), "run `make messages`"


def test_makemessages_finds_no_string_missing_from_the_danish_catalogue(tmp_path):
    if not shutil.which("xgettext"):
        require_or_skip("gettext (xgettext) is not installed")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "da", "--no-obsolete", "--verbosity", "0"],
        cwd=tmp_path,
        check=True,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "cocreate.settings.test",
            "HOME": str(tmp_path),
        },
    )

    fresh = polib.pofile(str(tmp_path / "locale" / "da" / "LC_MESSAGES" / "django.po"))
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO))}
    missing = sorted(e.msgid for e in fresh if (e.msgctxt, e.msgid) not in committed)
    assert missing == [], "strings missing from locale/da: run `make messages` and translate them"


@pytest.mark.django_db
def test_the_home_page_speaks_danish(client):
    client.cookies["django_language"] = "da"

    html = client.get("/").content.decode()

    assert 'lang="da"' in html
    assert "Løs offentlige problemer sammen" in html
    assert "Spring til hovedindholdet" in html
