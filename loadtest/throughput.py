"""`make loadtest-throughput`: does the cluster scale with the cores it has, or is something shared in the way?

Runs the same saturating load (every journey, no think time: LOADTEST_PACE=0) twice, for --seconds each:
  1. against ONE web process of one thread pool (gunicorn, 1 worker), started here with the cluster's
     settings on a free port: what one core serves;
  2. against the cluster through its load balancer (`make cluster`: two nodes of two workers each).
and reports the cluster's requests a second against one core's × the machine's cores (os.cpu_count()).

Both runs share the machine with the load generator, PostgreSQL, Redis and the workers, which take cores the
cluster's nodes would have on machines of their own. So it also reports the requests served per CPU second
the web processes used (from /proc, for each run's process groups): if something shared (the database, a
lock, the balancer) held the nodes back, the cluster would serve fewer per CPU second than one process does.
Plain Python, no Django; needs a running `make cluster`.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as load  # loadtest/run.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / os.environ.get("VAR_DIR", "var")
CLUSTER = VAR / "cluster"
OUT = VAR / "loadtest"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(groups: list[int]) -> float:
    """CPU time (user + system, with reaped children) of every process in the process ``groups``."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[2]) in groups:  # pgrp; then utime, stime, cutime, cstime
            total += sum(int(value) for value in fields[11:15])
    return total / ticks


def measure(host: str, users: int, seconds: int, name: str, groups: list[int]) -> dict:
    csv_prefix = str(OUT / f"throughput-{name}")
    for old in OUT.glob(f"throughput-{name}_*.csv"):
        old.unlink()
    before = cpu_seconds(groups)
    load.locust_start(host, users, users, f"{seconds}s", csv_prefix).wait()
    figures = load.summarise(csv_prefix)
    figures["web_cpu_seconds"] = round(cpu_seconds(groups) - before, 1)
    figures["requests_per_web_cpu_second"] = round(figures["requests"] / (figures["web_cpu_seconds"] or 1), 1)
    print(
        f"  {name:<12} {figures['rps']:>8.1f} requests/s  ({figures['requests']} requests, "
        f"{figures['failures']} failed, p95 {figures['p95_ms']:.0f} ms; the web processes used "
        f"{figures['web_cpu_seconds']} CPU s: {figures['requests_per_web_cpu_second']} requests per CPU s)",
        flush=True,
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    if not (CLUSTER / "state.json").exists():
        print("No cluster is running: start `make cluster` in another terminal first.", file=sys.stderr)
        return 1
    env = {**os.environ, **json.loads((CLUSTER / "env.json").read_text())}
    os.environ["LOADTEST_PACE"] = "0"
    os.environ.setdefault("LOADTEST_SESSIONS", str(OUT / "sessions.json"))
    os.environ.setdefault("LOADTEST_POSTS_FILE", str(OUT / "posts-accepted.txt"))
    port = free_port()
    single = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "cocreate.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            os.environ.get("CLUSTER_WEB_THREADS", "4"),
            "--worker-class",
            "gthread",
            "--no-control-socket",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not load.answers(f"http://127.0.0.1:{port}/healthz/node"):
            if time.monotonic() > deadline or single.poll() is not None:
                print("The single web process did not start.", file=sys.stderr)
                return 1
            time.sleep(0.3)
        cores = os.cpu_count() or 1
        print(f"Throughput, {args.users} users without think time, {args.seconds} s each ({cores} cores):")
        one = measure(f"http://127.0.0.1:{port}", args.users, args.seconds, "one-process", [single.pid])
    finally:
        single.terminate()
        single.wait(timeout=30)
    nodes = json.loads((CLUSTER / "state.json").read_text())
    cluster = measure(
        f"http://127.0.0.1:{os.environ.get('CLUSTER_PORT', '8080')}",
        args.users,
        args.seconds,
        "cluster",
        [nodes["web1"]["pid"], nodes["web2"]["pid"]],
    )
    ratio = cluster["rps"] / (one["rps"] * cores) if one["rps"] else 0.0
    per_cpu = cluster["requests_per_web_cpu_second"] / (one["requests_per_web_cpu_second"] or 1)
    result = {
        "cores": cores,
        "one_process_rps": one["rps"],
        "cluster_rps": cluster["rps"],
        "cluster_vs_one_process_times_cores": round(ratio, 3),
        "cluster_vs_one_process_per_web_cpu_second": round(per_cpu, 3),
        "one_process": one,
        "cluster": cluster,
    }
    (OUT / "throughput.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"  cluster / (one process × {cores} cores) = {ratio:.2f}  (goal ≥ 0.85)")
    print(f"  requests per web CPU second, cluster / one process = {per_cpu:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
