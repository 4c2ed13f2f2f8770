"""The terms and the privacy notice as versioned pages, in the reader's language; site admins add a new
version in the admin, and one in effect cannot be edited."""

import pytest
from django.utils import timezone

from platform_core.accounts.models import User
from platform_core.legal.models import LegalDocument
from tests.factories import UserFactory

from .test_consent import new_version

pytestmark = pytest.mark.django_db


def test_the_terms_are_shown_in_the_readers_language_with_their_version(client):
    english = client.get("/terms/").content.decode()
    danish = client.get("/terms/", HTTP_ACCEPT_LANGUAGE="da").content.decode()

    assert '<h1 dir="auto">Terms of use</h1>' in english and "Version 1, in effect from" in english
    assert "Vilkår for brug" in danish and "Version 1, gældende fra" in danish
    assert "Datatilsynet" in client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="da").content.decode()


def test_earlier_versions_stay_readable_and_say_so(client):
    new_version()

    current = client.get("/terms/").content.decode()
    earlier = client.get("/terms/1/").content.decode()

    assert "New <strong>rules</strong>." in current and 'href="/terms/1/"' in current
    assert "This is an earlier version." in earlier and 'href="/terms/2/"' in earlier
    assert client.get("/terms/9/").status_code == 404


def test_every_page_links_the_terms_and_the_privacy_notice(client):
    page = client.get("/").content.decode()

    assert 'href="/terms/"' in page and 'href="/privacy/"' in page


@pytest.fixture
def admin_client_(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_version_in_effect_is_read_only_in_the_admin(admin_client_):
    document = LegalDocument.objects.get(kind="terms", version=1)

    page = admin_client_.get(f"/admin/legal/legaldocument/{document.pk}/change/").content.decode()

    assert 'name="changes"' not in page and 'name="texts-0-body"' not in page
    assert (
        admin_client_.post(f"/admin/legal/legaldocument/{document.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert LegalDocument.objects.filter(pk=document.pk).exists()


def test_adding_a_version_in_effect_in_the_admin_asks_everyone_signed_up(admin_client_):
    person = UserFactory()
    now = timezone.localtime()

    response = admin_client_.post(
        "/admin/legal/legaldocument/add/",
        {
            "kind": "privacy",
            "version": 2,
            "effective_at_0": now.strftime("%Y-%m-%d"),
            "effective_at_1": now.strftime("%H:%M:%S"),
            "changes": "We keep session attendance.",
            "texts-TOTAL_FORMS": 1,
            "texts-INITIAL_FORMS": 0,
            "texts-MIN_NUM_FORMS": 1,
            "texts-MAX_NUM_FORMS": 1000,
            "texts-0-language": "da",
            "texts-0-title": "Privatlivserklæring",
            "texts-0-body": "Vi gemmer fremmøde til møder. 🗓️",
        },
    )

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert User.objects.get(pk=person.pk).consent_due
    assert LegalDocument.objects.get(kind="privacy", version=2).applied_at is not None
