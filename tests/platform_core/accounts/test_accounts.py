import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from platform_core.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, email="new.person@example.org", display_name="New Person"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": display_name,
            "accept": "on",
        },
    )


def test_sign_up_gives_a_handle_and_asks_to_confirm_the_email(client, mailoutbox):
    response = sign_up(client)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    person = User.objects.get(email="new.person@example.org")
    # The name spells the address here, so the handle is neutral (tests/…/test_handles.py has the rules).
    assert re.fullmatch(r"member-\d{4}", person.handle)
    assert person.display_name == "New Person"
    assert not EmailAddress.objects.get(user=person).verified
    assert len(mailoutbox) == 1
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_an_unconfirmed_person_cannot_sign_in_until_they_confirm(client, mailoutbox):
    sign_up(client)
    client.logout()

    client.post(reverse("account_login"), {"login": "new.person@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    link = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+)", mailoutbox[-1].body).group(1)
    client.post(link)
    client.post(reverse("account_login"), {"login": "new.person@example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(User.objects.get(email="new.person@example.org").pk)


def test_sign_in_by_emailed_code_is_offered(client, user, mailoutbox):
    page = client.get(reverse("account_login"))
    assert reverse("account_request_login_code").encode() in page.content

    client.post(reverse("account_request_login_code"), {"email": user.email})

    assert len(mailoutbox) == 1
    assert re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", mailoutbox[0].body)
    assert "Cocreate" in mailoutbox[0].subject


def test_two_factor_authentication_can_be_set_up(client, user):
    client.force_login(user)

    assert client.get(reverse("mfa_activate_totp")).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert b"authenticator" in response.content.lower()


def test_settings_page_saves_profile_and_language(client, user):
    client.force_login(user)

    response = client.post(
        reverse("accounts:settings"),
        {"display_name": "Anna B.", "handle": "annab", "language": "da", "time_zone": "America/New_York"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.handle, user.language, user.time_zone) == (
        "Anna B.",
        "annab",
        "da",
        "America/New_York",
    )
    assert response.cookies["django_language"].value == "da"


def test_settings_page_explains_a_taken_handle_and_keeps_the_rest(client, user):
    UserFactory(handle="taken")
    client.force_login(user)

    response = client.post(
        reverse("accounts:settings"),
        {"display_name": "Changed", "handle": "taken", "language": "en", "time_zone": "Europe/Copenhagen"},
    )

    assert response.status_code == 200
    assert "already uses this handle" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Anna Berg"


def test_settings_page_rejects_an_invalid_handle_and_time_zone(client, user):
    client.force_login(user)

    response = client.post(
        reverse("accounts:settings"),
        {"display_name": "A", "handle": "Not OK!", "language": "xx", "time_zone": "Mars/Olympus"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"handle", "language", "time_zone"}


def test_settings_needs_sign_in(client):
    response = client.get(reverse("accounts:settings"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_language_switcher_remembers_the_choice(client, user):
    client.force_login(user)

    response = client.post(reverse("language-switch"), {"language": "da", "next": "/settings/"})

    assert response.status_code == 302
    assert response.url == "/settings/"
    assert response.cookies["django_language"].value == "da"
    user.refresh_from_db()
    assert user.language == "da"
    assert client.get("/").headers["Content-Language"] == "da"


def test_the_language_switcher_ignores_foreign_redirects_and_unknown_languages(client):
    response = client.post(
        reverse("language-switch"), {"language": "xx", "next": "https://evil.example.com/"}
    )

    assert response.url == "/"
    assert "django_language" not in response.cookies


def test_a_signed_in_person_sees_the_site_in_their_language(client):
    person = UserFactory(language="da")
    client.force_login(person)

    assert client.get("/").headers["Content-Language"] == "da"


def test_language_switcher_only_changes_language_by_post(client):
    assert client.get(reverse("language-switch")).status_code == 405
