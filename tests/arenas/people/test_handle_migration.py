"""The migrations that take email addresses out of handles: who is renamed, how mentions follow, that old
links still lead to the person, and that the person is told."""

import importlib
import re

import pytest
from django.apps import apps

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from platform_core.accounts.models import HandleChange, User
from platform_core.accounts.services import handle_changes_tell
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

rename = importlib.import_module("platform_core.accounts.migrations.0003_handles_without_email")
follow = importlib.import_module("arenas.deliberation.migrations.0002_mentions_follow_handles")


@pytest.fixture
def people():
    return {
        "anna": UserFactory(email="anna.berg@example.org", handle="anna-berg", display_name="Anna Berg"),
        "bo": UserFactory(email="person060@example.org", handle="person060", display_name="Bo Ek"),
        "karen": UserFactory(email="kj1987@example.org", handle="karen", display_name="Karen"),
    }


def test_handles_that_show_the_address_are_renamed_and_mentions_follow(client, people):
    arena = ArenaFactory()
    for person in people.values():
        MembershipFactory(arena=arena, user=person, role=Role.PARTICIPANT)
    thread = thread_create(arena=arena, author=people["karen"], title="Crossings", notify_members=False)
    post = post_create(
        thread=thread, author=people["karen"], body="Thanks @anna-berg and @person060, and @karen!"
    )
    # As the old code stored it: mention links searched for the handle.
    type(post).objects.filter(pk=post.pk).update(
        body_html=post.body_html.replace('href="/people/', 'href="/search/?q=%40').replace('/">@', '">@')
    )

    rename.rename_revealing_handles(apps, None)
    follow.follow(apps, None)

    anna, bo, karen = (User.objects.get(pk=p.pk) for p in people.values())
    assert re.fullmatch(r"member-\d{4}", anna.handle)  # "Anna Berg" spells the address too
    assert bo.handle == "bo-ek"
    assert karen.handle == "karen"  # showed nothing: left alone
    post.refresh_from_db()
    assert post.body == f"Thanks @{anna.handle} and @bo-ek, and @karen!"
    assert f'<a class="mention" href="/people/{anna.handle}/">@{anna.handle}</a>' in post.body_html
    assert '<a class="mention" href="/people/bo-ek/">@bo-ek</a>' in post.body_html
    assert '<a class="mention" href="/people/karen/">@karen</a>' in post.body_html
    assert "anna-berg" not in post.body_html and "person060" not in post.body_html

    # An old link still finds Bo; and Bo and Anna are told, once.
    response = client.get("/people/person060/")
    assert (response.status_code, response.url) == (301, "/people/bo-ek/")
    assert handle_changes_tell() == 2
    told = bo.notifications.get(event="account.handle_changed")
    assert told.target_title == "@person060 → @bo-ek"
    assert not karen.notifications.filter(event="account.handle_changed").exists()
    assert set(HandleChange.objects.values_list("reason", flat=True)) == {"email"}


def test_renaming_twice_changes_nothing_more(people):
    rename.rename_revealing_handles(apps, None)
    handles = dict(User.objects.values_list("pk", "handle"))

    rename.rename_revealing_handles(apps, None)

    assert dict(User.objects.values_list("pk", "handle")) == handles
    assert HandleChange.objects.count() == 2
