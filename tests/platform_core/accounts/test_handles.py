"""Handles are public, email addresses are not: a new handle comes from the display name or is neutral,
never from the address, and the migration renames the handles that showed an address."""

import re

import pytest
from django.utils import timezone

from platform_core.accounts.handles import handle_new, reveals_email
from platform_core.accounts.models import HandleChange, User
from platform_core.accounts.services import handle_changes_tell, user_update_profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEUTRAL = re.compile(r"member-\d{4,}")


def nothing_taken(candidates):
    return set()


@pytest.mark.parametrize(
    ("display_name", "email", "expected"),
    [
        ("Karen Jensen", "k.j.1987@example.org", "karen-jensen"),
        ("Søren Ærø Åberg", "s123@example.dk", "soeren-aeroe-aaberg"),
        ("🌳 Trees", "tt@example.org", "deciduous-tree-trees"),
        ("مريم", "m.s@example.org", "mrym"),  # right to left, transliterated
    ],
)
def test_a_new_handle_is_spelt_from_the_display_name(display_name, email, expected):
    assert handle_new(display_name=display_name, email=email, taken=nothing_taken) == expected


@pytest.mark.parametrize(
    ("display_name", "email"),
    [
        ("", "maja.newcomer@example.org"),  # no name: never the address instead
        ("Maja Newcomer", "maja.newcomer@example.org"),  # the name spells the address
        ("Person060", "person060@example.org"),
        ("!!!", "x@example.org"),
    ],
)
def test_without_a_name_to_spell_or_when_it_spells_the_address_the_handle_is_neutral(display_name, email):
    handle = handle_new(display_name=display_name, email=email, taken=nothing_taken)

    assert NEUTRAL.fullmatch(handle), handle
    assert not reveals_email(handle, email)
    assert email.split("@")[0].replace(".", "-") not in handle


def test_names_already_taken_get_the_next_free_number():
    UserFactory(handle="anna-berg")
    UserFactory(handle="anna-berg-2")

    assert User.objects.handle_new(display_name="Anna Berg", email="ab@example.org") == "anna-berg-3"


@pytest.mark.parametrize(
    ("handle", "email", "reveals"),
    [
        ("anna-berg", "anna.berg@example.org", True),
        ("annaberg", "Anna.Berg@example.org", True),
        ("anna-berg-2", "anna.berg@example.org", True),
        ("person060", "person060@example.org", True),
        ("anna-berg", "ab@example.org", False),
        ("anna-bergen", "anna.berg@example.org", False),
    ],
)
def test_what_counts_as_showing_the_address(handle, email, reveals):
    assert reveals_email(handle, email) is reveals


def test_an_account_made_without_a_handle_never_gets_one_from_its_address():
    people = [User.objects.create_user(email=f"person{n:03d}@example.org") for n in range(5)]

    for person in people:
        assert NEUTRAL.fullmatch(person.handle)
    assert len({p.handle for p in people}) == 5


def test_choosing_a_handle_in_settings_keeps_old_links_leading_to_the_person(client):
    person = UserFactory(handle="old-name", display_name="Ida")

    user_update_profile(
        user=person, handle="ida-n", display_name="Ida", language="en", time_zone="Europe/Copenhagen"
    )

    change = HandleChange.objects.get(user=person)
    assert (change.old_handle, change.new_handle, change.reason) == ("old-name", "ida-n", "chosen")
    assert change.told_at is not None  # they did it themselves: nobody to tell
    response = client.get("/people/old-name/")
    assert response.status_code == 301
    assert response.url == "/people/ida-n/"


def test_people_whose_handle_was_changed_for_them_are_told_once(mailoutbox):
    person = UserFactory(handle="member-1234", email="ida.n@example.org")
    HandleChange.objects.create(
        user=person, old_handle="ida-n", new_handle="member-1234", reason=HandleChange.Reason.EMAIL
    )

    assert handle_changes_tell() == 1
    assert handle_changes_tell() == 0

    notification = person.notifications.get()
    assert notification.target_title == "@ida-n → @member-1234"
    assert "email address" in str(notification.verb)
    assert HandleChange.objects.get().told_at <= timezone.now()
