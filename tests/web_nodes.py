"""Web nodes for integration tests: ``gunicorn cocreate.wsgi`` with the production settings, on a port of its
own, against the test database and Redis — as one node of a cluster runs behind its load balancer.

Each node is its own session and process group (its master and workers), so a test can kill the whole node
at once with SIGKILL, as a lost machine or an out-of-memory kill would.
"""

import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.embedded import free_port, wait_for
from tests.worker import shared_database_url

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
NETWORK_ERRORS = (OSError, http.client.HTTPException)  # refused, reset, closed mid-answer, timed out


def call(port: int, method: str, path: str, *, token: str = "", payload=None, timeout: float = 15):
    """One request on a fresh connection: (status, decoded JSON or None). Raises ``NETWORK_ERRORS``."""
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    body = None
    if payload is not None:
        body, headers["Content-Type"] = json.dumps(payload), "application/json"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        try:
            return response.status, json.loads(content)
        except ValueError:
            return response.status, None
    finally:
        connection.close()


class WebNode:
    def __init__(
        self,
        *,
        name: str,
        var_dir: Path,
        queue: str,
        rate_limit_prefix: str,
        extra_env: dict[str, str] | None = None,
    ):
        self.name = name
        self.port = free_port()
        self.var_dir = var_dir
        self.log_path = var_dir / f"{name}.log"
        self.queue = queue
        self.extra_env = extra_env or {}
        self.rate_limit_prefix = rate_limit_prefix
        self.process: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cocreate.settings.production",
            "SECRET_KEY": "scale-out-test-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{self.port}",
            "SECURE_SSL_REDIRECT": "false",
            "ACCOUNT_DEFAULT_HTTP_PROTOCOL": "http",
            "DATABASE_URL": shared_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "EMAIL_URL": "filemail://",
            "EMAIL_FILE_PATH": str(self.var_dir / "mail"),
            "VAR_DIR": str(self.var_dir),
            "MEDIA_ROOT": str(self.var_dir / "media"),
            "DATA_EXPORT_ROOT": str(self.var_dir / "exports"),
            # Counted apart from earlier runs: a test database made afresh gives its people the same ids.
            "RATE_LIMIT_KEY_PREFIX": self.rate_limit_prefix,
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    def start(self) -> "WebNode":
        """Start the node; ``wait_until_healthy`` waits for it to answer."""
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "cocreate.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--no-control-socket",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=self.log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def healthy(self) -> bool:
        if self.process is None or self.process.poll() is not None:
            raise AssertionError(f"Web node {self.name} exited:\n{self.log()}")
        try:
            status, body = call(self.port, "GET", "/healthz", timeout=5)
        except NETWORK_ERRORS:
            return False
        return status == 200 and body["status"] == "ok"

    def wait_until_healthy(self, timeout: float = 60) -> "WebNode":
        try:
            wait_for(self.healthy, timeout=timeout, what=f"/healthz of web node {self.name}")
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{self.log()[-3000:]}") from None
        return self

    def refuses_connections(self) -> bool:
        try:
            call(self.port, "GET", "/healthz", timeout=2)
        except ConnectionRefusedError:
            return True
        except NETWORK_ERRORS:
            return False
        return False

    def kill(self) -> None:
        """SIGKILL to the node's master and workers at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        # Workers outliving their master (after a SIGKILL of the master alone) are in the same group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""
