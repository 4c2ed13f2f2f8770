"""One real, short load test: locust against a live server seeded as ``make loadtest`` expects."""

import importlib.util
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from arenas.deliberation.models import Post

RUN = Path(__file__).resolve().parents[2] / "loadtest" / "run.py"
spec = importlib.util.spec_from_file_location("loadtest_run", RUN)
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)


@pytest.mark.services
def test_a_short_run_has_no_failures_and_every_accepted_post_exists_once(
    live_server, celery_worker_process, terms_in_effect, tmp_path, monkeypatch
):
    quiet = io.StringIO()
    call_command("seed_demo", stdout=quiet)
    sessions, posts = tmp_path / "sessions.json", tmp_path / "posts-accepted.txt"
    call_command("loadtest_seed", participants=20, sessions_file=str(sessions), stdout=quiet)
    monkeypatch.setenv("LOADTEST_SESSIONS", str(sessions))
    monkeypatch.setenv("LOADTEST_POSTS_FILE", str(posts))
    monkeypatch.setenv("LOADTEST_PACE", "0.05")  # think times of a twentieth: a few posts in 15 s

    prefix = str(tmp_path / "locust")
    # 8 users give 3 or 4 participants: at this pace each does a dozen tasks, one in six a post or reply, so
    # a run without one accepted post would be a failure to notice, not chance (under 1 in 1,000).
    process = run.locust_start(live_server.url, 8, 8, "20s", prefix)
    assert process.wait(timeout=60) == 0, Path(f"{prefix}.log").read_text()[-3000:]

    results = run.summarise(prefix)
    assert results["requests"] > 0
    assert results["failures"] == 0, results["errors"]
    assert {"anonymous: thread page", "participant: thread page"} <= set(results["journeys"])
    markers = posts.read_text().split()
    assert markers, "no post was accepted"
    assert all(re.fullmatch(r"\[lt:[0-9a-f]{32}\]", marker) for marker in markers)
    for marker in markers:
        assert Post.objects.filter(body__contains=marker).count() == 1, marker
