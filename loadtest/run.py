"""Run the load test headless and write its figures (``make loadtest``).

    python loadtest/run.py --host http://127.0.0.1:8080 --users 100 --spawn-rate 10 --duration 1m

Runs locust (``loadtest/locustfile.py``) as a subprocess with CSV output under ``var/loadtest/locust``,
then reads the CSV files and writes ``var/loadtest/results.json`` and prints a table.

For the fault runner, three plain functions:

- ``locust_start(host, users, spawn_rate, duration, csv_prefix) -> subprocess.Popen``: start a run;
- ``summarise(csv_prefix) -> dict``: the figures of a finished run (see ``summarise``);
- ``failures_between(csv_prefix, start, end) -> (requests, failures)``: requests made and failed between
  two unix times, from the run's stats history (usable while it runs).

Plain Python: no Django, no locust import (locust runs in its own process).
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = ROOT / "loadtest" / "locustfile.py"
OUT_DIR = Path(os.environ.get("VAR_DIR", ROOT / "var")) / "loadtest"
AGGREGATED = "Aggregated"
# The locustfile names every HTML page request "<journey>: <what> page".
PAGE_SUFFIX = " page"
TOP_ERRORS = 10
EMPTY = {"Request Count": 0, "Failure Count": 0, "Requests/s": 0, "50%": 0, "95%": 0, "99%": 0}


def answers(url: str) -> bool:
    """Whether ``url`` answers 200 within 2 s (a node's or the balancer's health check)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def locust_start(
    host: str, users: int, spawn_rate: float, duration: str, csv_prefix: str
) -> subprocess.Popen:
    """Start locust headless against ``host`` for ``duration`` (e.g. "1m", "90s"), writing
    ``<csv_prefix>_stats.csv``, ``_stats_history.csv`` (every second), ``_failures.csv``. Returns the process;
    its output goes to ``<csv_prefix>.log``. Wait for it with ``.wait()``."""
    Path(csv_prefix).parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(spawn_rate),
        "-t",
        str(duration),
        "--host",
        host,
        "--csv",
        str(csv_prefix),
        "--csv-full-history",
        "--only-summary",
        "--stop-timeout",
        "10",
    ]
    with Path(f"{csv_prefix}.log").open("w") as log:  # the child keeps its own copy of the file
        return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0  # locust writes "N/A" for a percentile it has no sample for


PERCENTILES = [
    (0.50, "50%"),
    (0.66, "66%"),
    (0.75, "75%"),
    (0.80, "80%"),
    (0.90, "90%"),
    (0.95, "95%"),
    (0.98, "98%"),
    (0.99, "99%"),
    (0.999, "99.9%"),
    (0.9999, "99.99%"),
    (1.0, "100%"),
]


def _figures(row: dict) -> dict:
    return {
        "requests": int(_number(row["Request Count"])),
        "failures": int(_number(row["Failure Count"])),
        "rps": round(_number(row["Requests/s"]), 2),
        "p50_ms": _number(row["50%"]),
        "p95_ms": _number(row["95%"]),
        "p99_ms": _number(row["99%"]),
    }


def _share_at_most(row: dict, ms: float) -> float:
    """The share of a row's requests that took at most ``ms``, read off its percentiles (linear between)."""
    previous_share, previous_ms = 0.0, _number(row["Min Response Time"])
    if ms < previous_ms:
        return 0.0
    for share, column in PERCENTILES:
        at = _number(row[column])
        if ms < at:
            span = at - previous_ms
            return previous_share + (share - previous_share) * ((ms - previous_ms) / span if span else 1)
        previous_share, previous_ms = share, at
    return 1.0


def combined_percentile(rows: list[dict], share: float) -> float:
    """The ``share`` percentile of several rows' requests together. Locust's CSV keeps percentiles, not
    the samples, so it is found from each row's percentiles weighted by its count (exact for one row)."""
    rows = [row for row in rows if _number(row["Request Count"]) > 0]
    if not rows:
        return 0.0
    if len(rows) == 1:
        return _number(rows[0][_column(share)])
    total = sum(_number(row["Request Count"]) for row in rows)
    low, high = 0.0, max(_number(row["100%"]) for row in rows)
    for _ in range(60):
        middle = (low + high) / 2
        below = sum(_number(row["Request Count"]) * _share_at_most(row, middle) for row in rows) / total
        if below >= share:
            high = middle
        else:
            low = middle
    return round(high, 1)


def _column(share: float) -> str:
    return next(column for value, column in PERCENTILES if value == share)


