"""People in the open data: stable pseudonyms within an arena, unlinkable across arenas, mentions
rewritten to them; and user text of every script survives the CSV round trip exactly."""

import pytest

from arenas.deliberation.models import Post, Thread
from arenas.outcomes.opendata.pseudonyms import pseudonym

from .export_helpers import csv_rows, fill, json_url, parsed, unzip, world, zip_url

pytestmark = pytest.mark.django_db

TEXTS = [
    "Æblegrød på skolevejen — søde børn går over vejen ved Østerbro",
    "We need 🚸 crossings 🚲🚦 now 👩‍👧",
    "نحتاج إلى معابر آمنة للأطفال",
    "אנחנו צריכים מעברי חצייה בטוחים",
    'A "quoted", comma-laden\nline, and a second\r\nline',
]


def test_a_person_has_the_same_pseudonym_in_every_table_and_every_export(client):
    people = world()
    content = fill(people.arena)
    lead = content.people[0]
    expected = pseudonym(arena_id=people.arena.pk, user_id=lead.pk)

    first, second = unzip(client.get(zip_url(people.arena))), unzip(client.get(zip_url(people.arena)))

    assert first["participants.csv"] == second["participants.csv"]
    assert expected in {row["pseudonym"] for row in csv_rows(first["participants.csv"])}
    assert csv_rows(first["threads.csv"])[0]["author"] == expected
    assert expected in {row["author"] for row in csv_rows(first["posts.csv"])}
    assert expected in {row["author"] for row in parsed(client.get(json_url(people.arena)))["posts"]}


def test_the_same_person_has_unlinkable_pseudonyms_in_two_arenas(client):
    people = world()
    other = world(slug="other-arena")
    content = fill(people.arena)
    # The same person is a member of both.
    fill(other.arena, prefix="y")
    other.arena.memberships.create(user=content.people[0], stakeholder_type="resident")

    here = {
        row["pseudonym"] for row in csv_rows(unzip(client.get(zip_url(people.arena)))["participants.csv"])
    }
    there = {
        row["pseudonym"] for row in csv_rows(unzip(client.get(zip_url(other.arena)))["participants.csv"])
    }

    assert pseudonym(arena_id=people.arena.pk, user_id=content.people[0].pk) in here
    assert pseudonym(arena_id=other.arena.pk, user_id=content.people[0].pk) in there
    assert not here & there
    assert all(p.startswith("p-") and len(p) == 14 for p in here | there)


def test_mentions_become_the_pseudonym_of_whom_they_name_and_unknown_handles_say_someone(client):
    people = world()
    content = fill(people.arena)
    named = content.people[1]

    bodies = "".join(row["body"] for row in csv_rows(unzip(client.get(zip_url(people.arena)))["posts.csv"]))

    assert f"@{pseudonym(arena_id=people.arena.pk, user_id=named.pk)}" in bodies
    assert "@someone" in bodies
    assert named.handle not in bodies and "nobody-here" not in bodies


@pytest.mark.parametrize("text", TEXTS)
def test_danish_emoji_and_right_to_left_text_survive_the_csv_round_trip_exactly(client, text):
    people = world(title=text)
    thread = Thread.objects.create(arena=people.arena, title=text, body=text, author=people.participant)
    Post.objects.create(thread=thread, number=1, body=text, author=people.participant)

    files = unzip(client.get(zip_url(people.arena)))
    data = parsed(client.get(json_url(people.arena)))

    assert csv_rows(files["arena.csv"])[0]["title"] == text
    assert csv_rows(files["threads.csv"])[0]["title"] == text
    assert csv_rows(files["threads.csv"])[0]["body"] == text
    assert csv_rows(files["posts.csv"])[0]["body"] == text
    assert data["posts"][0]["body"] == text and data["arena"]["title"] == text
