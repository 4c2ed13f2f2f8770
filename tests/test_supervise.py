"""scripts/supervise, which `make run` runs the Celery worker under (Procfile.dev): a crash is followed by a
restart with a log line and a growing pause; SIGTERM (what honcho sends on Ctrl-C) is passed on and ends it."""

import os
import signal
import subprocess
from pathlib import Path

from tests.embedded import procfile_commands, wait_for

SUPERVISE = Path(__file__).resolve().parent.parent / "scripts" / "supervise"


def supervise(tmp_path: Path, command: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(SUPERVISE), "demo", "sh", "-c", command],
        cwd=tmp_path,
        stderr=(tmp_path / "supervise.log").open("w"),
        start_new_session=True,
    )


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def stop(process: subprocess.Popen) -> int:
    os.kill(process.pid, signal.SIGTERM)
    return process.wait(timeout=6)


def test_the_worker_line_of_procfile_runs_under_supervise():
    assert procfile_commands()["worker"].startswith("exec scripts/supervise worker celery ")


def test_a_process_that_crashes_is_started_again_after_a_growing_pause(tmp_path):
    process = supervise(tmp_path, "echo run >> runs; exit 3")
    try:
        wait_for(lambda: len(lines(tmp_path / "runs")) >= 3, timeout=15, what="two restarts")
    finally:
        assert stop(process) == 0
    log = (tmp_path / "supervise.log").read_text()
    assert "supervise[demo]: demo exited with status 3 after 0 s; starting it again in 1 s" in log
    assert "starting it again in 2 s" in log


def test_a_process_killed_by_a_signal_is_started_again(tmp_path):
    process = supervise(tmp_path, "echo $$ >> pids; exec sleep 60")
    try:
        first = wait_for(lambda: lines(tmp_path / "pids"), timeout=10, what="the first start")[0]
        os.kill(int(first), signal.SIGKILL)  # as the kernel's out-of-memory killer would
        pids = wait_for(lambda: lines(tmp_path / "pids")[1:], timeout=10, what="the restart")
    finally:
        assert stop(process) == 0
    assert pids[0] != first
    assert "demo was ended by signal 9" in (tmp_path / "supervise.log").read_text()


def test_sigterm_is_passed_on_and_ends_the_loop(tmp_path):
    process = supervise(
        tmp_path,
        "trap 'kill $!; echo stopped >> events; exit 0' TERM; echo started >> events; sleep 60 & wait",
    )
    wait_for(lambda: lines(tmp_path / "events"), timeout=10, what="the start")

    assert stop(process) == 0
    assert lines(tmp_path / "events") == ["started", "stopped"]  # told to stop, and not started again


def running(pid: int) -> bool:
    """Alive, not a zombie waiting to be reaped (Linux's /proc)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_process_that_ignores_sigterm_is_killed_with_its_children_before_honcho_would(tmp_path):
    process = supervise(tmp_path, "trap '' TERM; sleep 60 & echo $! > child; wait; wait")
    child = int(wait_for(lambda: lines(tmp_path / "child"), timeout=10, what="the start")[0])

    os.kill(process.pid, signal.SIGTERM)
    process.wait(timeout=5)  # honcho sends SIGKILL after 5 s

    assert "demo did not stop within 3 s; killing it" in (tmp_path / "supervise.log").read_text()
    assert wait_for(lambda: not running(child), timeout=2, what="the child to be gone")