def summarise(csv_prefix: str) -> dict:
    """The figures of a run, from its CSV files:

    ``requests``, ``failures``, ``rps``, ``p50_ms``, ``p95_ms``, ``p99_ms`` (every request);
    ``pages_p95_ms``, ``pages_p99_ms`` (HTML pages only); ``journeys`` {request name: the same six
    figures}; ``errors`` [{name, method, error, occurrences}], most frequent first; ``started``/``ended``
    (unix time, from the stats history), ``duration`` (seconds), ``users`` (the most at once)."""
    stats = _rows(Path(f"{csv_prefix}_stats.csv"))
    if not stats:
        raise FileNotFoundError(f"{csv_prefix}_stats.csv is missing or empty: did locust run?")
    total = next((row for row in stats if row["Name"] == AGGREGATED), None)
    by_name = [row for row in stats if row["Name"] != AGGREGATED]
    pages = [row for row in by_name if row["Type"] == "GET" and row["Name"].endswith(PAGE_SUFFIX)]
    history = [row for row in _rows(Path(f"{csv_prefix}_stats_history.csv")) if row["Name"] == AGGREGATED]
    started = int(_number(history[0]["Timestamp"])) if history else 0
    ended = int(_number(history[-1]["Timestamp"])) if history else 0
    failures = _rows(Path(f"{csv_prefix}_failures.csv"))
    errors = sorted(
        (
            {
                "name": row["Name"],
                "method": row["Method"],
                "error": row["Error"],
                "occurrences": int(_number(row["Occurrences"])),
            }
            for row in failures
        ),
        key=lambda error: -error["occurrences"],
    )[:TOP_ERRORS]
    journeys = {}
    for row in sorted(by_name, key=lambda row: row["Name"]):
        figures = _figures(row)
        previous = journeys.get(row["Name"])  # one name, several methods: keep them apart
        journeys[row["Name"] if previous is None else f"{row['Name']} ({row['Type']})"] = figures
    return {
        **_figures(total or EMPTY),
        "pages_p95_ms": combined_percentile(pages, 0.95),
        "pages_p99_ms": combined_percentile(pages, 0.99),
        "journeys": journeys,
        "errors": errors,
        "started": started,
        "ended": ended,
        "duration": ended - started,
        "users": max((int(_number(row["User Count"])) for row in history), default=0),
    }


def failures_between(csv_prefix: str, start: float, end: float) -> tuple[int, int]:
    """(requests, failures) made between unix times ``start`` and ``end``: the Aggregated row's cumulative
    counts in the stats history at the last line at or before ``end``, less those at the last line before
    ``start`` (none before it: from zero)."""
    history = [row for row in _rows(Path(f"{csv_prefix}_stats_history.csv")) if row["Name"] == AGGREGATED]

    def counts(rows: list[dict]) -> tuple[int, int]:
        if not rows:
            return 0, 0
        return int(_number(rows[-1]["Total Request Count"])), int(_number(rows[-1]["Total Failure Count"]))

    before = counts([row for row in history if _number(row["Timestamp"]) < start])
    until = counts([row for row in history if _number(row["Timestamp"]) <= end])
    return until[0] - before[0], until[1] - before[1]


def table(results: dict) -> str:
    """The figures as a plain-text table: all requests, pages, then each journey."""
    lines = [
        f"{results['users']} users for {results['duration']} s: {results['requests']} requests, "
        f"{results['failures']} failed, {results['rps']} requests/s; "
        f"pages p95 {results['pages_p95_ms']:.0f} ms, p99 {results['pages_p99_ms']:.0f} ms",
        "",
        f"{'request':<44} {'requests':>9} {'failed':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}",
    ]
    rows = [("all requests", results), *results["journeys"].items()]
    for name, figures in rows:
        lines.append(
            f"{name[:44]:<44} {figures['requests']:>9} {figures['failures']:>7} {figures['rps']:>7.2f} "
            f"{figures['p50_ms']:>7.0f} {figures['p95_ms']:>7.0f} {figures['p99_ms']:>7.0f}"
        )
    if results["errors"]:
        lines += ["", "Errors:"]
        lines += [
            f"  {e['occurrences']:>6} × {e['method']} {e['name']}: {e['error']}" for e in results["errors"]
        ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="http://127.0.0.1:8080")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", default="1m")
    parser.add_argument("--out", default=str(OUT_DIR), help="where the CSV files and results.json go")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    csv_prefix = str(out / "locust")
    for old in out.glob("locust_*.csv"):
        old.unlink()  # figures of an earlier run must not be read as this one's
    print(f"Load test: {args.users} users against {args.host} for {args.duration} …", flush=True)
    started = time.time()
    process = locust_start(args.host, args.users, args.spawn_rate, args.duration, csv_prefix)
    code = process.wait()
    try:
        results = summarise(csv_prefix)
    except FileNotFoundError as missing:
        print(f"{missing}\n{Path(csv_prefix + '.log').read_text()[-3000:]}", file=sys.stderr)
        return code or 1
    results["started"] = results["started"] or int(started)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(results))
    print(f"\nFigures in {out / 'results.json'}; locust's log in {csv_prefix}.log")
    return 1 if results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
