"""An account without a password (it signs in by emailed code) deletes itself with a code: the settings
page asks allauth to email one, and deletes only once it is typed in."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from platform_core.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def code_only():
    person = UserFactory(email="no.password@example.org", display_name="Ålf Ørsted 🌻")
    person.set_unusable_password()
    person.save()
    assert EmailAddress.objects.filter(user=person, email=person.email, verified=True).exists()
    return person


def _emailed_code() -> str:
    (message,) = [m for m in mail.outbox if "no.password@example.org" in m.to]
    return re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", message.body).group(0)


def test_the_page_says_a_code_is_emailed_instead_of_asking_for_a_password(client, code_only):
    client.force_login(code_only)

    page = client.get("/settings/delete/").content.decode()

    assert "we email a code to no.password@example.org" in page
    assert 'name="password"' not in page


def test_nothing_is_deleted_until_the_emailed_code_is_typed_in(client, code_only):
    client.force_login(code_only)

    asked = client.post("/settings/delete/", follow=True)
    assert User.objects.get(pk=code_only.pk).deleted_at is None
    # allauth's reauthentication: pick the address, get a code, type it in.
    assert asked.redirect_chain[0][0].startswith("/accounts/reauthenticate/code/")
    sent = client.post(
        "/accounts/reauthenticate/code/",
        {"recipient": code_only.email, "next": "/settings/delete/"},
        follow=True,
    )
    confirm_url = sent.redirect_chain[-1][0]
    wrong = client.post(confirm_url, {"code": "AAAA-AAAA"})
    assert User.objects.get(pk=code_only.pk).deleted_at is None and wrong.status_code == 200

    done = client.post(confirm_url, {"code": _emailed_code()}, follow=True)

    assert "Your account is deleted" in done.content.decode()
    gone = User.objects.get(pk=code_only.pk)
    assert gone.deleted_at is not None and gone.email.endswith("@deleted.invalid")


def test_the_api_tells_a_code_only_account_where_to_delete_it(client, code_only):
    client.force_login(code_only)

    answer = client.delete("/api/v1/me/", {"password": ""}, content_type="application/json")

    assert answer.status_code == 400
    assert User.objects.get(pk=code_only.pk).deleted_at is None
