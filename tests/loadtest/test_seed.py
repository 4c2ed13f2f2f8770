"""``manage.py loadtest_seed``: the people of the load test, and the sessions file locust reads."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from arenas.deliberation.models import ThreadFollow
from arenas.demo import SLUGS
from arenas.models import Arena, Membership, Role
from platform_core.accounts.models import User
from platform_core.notifications.preferences import preferences_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(terms_in_effect):
    call_command("seed_demo", stdout=io.StringIO())


def seed(tmp_path, participants, **options) -> list[dict]:
    path = tmp_path / "sessions.json"
    call_command(
        "loadtest_seed",
        participants=participants,
        sessions_file=str(path),
        stdout=io.StringIO(),
        **options,
    )
    return json.loads(path.read_text())


def test_makes_n_people_who_can_take_part_and_a_session_each(demo, tmp_path):
    sessions = seed(tmp_path, 40)

    assert [s["email"] for s in sessions] == [f"load-{i}@loadtest.example.org" for i in range(1, 41)]
    people = User.objects.filter(email__endswith="@loadtest.example.org")
    assert people.count() == 40
    person = people.get(email="load-7@loadtest.example.org")
    assert person.check_password("cocreate-load")
    assert person.emailaddress_set.get().verified
    assert not person.consent_due and person.consents.exists()
    open_demo = Arena.objects.filter(status=Arena.Status.OPEN, slug__in=SLUGS).count()
    assert Membership.objects.filter(user=person).count() == open_demo == 3
    assert ThreadFollow.objects.filter(user=person, state="following").count() == 3
    prefs = preferences_of(person)
    assert prefs.email_mode("replies") == "immediately"
    assert prefs.email_mode("followed_threads") == "digest"  # the default, as for most people
    chose_at_once = preferences_of(people.get(email="load-10@loadtest.example.org"))
    assert chose_at_once.email_mode("followed_threads") == "immediately"  # one in 5


def test_a_session_from_the_file_signs_the_client_in_and_the_token_works(demo, tmp_path):
    entry = seed(tmp_path, 3)[1]
    client = Client()
    client.cookies["sessionid"] = entry["sessionid"]

    page = client.get("/notifications/")
    assert page.status_code == 200
    assert page.context["user"].email == entry["email"]
    thread_page = client.get("/arenas/safer-school-routes/")
    assert b'id="new-post-form"' in client.get(_a_thread_url(thread_page)).content

    me = Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {entry['api_token']}")
    assert me.status_code == 200 and me.json()["email"] == entry["email"]


def _a_thread_url(arena_page) -> str:
    import re

    return (
        re.search(rb'href="(/arenas/safer-school-routes/threads/\d+/)"', arena_page.content).group(1).decode()
    )


def test_one_in_twenty_facilitates_the_main_arena(demo, tmp_path):
    sessions = seed(tmp_path, 40)

    facilitators = {s["email"] for s in sessions if s["role"] == "facilitator"}
    assert facilitators == {"load-20@loadtest.example.org", "load-40@loadtest.example.org"}
    in_main = Membership.objects.filter(arena__slug="safer-school-routes", user__email__in=facilitators)
    assert set(in_main.values_list("role", flat=True)) == {Role.FACILITATOR}
    client = Client()
    client.cookies["sessionid"] = next(s for s in sessions if s["role"] == "facilitator")["sessionid"]
    assert client.get("/arenas/safer-school-routes/moderation/").status_code == 200
    participant = Client()
    participant.cookies["sessionid"] = sessions[0]["sessionid"]
    assert participant.get("/arenas/safer-school-routes/moderation/").status_code in (403, 404)


def test_a_rerun_reuses_the_people_and_duplicates_nothing(demo, tmp_path):
    first = seed(tmp_path, 10)
    counts = (User.objects.count(), Membership.objects.count(), ThreadFollow.objects.count())

    second = seed(tmp_path, 10)

    assert (User.objects.count(), Membership.objects.count(), ThreadFollow.objects.count()) == counts
    assert [s["api_token"] for s in second] == [s["api_token"] for s in first]
    client = Client()
    client.cookies["sessionid"] = second[4]["sessionid"]
    assert client.get("/notifications/").context["user"].email == "load-5@loadtest.example.org"

    seed(tmp_path, 12)
    assert User.objects.count() == counts[0] + 2


def test_without_the_demo_data_it_says_what_to_run(db, tmp_path):
    with pytest.raises(CommandError, match="seed_demo"):
        seed(tmp_path, 5)


def test_refused_where_demo_data_is_not_allowed(demo, tmp_path, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        seed(tmp_path, 5)
    assert not User.objects.filter(email__endswith="@loadtest.example.org").exists()
