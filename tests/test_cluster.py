"""`make cluster` and the compose file deploy the same shape: a proxy in front of several web nodes, each
health-checked on /healthz/node, and several workers. The load test and its faults run against the cluster;
what they show holds for compose only as long as these agree."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

needs_haproxy = pytest.mark.skipif(
    not shutil.which("haproxy") and not os.environ.get("REQUIRE_SERVICES"), reason="HAProxy is not installed"
)


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def cluster_haproxy_config() -> str:
    return subprocess.run(
        [sys.executable, "scripts/cluster", "--haproxy-config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_compose_balances_several_web_replicas_and_runs_several_workers():
    services = compose()

    assert services["proxy"]["ports"] == ["8000:8000"]
    assert "./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in services["proxy"]["volumes"]
    assert "ports" not in services["web"]  # only the proxy is published
    assert services["web"]["deploy"]["replicas"] >= 2
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert "replicas" not in services["beat"].get("deploy", {})  # exactly one beat


def test_the_cluster_uses_the_compose_proxy_config_with_its_own_two_nodes():
    ours = cluster_haproxy_config()
    theirs = (ROOT / "deploy" / "haproxy.cfg").read_text()

    assert "server web1 127.0.0.1:8081 check" in ours
    assert "server web2 127.0.0.1:8082 check" in ours
    assert "server-template" not in ours
    common = theirs[: theirs.index("    # >>> servers")]
    assert ours.startswith(common)
    assert "uri /healthz/node" in common
    assert "option redispatch" in common
    assert "disable-l7-retry unless { method GET HEAD OPTIONS }" in common


@needs_haproxy
@pytest.mark.parametrize("which", ["cluster", "compose"])
def test_haproxy_accepts_the_config(tmp_path, which):
    config = tmp_path / "haproxy.cfg"
    config.write_text(
        cluster_haproxy_config() if which == "cluster" else (ROOT / "deploy/haproxy.cfg").read_text()
    )

    result = subprocess.run(
        ["haproxy", "-c", "-f", str(config)],
        env={**os.environ, "PROXY_BIND": "127.0.0.1:18080"},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Configuration file is valid" in result.stdout
