"""allauth's sign-in limits answer as ours do: a locked-out sign-in (too many failed attempts) and too many
sign-ins from one address are 429 with ``Retry-After`` and a message in the person's language."""

import datetime as dt

import pytest
import time_machine
from pytest_django.asserts import assertContains

from tests.danish import danish_catalogue
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
NOW = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)
BASE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip,5/5m/key"}  # as in settings/base.py


@pytest.fixture(autouse=True)
def _allauth_limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = BASE_LIMITS


def sign_in(client, email, password, **headers):
    return client.post(LOGIN_URL, {"login": email, "password": password}, **headers)


@time_machine.travel(NOW, tick=False)
def test_after_five_failed_attempts_signing_in_is_a_429_saying_when(client, user):
    failed = [sign_in(client, user.email, f"guess-{n}").status_code for n in range(5)]

    locked = sign_in(client, user.email, PASSWORD)

    assert failed == [200] * 5  # the form again, with its error
    assert locked.status_code == 429
    assert locked["Retry-After"] == "300"
    assertContains(
        locked, "Too many failed sign-in attempts. You can try again in 5 minutes.", status_code=429
    )
    assert "_auth_user_id" not in client.session
    with time_machine.travel(NOW + dt.timedelta(minutes=5, seconds=1), tick=False):
        assert sign_in(client, user.email, PASSWORD).status_code == 302


@time_machine.travel(NOW, tick=False)
def test_the_lockout_says_so_in_danish(client, user):
    for n in range(5):
        sign_in(client, user.email, f"guess-{n}")

    with danish_catalogue():
        locked = sign_in(client, user.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="da")

    assert locked.status_code == 429
    assertContains(
        locked,
        "For mange mislykkede forsøg på at logge ind. Du kan prøve igen om 5 minutter.",
        status_code=429,
    )


@time_machine.travel(NOW, tick=False)
def test_too_many_sign_ins_from_one_address_is_a_429(client, settings, user):
    settings.ACCOUNT_RATE_LIMITS = {**BASE_LIMITS, "login": "2/m/ip"}
    sign_in(client, user.email, "guess")
    sign_in(client, user.email, "guess")

    response = sign_in(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assertContains(response, "You can try again in 60 seconds.", status_code=429)
