"""The token endpoint is limited per account asked for (tightly, from wherever the attempts come) and per
client address (generously: a whole office behind one address still gets in)."""

import datetime as dt

import pytest
import time_machine

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
NOW = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)


def ask(client, email, password, ip="192.0.2.10"):
    return client.post(
        TOKEN_URL, {"email": email, "password": password}, content_type="application/json", REMOTE_ADDR=ip
    )


@time_machine.travel(NOW, tick=False)
def test_guessing_one_accounts_password_is_stopped_whatever_the_address(client, user):
    statuses = [ask(client, user.email, f"guess-{n}", ip=f"198.51.100.{n}").status_code for n in range(5)]

    refused = ask(client, user.email, PASSWORD, ip="203.0.113.99")  # a new address, the right password

    assert statuses == [400] * 5
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    error = refused.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"] == "Too many tokens asked for this account. Try again in 60 seconds."
    with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):
        assert ask(client, user.email, PASSWORD, ip="203.0.113.99").status_code == 200


def test_the_account_limit_is_the_address_asked_for_in_any_case(client, user):
    for n in range(5):
        ask(client, user.email.upper(), f"guess-{n}")

    assert ask(client, user.email, PASSWORD).status_code == 429


def test_a_locked_account_does_not_lock_out_a_colleague_on_the_same_address(client, user):
    for n in range(6):
        ask(client, user.email, f"guess-{n}")
    colleague = UserFactory()

    assert ask(client, colleague.email, PASSWORD).status_code == 200


def test_an_office_behind_one_address_gets_its_tokens(client):
    colleagues = UserFactory.create_batch(25)

    statuses = [ask(client, person.email, PASSWORD, ip="192.0.2.1").status_code for person in colleagues]

    assert statuses == [200] * 25


@time_machine.travel(NOW, tick=False)
def test_one_address_flooding_the_endpoint_is_stopped(client, settings):
    settings.RATE_LIMITS = {"token_ip": "3/minute"}
    people = UserFactory.create_batch(4)

    statuses = [ask(client, person.email, PASSWORD, ip="192.0.2.1").status_code for person in people]
    elsewhere = ask(client, people[3].email, PASSWORD, ip="192.0.2.2")

    assert statuses == [200, 200, 200, 429]
    assert elsewhere.status_code == 200
