"""The demo's public arena as open data: its datapackage validates as a Frictionless Data Package, every
CSV parses with the columns the datapackage says, and no demo person's email, name or handle is anywhere
in the zip or the JSON."""

import json
import re

import frictionless
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from .export_helpers import csv_rows, json_url, unzip, zip_url

pytestmark = pytest.mark.django_db

SLUG = "safer-school-routes"


class Demo:
    slug = SLUG


@pytest.fixture
def demo(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    files = unzip(client.get(zip_url(Demo)))
    body = b"".join(client.get(json_url(Demo)).streaming_content).decode()
    return files, body


def test_the_datapackage_validates_as_a_frictionless_data_package(demo, tmp_path):
    files, _ = demo
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    report = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["type", "title", "note"])


def test_every_csv_parses_with_the_columns_the_datapackage_says(demo):
    files, _ = demo
    package = json.loads(files["datapackage.json"])

    assert [r["path"] for r in package["resources"]] == sorted(
        set(files) - {"datapackage.json"}, key=list(files).index
    )
    for resource in package["resources"]:
        rows = csv_rows(files[resource["path"]])
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert files[resource["path"]].splitlines()[0].split(",") == names
        assert all(list(row) == names for row in rows)
        assert all(f["description"] for f in resource["schema"]["fields"])
    assert len(csv_rows(files["posts.csv"])) >= 60


def test_no_demo_persons_email_name_or_handle_appears_anywhere(demo):
    files, body = demo
    everything = {**files, "export.json": body}
    people = get_user_model().objects.values_list("email", "display_name", "handle")

    assert people
    for name, text in everything.items():
        assert "@example.org" not in text, name
        lowered = text.lower()
        for email, display_name, handle in people:
            assert email.lower() not in lowered, (name, email)
            if display_name:
                assert display_name.lower() not in lowered, (name, display_name)
            if handle:
                assert not re.search(rf"(?<![\w-]){re.escape(handle.lower())}(?![\w-])", lowered), (
                    name,
                    handle,
                )


def test_mentions_in_the_demo_are_pseudonyms(demo):
    files, _ = demo

    assert re.search(r"@p-[0-9a-f]{12}", files["posts.csv"])
