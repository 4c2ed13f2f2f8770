"""Notification settings and unsubscribe links through the client: one choice per category (the account
category cannot be turned off), saving and invalid choices, muted groups and unmuting; the unsubscribe
page asks first, one click without a CSRF token turns a category off, the digest link stops the digest,
and a tampered link or one for the account category changes nothing."""

import re

import pytest
from django.test import Client
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from platform_core.notifications.models import NotificationSettings
from platform_core.notifications.preferences import preferences_of
from platform_core.notifications.registry import EmailMode, registry
from platform_core.notifications.services import notification_group_mute
from platform_core.notifications.tokens import unsubscribe_token_make
from tests.platform_core.notifications.views_helpers import html, tip

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/settings/notifications/"


# --- Settings ---------------------------------------------------------------------------------------------


def select_html(page, name):
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)
    assert match, f"no <select name={name!r}>"
    return match.group(1)


def settings_form(**overrides):
    data = {f"category_{key}": category.default for key, category in registry.categories.items()}
    data |= {"digest_frequency": "daily", "digest_hour": "7", "digest_weekday": "0"}
    return data | overrides


def test_settings_need_sign_in(client):
    response = client.get(SETTINGS_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_settings_show_one_choice_per_category(client, user):
    client.force_login(user)

    page = html(client.get(SETTINGS_URL))

    selects = re.findall(r'<select name="category_([\w-]+)"', page)
    assert sorted(selects) == sorted(registry.categories)
    for category in registry.categories.values():
        assert escape(str(category.label)) in page


def test_the_account_category_cannot_be_turned_off(client, user):
    client.force_login(user)

    page = html(client.get(SETTINGS_URL))

    account = select_html(page, "category_account")
    assert "Email me immediately" in account
    assert "Don&#x27;t email me" not in account and "Don't email me" not in account
    assert "Don&#x27;t email me" in select_html(page, "category_platform")


def test_saving_settings_stores_the_choices(client, user):
    client.force_login(user)

    response = client.post(
        SETTINGS_URL,
        settings_form(
            category_platform=EmailMode.OFF,
            category_account=EmailMode.IMMEDIATELY,
            digest_frequency="weekly",
            digest_hour="18",
            digest_weekday="4",
        ),
        follow=True,
    )

    assertRedirects(response, SETTINGS_URL)
    assertContains(response, "Your notification settings are saved.")
    preferences = preferences_of(user)
    assert preferences.email_mode("platform") == EmailMode.OFF
    assert preferences.email_mode("account") == EmailMode.IMMEDIATELY
    assert (preferences.digest_frequency, preferences.digest_hour, preferences.digest_weekday) == (
        "weekly",
        18,
        4,
    )
    # The page shows what was saved.
    assert 'value="off" selected' in select_html(html(response), "category_platform")


@pytest.mark.parametrize(
    "overrides",
    [
        {"digest_hour": "99"},
        {"category_platform": "sometimes"},
        {"category_account": EmailMode.OFF},
        {"digest_frequency": "hourly"},
    ],
    ids=["hour-99", "unknown-mode", "account-off", "unknown-frequency"],
)
def test_invalid_settings_show_errors_and_change_nothing(client, user, overrides):
    client.force_login(user)

    response = client.post(SETTINGS_URL, settings_form(**{"digest_frequency": "weekly", **overrides}))

    assert response.status_code == 200
    assertContains(response, "Please correct the following:")
    assertContains(response, "Select a valid choice.")
    assert not NotificationSettings.objects.filter(user=user).exists()
    assert preferences_of(user).digest_frequency == NotificationSettings.DEFAULT_FREQUENCY


def test_muted_groups_are_listed_by_label_and_can_be_unmuted(client, user):
    tip(user, "Bike lanes", group_key="arena:7", group_label="Safer school routes")
    notification_group_mute(user=user, group_key="arena:7")
    client.force_login(user)

    page = client.get(SETTINGS_URL)

    assertContains(page, "Safer school routes")
    assertContains(page, "Unmute")
    assertNotContains(page, "You have muted nothing.")

    response = client.post("/settings/notifications/unmute/", {"group": "arena:7"}, follow=True)

    assertRedirects(response, SETTINGS_URL)
    assertContains(response, "You will hear about it again.")
    assertContains(response, "You have muted nothing.")
    assert preferences_of(user).muted_groups == frozenset()


# --- Unsubscribe ------------------------------------------------------------------------------------------


def unsubscribe_url(user, category):
    return f"/notifications/unsubscribe/{unsubscribe_token_make(user_id=user.pk, category=category)}/"


def one_click(url):
    """What a mail client sends for ``List-Unsubscribe-Post``: no session, no CSRF token."""
    return Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )


def test_opening_an_unsubscribe_link_asks_first_and_changes_nothing(client, user):
    response = client.get(unsubscribe_url(user, "platform"))

    assert response.status_code == 200
    assertContains(response, "Stop emails about News from the platform to anna@example.org?")
    assertContains(response, "Yes, stop these emails")
    assert preferences_of(user).email_mode("platform") == EmailMode.DIGEST


def test_one_click_unsubscribe_turns_the_category_off_without_a_csrf_token(user):
    response = one_click(unsubscribe_url(user, "platform"))

    assert response.status_code == 200
    assertContains(response, "Done: anna@example.org will get no more emails about News from the platform.")
    assert preferences_of(user).email_mode("platform") == EmailMode.OFF
    assert preferences_of(user).email_mode("account") == EmailMode.IMMEDIATELY


def test_a_second_unsubscribe_says_it_was_already_done(client, user):
    url = unsubscribe_url(user, "platform")
    one_click(url)
    before = NotificationSettings.objects.get(user=user).email_by_category

    response = one_click(url)

    assertContains(response, "anna@example.org was already unsubscribed from News from the platform.")
    assert NotificationSettings.objects.get(user=user).email_by_category == before
    assertContains(client.get(url), "anna@example.org no longer gets emails about News from the platform.")


def test_the_digest_link_stops_the_digest(user):
    response = one_click(unsubscribe_url(user, None))

    assertContains(response, "no more emails about the digest")
    assert preferences_of(user).digest_frequency == NotificationSettings.Frequency.NEVER
    assert preferences_of(user).email_mode("platform") == EmailMode.DIGEST


def tampered(token):
    """The token with one character of its signature changed."""
    position = len(token) - 5
    replacement = "A" if token[position] != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_gives_a_clear_page_and_changes_nothing(client, user, method):
    token = tampered(unsubscribe_token_make(user_id=user.pk, category="platform"))

    response = getattr(client, method)(f"/notifications/unsubscribe/{token}/")

    assert response.status_code == 400
    assertContains(response, "This unsubscribe link does not work", status_code=400)
    assert not NotificationSettings.objects.filter(user=user).exists()


def test_a_link_for_a_category_that_cannot_be_turned_off_is_refused(user):
    response = one_click(unsubscribe_url(user, "account"))

    assert response.status_code == 400
    assertContains(response, "This unsubscribe link does not work", status_code=400)
    assert preferences_of(user).email_mode("account") == EmailMode.IMMEDIATELY
    assert not NotificationSettings.objects.filter(user=user).exists()
