"""``loadtest/run.py`` reads locust's CSV files: the figures a run reports, from files written here."""

import csv
import importlib.util
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "loadtest" / "run.py"
spec = importlib.util.spec_from_file_location("loadtest_run", RUN)
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)

PERCENT_COLUMNS = ["50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%"]
STATS_COLUMNS = [
    "Type", "Name", "Request Count", "Failure Count", "Median Response Time", "Average Response Time",
    "Min Response Time", "Max Response Time", "Average Content Size", "Requests/s", "Failures/s",
    *PERCENT_COLUMNS,
]  # fmt: skip
HISTORY_COLUMNS = [
    "Timestamp", "User Count", "Type", "Name", "Requests/s", "Failures/s", *PERCENT_COLUMNS,
    "Total Request Count", "Total Failure Count", "Total Median Response Time",
    "Total Average Response Time", "Total Min Response Time", "Total Max Response Time",
    "Total Average Content Size",
]  # fmt: skip


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="0")
        writer.writeheader()
        writer.writerows(rows)


def stats_row(kind, name, count, failures, rps, low, percents):
    row = {"Type": kind, "Name": name, "Request Count": count, "Failure Count": failures, "Requests/s": rps}
    row["Min Response Time"] = low
    row.update(dict(zip(PERCENT_COLUMNS, percents, strict=True)))
    return row


@pytest.fixture
def prefix(tmp_path):
    prefix = tmp_path / "locust"
    write(
        Path(f"{prefix}_stats.csv"),
        STATS_COLUMNS,
        [
            stats_row("GET", "anonymous: thread page", 90, 0, 3.0, 10, [100] * 5 + [200] * 3 + [300] * 3),
            stats_row("GET", "participant: home page", 10, 0, 0.5, 10, [1000] * 11),
            stats_row("POST", "participant: post", 20, 2, 0.66, 50, [400] * 5 + [900] * 6),
            stats_row("GET", "participant: new-posts poll", 80, 1, 2.6, 5, [20] * 5 + [5000] * 6),
            stats_row(
                "", "Aggregated", 200, 3, 6.8, 5, [60, 70, 80, 90, 100, 450, 900, 950, 5000, 5000, 5000]
            ),
        ],
    )
    history = []
    for second, (users, total, failed) in enumerate(
        [(5, 0, 0), (10, 40, 0), (10, 90, 1), (10, 150, 3), (10, 200, 3)]
    ):
        moment = 1_700_000_000 + 10 * second
        history.append({"Timestamp": moment, "User Count": users, "Type": "", "Name": "Aggregated",
                        "Total Request Count": total, "Total Failure Count": failed})  # fmt: skip
        history.append({"Timestamp": moment, "User Count": users, "Type": "GET", "Name": "anonymous: thread page",
                        "Total Request Count": 999, "Total Failure Count": 999})  # fmt: skip
    write(Path(f"{prefix}_stats_history.csv"), HISTORY_COLUMNS, history)
    write(
        Path(f"{prefix}_failures.csv"),
        ["Method", "Name", "Error", "Occurrences"],
        [
            {"Method": "GET", "Name": "participant: new-posts poll", "Error": "new-posts poll answered 502", "Occurrences": 1},
            {"Method": "POST", "Name": "participant: post", "Error": "429 rate limited", "Occurrences": 2},
        ],
    )  # fmt: skip
    return str(prefix)


def test_summary_of_all_requests_and_per_journey(prefix):
    results = run.summarise(prefix)

    assert (results["requests"], results["failures"], results["rps"]) == (200, 3, 6.8)
    assert (results["p50_ms"], results["p95_ms"], results["p99_ms"]) == (60, 450, 950)
    assert results["journeys"]["participant: post"] == {
        "requests": 20, "failures": 2, "rps": 0.66, "p50_ms": 400, "p95_ms": 900, "p99_ms": 900,
    }  # fmt: skip
    assert set(results["journeys"]) == {
        "anonymous: thread page", "participant: home page", "participant: post", "participant: new-posts poll",
    }  # fmt: skip
    assert (results["started"], results["ended"], results["duration"], results["users"]) == (
        1_700_000_000, 1_700_000_040, 40, 10,
    )  # fmt: skip
    assert results["errors"][0] == {
        "name": "participant: post", "method": "POST", "error": "429 rate limited", "occurrences": 2,
    }  # fmt: skip
    assert "participant: post" in run.table(results)


def test_pages_percentiles_count_html_pages_only(prefix):
    results = run.summarise(prefix)

    # 100 page requests: 90 thread pages with p95 200 ms, 10 home pages at 1 s. The poll's 5 s and the
    # post's 900 ms are not pages. The slowest 10 % are the home pages: p95 and p99 are 1 s.
    assert results["pages_p95_ms"] == pytest.approx(1000, abs=1)
    assert results["pages_p99_ms"] == pytest.approx(1000, abs=1)
    assert run.combined_percentile([], 0.95) == 0.0


def test_combined_percentile_of_one_row_is_its_own():
    row = stats_row("GET", "x page", 10, 0, 1, 1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    assert run.combined_percentile([row], 0.95) == 6
    assert run.combined_percentile([row], 0.99) == 8


def test_failures_between_two_moments_from_the_history(prefix):
    start = 1_700_000_000
    assert run.failures_between(prefix, start + 10, start + 30) == (150 - 0, 3 - 0)
    assert run.failures_between(prefix, start + 15, start + 30) == (150 - 40, 3 - 0)
    assert run.failures_between(prefix, start + 35, start + 40) == (200 - 150, 0)
    assert run.failures_between(prefix, start - 100, start - 50) == (0, 0)


def test_a_run_without_csv_files_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        run.summarise(str(tmp_path / "nothing"))
