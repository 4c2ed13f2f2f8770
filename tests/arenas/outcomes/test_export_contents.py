"""What the open data holds: every table, in the zip and the JSON alike, in machine formats; what must
never leave the platform (hidden and deleted text, online links, walk-ins' names, access needs) does not."""

import pytest

from arenas.outcomes.opendata.tables import TABLES

from .export_helpers import (
    ACCESS_NEEDS,
    DELETED_TEXT,
    HIDDEN_TEXT,
    ONLINE_LINK,
    WALK_IN,
    csv_rows,
    fill,
    json_url,
    parsed,
    unzip,
    world,
    zip_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled():
    people = world()
    people.content = fill(people.arena)
    return people


def test_the_zip_has_the_datapackage_first_then_a_csv_per_table_with_the_columns_it_describes(client, filled):
    response = client.get(zip_url(filled.arena))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f'filename="{filled.arena.slug}-open-data.zip"' in response["Content-Disposition"]
    files = unzip(response)
    assert list(files) == ["datapackage.json"] + [f"{table.name}.csv" for table in TABLES]
    for table in TABLES:
        header = files[table.path].splitlines()[0]
        assert header.split(",") == [column.name for column in table.columns]


def test_the_json_holds_the_same_tables_and_rows_as_the_zip(client, filled):
    files = unzip(client.get(zip_url(filled.arena)))
    data = parsed(client.get(json_url(filled.arena)))

    assert list(data) == [table.name for table in TABLES]
    assert data["arena"]["slug"] == filled.arena.slug
    for table in TABLES:
        rows = csv_rows(files[table.path])
        assert len(rows) == (1 if table.one_row else len(data[table.name])), table.name


def test_numbers_are_numbers_and_times_are_utc_iso_in_the_json(client, filled):
    data = parsed(client.get(json_url(filled.arena)))

    indicator = data["indicators"][0]
    assert indicator["baseline"] == 120.5 and indicator["target"] == 80
    assert data["measurements"][0] == {**data["measurements"][0], "date": "2025-03-01", "value": 101.25}
    post = data["posts"][0]
    assert isinstance(post["endorsement_count"], int) and post["created"].endswith("Z")
    assert len(post["created"]) == len("2025-03-01T12:00:00Z")
    assert data["threads"][0]["locked"] is False
    assert data["participants"][0]["joined"][4] == "-" and len(data["participants"][0]["joined"]) == 7


def test_a_hidden_or_deleted_post_keeps_its_row_with_an_empty_body(client, filled):
    zip_files = unzip(client.get(zip_url(filled.arena)))
    json_body = b"".join(client.get(json_url(filled.arena)).streaming_content).decode()

    for text in (HIDDEN_TEXT, DELETED_TEXT):
        assert text not in json_body
        assert all(text not in content for content in zip_files.values())
    posts = csv_rows(zip_files["posts.csv"])
    hidden = next(row for row in posts if row["hidden"] == "true")
    deleted = next(row for row in posts if row["deleted"] == "true")
    assert hidden["body"] == "" and deleted["body"] == ""
    assert hidden["author"].startswith("p-")
    assert len(posts) == 6


def test_sessions_carry_counts_never_links_walk_ins_or_access_needs(client, filled):
    files = unzip(client.get(zip_url(filled.arena)))
    everything = (
        "".join(files.values()) + b"".join(client.get(json_url(filled.arena)).streaming_content).decode()
    )

    for secret in (ONLINE_LINK, WALK_IN, ACCESS_NEEDS, "meet.example.net"):
        assert secret not in everything
    session = csv_rows(files["sessions.csv"])[0]
    assert (session["registered"], session["attended"], session["capacity"]) == ("1", "2", "20")


def test_paper_feedback_has_no_author_and_keeps_its_stakeholder_type(client, filled):
    feedback = csv_rows(unzip(client.get(zip_url(filled.arena)))["feedback.csv"])

    paper = next(row for row in feedback if row["entered_offline"] == "true")
    online = next(row for row in feedback if row["entered_offline"] == "false")
    assert paper["author"] == "" and paper["stakeholder_type"] == "resident" and paper["round"] == ""
    assert online["author"].startswith("p-") and online["stakeholder_type"] == "service_user"
    assert online["round"] == "1"


def test_stakeholder_counts_come_from_the_map(client, filled):
    counts = {
        row["stakeholder_type"]: row
        for row in csv_rows(unzip(client.get(zip_url(filled.arena)))["stakeholder_counts.csv"])
    }

    assert counts["resident"]["target"] == "10"
    assert counts["resident"]["members"] == "2"  # the arena's participant and the first filled member
    assert counts["expert"]["target"] == ""


def test_decisions_say_what_they_answer(client, filled):
    decision = parsed(client.get(json_url(filled.arena)))["decisions"][0]

    assert decision["subject"] == "thread" and decision["subject_id"] == filled.content.thread.pk
    assert decision["outcome"] == "adopted" and decision["review_on"] is None
