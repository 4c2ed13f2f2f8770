"""`make loadtest-faults`: the load test against `make cluster`, with faults while it runs, then a check
from the database that nothing was lost or doubled.

While locust runs (loadtest/run.py), at fixed shares of the run:
  at 15 %  web1 is killed with SIGKILL (its whole process group, as a machine that dies) and kept down for a
           minute (a fifth of runs shorter than five minutes), then the cluster starts it again;
  at 45 %  worker1 is killed with SIGKILL while it delivers email (it waits up to 10 s to catch a delivery in
           `sending`), kept down 15 s, then started again;
  at 70 %  the cluster's Redis (cache and broker) is stopped and started again 5 s later.
For each fault it reports the requests and the failed requests from the fault until it was over
(`failed_requests`), and in the 30 s after it was over (`failed_after`).

After the run `manage.py loadtest_check` waits (up to --wait seconds) until every email due since the start
was sent, then compares: every post locust was told was created exists exactly once; every email due was
sent exactly once (one message per Message-ID in the cluster's mail folder), none stuck.

The cluster's processes are found in var/cluster/state.json; a fault holds a process down by creating
var/cluster/hold/<name> (scripts/cluster). Plain Python: no Django here; the check runs as a command with the
cluster's environment (var/cluster/env.json).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as load  # loadtest/run.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / os.environ.get("VAR_DIR", "var")
CLUSTER = VAR / "cluster"
OUT = VAR / "loadtest"
AFTER_SECONDS = 30


def state() -> dict:
    return json.loads((CLUSTER / "state.json").read_text())


def cluster_env() -> dict[str, str]:
    return {**os.environ, **json.loads((CLUSTER / "env.json").read_text())}


def wait_until(predicate, seconds: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def redis_answers(port: int) -> bool:
    return subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode == 0


def sending_now(env: dict[str, str]) -> int:
    """Deliveries a worker is sending at this moment (psql: the fault run has no Django)."""
    result = subprocess.run(
        [
            "psql",
            env["DATABASE_URL"],
            "-tAc",
            "SELECT count(*) FROM notifications_emaildelivery WHERE status = 'sending'",
        ],
        capture_output=True,
        text=True,
    )
    return int(result.stdout.strip() or 0) if result.returncode == 0 else 0


class Fault:
    def __init__(self, kind: str, process: str, at: float, down: float, sig: int):
        self.kind, self.process, self.at, self.down, self.signal = kind, process, at, down, sig
        self.started = self.ended = None
        self.run_started = 0.0
        self.notes: dict = {}

    def inject(self, env: dict[str, str]) -> None:
        name = self.process
        hold = CLUSTER / "hold" / name
        if self.kind == "worker_killed":

            def caught_sending() -> bool:
                self.notes["sending_when_killed"] = sending_now(env)
                return self.notes["sending_when_killed"] > 0

            wait_until(caught_sending, 10, 0.1)
        pid = state()[name]["pid"]
        hold.touch()
        self.started = time.time()
        os.killpg(pid, self.signal)
        print(f"{time.strftime('%H:%M:%S')} fault: {self.kind} ({name}, pid {pid})", flush=True)
        time.sleep(self.down)
        hold.unlink()
        port = state()[name]["port"]
        if name.startswith("web"):
            back = wait_until(lambda: load.answers(f"http://127.0.0.1:{port}/healthz/node"), 60)
        elif name == "redis":
            back = wait_until(lambda: redis_answers(port), 60)
        else:
            back = wait_until(lambda: state()[name]["pid"] != pid, 60)
        self.ended = time.time()
        self.notes["back"] = back
        print(
            f"{time.strftime('%H:%M:%S')} fault over: {self.kind} after {self.ended - self.started:.0f} s",
            flush=True,
        )

    def report(self, csv_prefix: str) -> dict:
        requests, failed = load.failures_between(csv_prefix, self.started, self.ended)
        after_requests, after_failed = load.failures_between(
            csv_prefix, self.ended, self.ended + AFTER_SECONDS
        )
        return {
            "kind": self.kind,
            "process": self.process,
            "at_seconds": round(self.started - self.run_started, 1),
            "lasted_seconds": round(self.ended - self.started, 1),
            "requests": requests,
            "failed_requests": failed,
            "failed_share": round(failed / requests, 5) if requests else 0.0,
            "requests_after": after_requests,
            "failed_after": after_failed,
            **self.notes,
        }


def seconds(duration: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    total, number = 0, ""
    for char in duration.strip():
        if char.isdigit():
            number += char
        else:
            total, number = total + int(number) * units[char], ""
    return total + (int(number) if number else 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=f"http://127.0.0.1:{os.environ.get('CLUSTER_PORT', '8080')}")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", default="5m")
    parser.add_argument("--wait", type=int, default=300, help="seconds to wait for the outbox to drain")
    args = parser.parse_args()
    if not (CLUSTER / "state.json").exists():
        print("No cluster is running: start `make cluster` in another terminal first.", file=sys.stderr)
        return 1
    total = seconds(args.duration)
    env = cluster_env()
    OUT.mkdir(parents=True, exist_ok=True)
    posts_file = Path(os.environ.setdefault("LOADTEST_POSTS_FILE", str(OUT / "posts-accepted.txt")))
    posts_file.write_text("")  # this run's posts only
    os.environ.setdefault("LOADTEST_SESSIONS", str(OUT / "sessions.json"))
    csv_prefix = str(OUT / "locust")
    for old in OUT.glob("locust_*.csv"):
        old.unlink()
    faults = [
        Fault("web_node_killed", "web1", 0.15 * total, min(60, 0.2 * total), signal.SIGKILL),
        Fault("worker_killed", "worker1", 0.45 * total, 15, signal.SIGKILL),
        Fault("redis_restarted", "redis", 0.70 * total, 5, signal.SIGTERM),
    ]
    started = time.time()
    locust = load.locust_start(args.host, args.users, args.spawn_rate, args.duration, csv_prefix)

    for fault in faults:
        fault.run_started = started

    def inject_all():
        for fault in faults:
            delay = started + fault.at - time.time()
            if delay > 0:
                time.sleep(delay)
            if locust.poll() is not None:
                return
            fault.inject(env)

    injector = threading.Thread(target=inject_all, daemon=True)
    injector.start()
    locust.wait()
    injector.join()
    results = load.summarise(csv_prefix)
    results["faults"] = [fault.report(csv_prefix) for fault in faults if fault.ended]
    check = subprocess.run(
        [
            str(Path(sys.executable)),
            "manage.py",
            "loadtest_check",
            "--since",
            str(started),
            "--posts",
            str(posts_file),
            "--mail-dir",
            env["EMAIL_FILE_PATH"],
            "--wait",
            str(args.wait),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        print(check.stdout + check.stderr, file=sys.stderr)
        return 1
    results.update(json.loads(check.stdout))
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(load.table(results))
    print_faults(results)
    print(f"\nFigures in {OUT / 'results.json'}; locust's log in {csv_prefix}.log")
    return 0


def print_faults(results: dict) -> None:
    print("\nFaults under load")
    print(f"  {'fault':<18} {'at':>6} {'lasted':>7} {'requests':>9} {'failed':>7} {'share':>7} {'after':>6}")
    for fault in results["faults"]:
        print(
            f"  {fault['kind']:<18} {fault['at_seconds']:>5.0f}s {fault['lasted_seconds']:>6.0f}s "
            f"{fault['requests']:>9} {fault['failed_requests']:>7} {fault['failed_share']:>7.2%} "
            f"{fault['failed_after']:>6}"
        )
    print("\nAfter the run (from the database)")
    print(
        f"  posts: {results['posts_accepted']} accepted, {results['posts_found']} found, "
        f"{results['posts_doubled']} doubled"
    )
    print(
        f"  emails: {results['emails_due']} due, {results['emails_sent_once']} sent once, "
        f"{results['emails_doubled']} doubled, {results['emails_stuck']} stuck"
    )


if __name__ == "__main__":
    sys.exit(main())
