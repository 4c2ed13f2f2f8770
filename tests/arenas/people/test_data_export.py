"""Download my data: the archive holds everything about the person (a table per part, JSON and CSV),
reaches them as a signed link by email, only for them, for seven days."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from platform_core.accounts.data_export import archive_tables, data_export_build, data_exports_expire
from platform_core.accounts.models import DataExport
from platform_core.audit.models import AuditEntry
from platform_core.audit.words import action_said
from platform_core.notifications.models import Notification
from tests.factories import UserFactory

from .conftest import EMAIL, HANDLE

pytestmark = pytest.mark.django_db

TABLES = {
    "profile",
    "email_addresses",
    "handle_changes",
    "notifications",
    "notification_settings",
    "audit_entries",
    "organisations",
    "memberships",
    "join_requests",
    "invitations_received",
    "invitations_sent",
    "threads",
    "posts",
    "post_revisions",
    "endorsements",
    "flags",
    "thread_follows",
    "prototypes_started",
    "prototype_teams",
    "team_requests",
    "feedback",
    "consents",
    "session_registrations",
    "session_attendance",
    "sessions_announced",
    "session_minutes",
    "calendar_feed",
}


def test_the_archive_has_a_table_for_every_part_with_the_persons_rows(world):
    tables = archive_tables(world["person"])

    assert set(tables) == TABLES
    assert tables["profile"][0]["email"] == EMAIL and tables["profile"][0]["handle"] == HANDLE
    assert [m["arena__title"] for m in tables["memberships"]] == ["Safer school routes"]
    bodies = {p["body"] for p in tables["posts"]}
    assert {"My first idea, better", "Call me on 12345678, Cecilie"} <= bodies  # hidden ones too: theirs
    assert [r["body"] for r in tables["post_revisions"]] == ["My first idea"]
    assert tables["join_requests"][0]["note"] == "Let me in"
    assert tables["invitations_received"][0]["email"] == EMAIL
    assert tables["invitations_sent"][0]["email"] == "friend@example.org"
    assert tables["feedback"][0]["comment"] == "Nice" and tables["team_requests"][0]["note"] == "Me too"
    assert tables["flags"][0]["note"] == "Check this" and len(tables["endorsements"]) == 1
    assert {e["action"] for e in tables["audit_entries"]} >= {"post.hidden"}
    assert tables["session_registrations"][0]["access_needs"] == "Step-free, please"
    assert tables["session_minutes"][0]["body"] == "Notes from the walk"
    assert len(tables["session_attendance"]) == 1 and len(tables["sessions_announced"]) == 1
    assert {(c["document__kind"], c["document__version"]) for c in tables["consents"]} == {
        ("terms", 1),
        ("privacy", 1),
    }
    assert not any(p["body"] == f"Thanks @{HANDLE}! And @cecilie-old." for p in tables["posts"])  # not theirs


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_asking_builds_an_archive_and_emails_a_link_only_its_person_can_use(
    client, world, settings, tmp_path
):
    settings.DATA_EXPORT_ROOT = tmp_path
    person = world["person"]
    client.force_login(person)

    with pytest.MonkeyPatch.context() as patch:
        queued = []
        patch.setattr(
            "platform_core.accounts.data_export.enqueue_on_commit", lambda task, *a: queued.append(a)
        )
        client.post("/settings/data/")
        again = client.post("/settings/data/", follow=True).content.decode()
    assert "already being prepared" in again
    [(export_id,)] = queued
    assert data_export_build(export_id=export_id) == "ready"

    told = Notification.objects.get(recipient=person, event="account.data_export_ready")
    assert told.url.startswith("/settings/data/")
    archive = download(client, told.url)
    assert "posts.json" in archive.namelist() and "posts.csv" in archive.namelist()
    posts = json.loads(archive.read("posts.json"))
    assert "My first idea, better" in {p["body"] for p in posts}
    assert archive.read("posts.csv").decode("utf-8-sig").startswith("id,")
    assert [m["arena__title"] for m in json.loads(archive.read("memberships.json"))] == [
        "Safer school routes"
    ]

    # Asking and downloading are in the audit log, in plain words for the site admins.
    assert list(
        AuditEntry.objects.filter(actor=person, action__startswith="account.data_export")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["account.data_export_requested", "account.data_export_downloaded"]
    assert action_said("account.data_export_downloaded") == "downloaded a copy of their data"

    client.force_login(UserFactory())
    assert client.get(told.url).status_code == 404  # someone else's link
    assert client.get(told.url[:-3] + "xyz/").status_code == 404


def test_after_seven_days_the_link_is_dead_and_the_file_gone(client, world, settings, tmp_path):
    settings.DATA_EXPORT_ROOT = tmp_path
    export = DataExport.objects.create(user=world["person"])
    data_export_build(export_id=export.pk)
    export.refresh_from_db()
    url = Notification.objects.get(event="account.data_export_ready").url
    client.force_login(world["person"])

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert client.get(url).status_code == 404
        assert data_exports_expire() == 1
    export.refresh_from_db()
    assert export.status == DataExport.Status.EXPIRED and not list(tmp_path.iterdir())


def test_the_api_answers_202_and_refuses_a_second_at_once(client, world, monkeypatch):
    monkeypatch.setattr("platform_core.accounts.data_export.enqueue_on_commit", lambda *a: None)
    client.force_login(world["person"])

    first = client.post("/api/v1/me/data-export/")
    second = client.post("/api/v1/me/data-export/")

    assert first.status_code == 202 and first.json() == {"status": "pending"}
    assert second.status_code == 400 and "already being prepared" in second.json()["error"]["message"]
