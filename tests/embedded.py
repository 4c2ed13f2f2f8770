"""The embedded default of ``make run``, started for a test: Procfile.dev's web server (without the
autoreloader) and its supervised Celery worker with beat, on a SQLite file and kombu's filesystem broker in
a folder of the test's own (``VAR_DIR``), emails written as files there.

Whatever the test process is configured with (PostgreSQL, Redis) stays out: the processes get an
environment built from scratch, so the settings fall back to SQLite and the filesystem broker as under
`make run`. They are the test settings by default: the local ones but for quick password hashing, which
otherwise takes most of seed_demo's time.
"""

import http.cookiejar
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "cocreate-demo"


def wait_for(predicate, *, timeout: float, interval: float = 0.2, what: str = "it"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"gave up waiting for {what} after {timeout} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile_commands() -> dict[str, str]:
    lines = (ROOT / "Procfile.dev").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


class EmbeddedStack:
    def __init__(self, var_dir: Path, settings: str = "cocreate.settings.test"):
        self.var_dir = var_dir
        self.settings = settings
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.processes: dict[str, subprocess.Popen] = {}

    @property
    def database(self) -> Path:
        return self.var_dir / "db.sqlite3"

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"

    def env(self) -> dict[str, str]:
        passed = {name: os.environ[name] for name in ("HOME", "LANG", "TMPDIR") if name in os.environ}
        return {
            **passed,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "DJANGO_SETTINGS_MODULE": self.settings,
            "VAR_DIR": str(self.var_dir),
            "DATABASE_URL": f"sqlite:///{self.database}",
            "PORT": str(self.port),
            "SITE_URL": self.base_url,
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
            timeout=120,
        )

    def prepare(self) -> "EmbeddedStack":
        """What `make run` does before it starts the processes."""
        for folder in ("mail", "celery/queue", "celery/processed"):
            (self.var_dir / folder).mkdir(parents=True, exist_ok=True)
        self.manage("migrate", "--noinput")
        self.manage("seed_demo")
        return self

    def _spawn(self, name: str, command: str) -> None:
        log = (self.var_dir / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            command,
            shell=True,
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # as honcho starts them
        )

    def start(self, timeout: float = 40) -> "EmbeddedStack":
        commands = procfile_commands()
        self._spawn("web", commands["web"] + " --noreload --skip-checks")
        self._spawn("worker", commands["worker"])
        try:
            wait_for(lambda: self._ready(), timeout=timeout, what="the web server and the worker")
        except AssertionError:
            self.stop()
            raise AssertionError(
                f"The stack did not start:\n{self.log('web')}\n{self.log('worker')}"
            ) from None
        return self

    def _ready(self) -> bool:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise AssertionError(f"{name} exited early:\n{self.log(name)}")
        if " ready." not in self.log("worker"):
            return False
        try:
            with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.kill(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def log(self, name: str) -> str:
        path = self.var_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def query(self, sql: str, *params) -> list[tuple]:
        """Read the stack's database (read-only, beside the running processes)."""
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=20) as db:
            return db.execute(sql, params).fetchall()

    def mail_messages(self) -> list[str]:
        """Every email the worker wrote (the file backend separates messages with a line of dashes)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            parts = path.read_text(errors="replace").split("-" * 79)
            messages += [part for part in parts if part.strip()]
        return messages


class Client:
    """A person on the site: an API token, and a browser-like session for the HTML forms."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.token = ""
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def api(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(
            self.base_url + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        if self.token:
            request.add_header("Authorization", f"Token {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, {"raw": error.read()[:300].decode(errors="replace")}

    def take_token(self, email: str) -> "Client":
        status, body = self.api("POST", "/api/v1/auth/token/", {"email": email, "password": DEMO_PASSWORD})
        assert status == 200, body
        self.token = body["token"]
        return self

    def _csrf(self) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def sign_in(self, email: str) -> "Client":
        login = f"{self.base_url}/accounts/login/"
        self.opener.open(login, timeout=30).read()
        form = {"csrfmiddlewaretoken": self._csrf(), "login": email, "password": DEMO_PASSWORD}
        request = urllib.request.Request(
            login, data=urllib.parse.urlencode(form).encode(), headers={"Referer": login}
        )
        with self.opener.open(request, timeout=30) as response:
            assert "/accounts/login/" not in response.geturl(), "sign-in failed"
        return self

    def post_form(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> int:
        """A multipart form post, as a browser sends it; answers the final status after redirects."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {"csrfmiddlewaretoken": self._csrf(), **fields}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: text/csv\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(
            self.base_url + path,
            data=b"".join(parts),
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": self.base_url + path,
            },
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
