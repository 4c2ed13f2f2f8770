"""Download my data end to end, with a real Celery worker over Redis: asking on the settings page queues
the build, the worker writes the archive and emails the link, and the link downloads it."""

import io
import json
import re
import zipfile

import pytest

from tests.embedded import wait_for

pytestmark = pytest.mark.services


def test_the_worker_builds_the_archive_and_emails_the_link(
    client, celery_worker_factory, world, settings, tmp_path
):
    exports_dir, mail_dir = tmp_path / "exports", tmp_path / "mail"
    settings.DATA_EXPORT_ROOT = exports_dir
    worker = celery_worker_factory(mail_dir=mail_dir, extra_env={"DATA_EXPORT_ROOT": str(exports_dir)})
    client.force_login(world["person"])

    assert client.post("/settings/data/").status_code == 302

    def link_in_mail():
        text = "".join(path.read_text() for path in mail_dir.glob("*.log")) if mail_dir.exists() else ""
        match = re.search(r"https?://[^\s\"<>]+(/settings/data/[^\s\"<>/]+/)", text)
        return match and match.group(1)

    try:
        link = wait_for(link_in_mail, timeout=90, what="the email with the link")
    except AssertionError:
        raise AssertionError(worker.log()[-3000:]) from None
    response = client.get(link)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "My first idea, better" in {p["body"] for p in json.loads(archive.read("posts.json"))}
    assert [m["arena__title"] for m in json.loads(archive.read("memberships.json"))] == [
        "Safer school routes"
    ]
