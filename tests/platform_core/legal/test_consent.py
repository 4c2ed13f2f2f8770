"""Consent (DESIGN.md "Account lifecycle"): sign-up records which versions of the terms and the privacy
notice were accepted and when; a new version asks each signed-in person to accept it once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from platform_core.accounts.models import User
from platform_core.legal.models import Consent, LegalDocument, LegalText
from platform_core.legal.services import legal_versions_apply
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, **extra):
    return client.post(
        reverse("account_signup"),
        {
            "email": "ny.borger@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Søren Ålund 🚲 سارة",
            **extra,
        },
    )


def new_version(kind="terms", *, effective_at=None, changes="Sessions are new."):
    latest = LegalDocument.objects.filter(kind=kind).order_by("-version").first()
    document = LegalDocument.objects.create(
        kind=kind,
        version=latest.version + 1,
        effective_at=effective_at or timezone.now(),
        changes=changes,
    )
    LegalText.objects.create(document=document, language="en", title="Terms of use", body="New **rules**.")
    LegalText.objects.create(document=document, language="da", title="Vilkår for brug", body="Nye regler.")
    return document


def test_sign_up_without_accepting_creates_no_account_and_says_why(client):
    response = sign_up(client)

    assert response.status_code == 200
    assert "Please accept the terms of use and the privacy notice to go on." in response.content.decode()
    assert not User.objects.filter(email="ny.borger@example.org").exists()


def test_sign_up_records_the_versions_accepted_and_when(client):
    before = timezone.now()

    assert sign_up(client, accept="on").status_code == 302

    person = User.objects.get(email="ny.borger@example.org")
    assert person.display_name == "Søren Ålund 🚲 سارة"
    consents = Consent.objects.filter(user=person).select_related("document")
    assert sorted((c.document.kind, c.document.version, c.how) for c in consents) == [
        ("privacy", 1, "sign_up"),
        ("terms", 1, "sign_up"),
    ]
    assert all(c.accepted_at >= before for c in consents) and not person.consent_due


def test_the_sign_up_page_links_both_documents(client):
    page = client.get(reverse("account_signup")).content.decode()

    assert 'href="/terms/"' in page and 'href="/privacy/"' in page
    assert "I accept the terms of use and the privacy notice." in page


def test_a_new_version_asks_a_signed_in_person_once_then_lets_them_on(client):
    person = UserFactory()
    client.force_login(person)
    assert client.get("/notifications/").status_code == 200
    new_version(changes="Sessions and their registrations are new.")

    assert legal_versions_apply() >= 1
    asked = client.get("/notifications/?page=1")

    assert asked.status_code == 302
    assert asked.url == "/consent/?next=%2Fnotifications%2F%3Fpage%3D1"
    page = client.get(asked.url).content.decode()
    assert "Sessions and their registrations are new." in page and "version 2" in page
    document_ids = str(LegalDocument.objects.get(kind="terms", version=2).pk)
    refused = client.post(asked.url, {"documents": document_ids, "next": "/notifications/?page=1"})
    assert refused.status_code == 200 and "Please accept" in refused.content.decode()

    accepted = client.post(
        asked.url, {"documents": document_ids, "accept": "on", "next": "/notifications/?page=1"}
    )

    assert accepted.status_code == 302 and accepted.url == "/notifications/?page=1"
    assert client.get("/notifications/").status_code == 200
    assert Consent.objects.get(user=person, document__version=2).how == "prompt"
    assert legal_versions_apply() == 0  # once: nobody is asked again for the same version


def test_while_asked_a_form_being_sent_and_the_way_out_still_work(client):
    person = UserFactory()
    client.force_login(person)
    new_version()
    legal_versions_apply()

    assert client.get("/settings/delete/").status_code == 200
    assert client.get("/settings/data/").status_code == 200
    assert client.get("/terms/").status_code == 200
    assert client.get("/notifications/", HTTP_HX_REQUEST="true").status_code == 200
    assert client.post("/notifications/read-all/").status_code in (200, 302)


def test_a_version_dated_ahead_asks_nobody_until_its_day(client, time_machine):
    person = UserFactory()
    client.force_login(person)
    document = new_version(effective_at=timezone.now() + timedelta(days=14))

    assert legal_versions_apply() == 0
    assert client.get("/notifications/").status_code == 200
    assert client.get("/terms/2/").status_code == 404  # not public before its day

    time_machine.move_to(document.effective_at + timedelta(minutes=1))
    assert legal_versions_apply() == 1
    assert client.get("/notifications/").status_code == 302


def test_signing_in_asks_an_account_that_never_accepted(client):
    made_by_an_admin = UserFactory(consented=False)

    client.post(reverse("account_login"), {"login": made_by_an_admin.email, "password": PASSWORD})

    assert client.get("/notifications/").url.startswith("/consent/")
    client.post(
        "/consent/",
        {"documents": ",".join(map(str, LegalDocument.objects.values_list("pk", flat=True))), "accept": "on"},
    )
    assert Consent.objects.filter(user=made_by_an_admin).count() == 2
    assert client.get("/notifications/").status_code == 200


def test_a_version_overtaken_while_they_read_is_not_recorded_and_the_newer_one_is_asked(client):
    person = UserFactory()
    client.force_login(person)
    second = new_version()
    legal_versions_apply()
    shown = client.get("/consent/")
    assert shown.status_code == 200
    third = new_version()  # in effect before they pressed accept

    client.post("/consent/", {"documents": str(second.pk), "accept": "on"})

    # What they read is no longer in effect: nothing is recorded, and they are shown the newer one.
    assert not Consent.objects.filter(user=person, document=second).exists()
    assert User.objects.get(pk=person.pk).consent_due
    assert f"version {third.version}" in client.get("/consent/").content.decode()
