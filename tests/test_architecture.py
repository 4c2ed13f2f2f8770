"""The house keeps its direction (DESIGN.md section 5): import-linter's contracts in pyproject.toml, which
``make test`` runs, pass on the code as it is and fail on each arrow the design forbids — shown here by
adding such an import to a copy of the code."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def copy_of_the_code(tmp_path):
    for package in ("cocreate", "arenas", "platform_core"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_every_contract():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "forbidden", "contract"),
    [
        ("arenas/views/arena.py", "arenas.deliberation.selectors", "The arena core knows none of its parts"),
        ("arenas/rules.py", "arenas.prototypes.models", "The arena core knows none of its parts"),
        ("arenas/deliberation/views/threads.py", "arenas.prototypes.selectors", "never the other way"),
        ("platform_core/notifications/services.py", "arenas.models", "never back"),
        ("platform_core/notifications/outbox.py", "platform_core.notifications.tasks", "No import cycles"),
    ],
)
def test_a_forbidden_arrow_breaks_the_build(copy_of_the_code, module, forbidden, contract):
    path = copy_of_the_code / module
    path.write_text(path.read_text() + f"\n\ndef _shortcut():\n    import {forbidden}  # noqa\n")

    result = lint(copy_of_the_code)

    assert result.returncode != 0
    verdict = re.search(re.escape(contract) + r"[^.]*? (KEPT|BROKEN)", " ".join(result.stdout.split()))
    assert verdict is not None and verdict.group(1) == "BROKEN", result.stdout
