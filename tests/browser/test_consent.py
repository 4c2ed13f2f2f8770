"""The terms, the privacy notice and the consent prompt in a real browser: axe finds nothing, and a
person asked to accept a new version on a phone, in Danish, accepts and lands where they were going."""

import pytest
from playwright.sync_api import expect

from platform_core.legal.models import LegalDocument, LegalText
from platform_core.legal.services import legal_versions_apply
from tests.browser.axe import assert_no_axe_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/terms/", "/privacy/", "/accounts/signup/"])
def test_the_terms_the_privacy_notice_and_sign_up_have_no_axe_violations(
    page, live_server, terms_in_effect, path
):
    page.goto(f"{live_server.url}{path}")

    if path == "/accounts/signup/":
        expect(page.get_by_label("I accept the terms of use and the privacy notice.")).to_be_visible()
    else:
        expect(page.get_by_text("Version 1, in effect from")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_new_version_is_accepted_once_on_a_phone_in_danish(page, live_server, sign_in, terms_in_effect):
    person = UserFactory()
    sign_in(page, person.email, PASSWORD)
    type(person).objects.filter(pk=person.pk).update(language="da")  # the site speaks Danish to them now
    document = LegalDocument.objects.create(kind="terms", version=2, changes="Møder er nye 🗓️")
    LegalText.objects.create(document=document, language="da", title="Vilkår for brug", body="Nye regler.")
    legal_versions_apply()
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/notifications/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Accepter venligst de nye vilkår")
    expect(page.get_by_text("Møder er nye 🗓️")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Accepter og fortsæt").click()
    expect(page.locator("#id_accept_error")).to_have_text(
        "Accepter venligst vilkårene for brug og privatlivserklæringen for at fortsætte."
    )
    page.get_by_label("Jeg accepterer vilkårene for brug og privatlivserklæringen.").check()
    page.get_by_role("button", name="Accepter og fortsæt").click()

    expect(page).to_have_url(f"{live_server.url}/notifications/")
    assert document.consents.filter(user=person).exists()
