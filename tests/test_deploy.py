"""The deployment contract: `.env.example` documents every variable the settings read, and with exactly
that environment the production settings pass ``check --deploy``; without SECRET_KEY they refuse to start.

Each check runs ``manage.py`` in a fresh interpreter with a hand-built environment (the settings read no
``.env`` file, so that environment is all they see).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
ENV_EXAMPLE = BASE_DIR / ".env.example"
SETTINGS_DIR = BASE_DIR / "cocreate" / "settings"
TIMEOUT_SECONDS = 60

CHECK_DEPLOY = ["check", "--deploy", "--fail-level", "WARNING", "--settings=cocreate.settings.production"]


def parse_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines; comments and blank lines ignored; a value may be wrapped in single or double quotes."""
    values = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)", line)
        assert match, f"{path.name}:{number}: not KEY=value: {raw!r}"
        key, value = match.groups()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def base_environment() -> dict[str, str]:
    """Only what a shell needs; no DJANGO_SETTINGS_MODULE and nothing else from the caller's environment."""
    return {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}


def run_manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def variables_read_by_settings() -> set[str]:
    """Names passed to ``env(...)``/``env.<cast>(...)`` in cocreate/settings/*.py."""
    pattern = re.compile(r"\benv(?:\.\w+)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']")
    return {name for path in SETTINGS_DIR.glob("*.py") for name in pattern.findall(path.read_text())}


def test_env_example_documents_every_variable_the_settings_read():
    values = parse_env_file(ENV_EXAMPLE)
    missing = variables_read_by_settings() - values.keys()
    assert not missing, f".env.example does not document {sorted(missing)}"

    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith("#"):
            assert index > 0 and lines[index - 1].startswith("#"), f"no comment line above {line!r}"

    # `make check-deploy` reads the file with bash's `source`: it must see the same values.
    sourced = subprocess.run(
        ["bash", "-c", 'set -a && source "$1" && set +a && env -0', "bash", str(ENV_EXAMPLE)],
        env=base_environment(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=True,
    )
    seen_by_bash = dict(item.split("=", 1) for item in sourced.stdout.split("\0") if "=" in item)
    assert {key: seen_by_bash.get(key) for key in values} == values


def test_production_settings_pass_check_deploy_with_the_example_environment():
    values = parse_env_file(ENV_EXAMPLE)
    secret_key = values["SECRET_KEY"]
    assert len(secret_key) >= 50 and len(set(secret_key)) >= 5
    assert not secret_key.startswith("django-insecure-")
    assert "replace" in secret_key.lower()

    # No database or Redis is contacted: `check --deploy` connects to nothing unless given --database.
    result = run_manage(CHECK_DEPLOY, {**base_environment(), **values})

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output, output
    assert "ERRORS" not in output, output
    assert "System check identified no issues" in output, output


def test_production_settings_refuse_to_start_without_secret_key():
    values = parse_env_file(ENV_EXAMPLE)
    del values["SECRET_KEY"]

    result = run_manage(CHECK_DEPLOY, {**base_environment(), **values})

    assert result.returncode != 0, result.stdout + result.stderr
    assert "SECRET_KEY" in result.stderr
