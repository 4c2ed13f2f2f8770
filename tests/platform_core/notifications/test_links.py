"""Every email links to one address: an explicit SITE_URL, or the address `make run` recorded at start-up,
so `send_digests` run by hand in another terminal links to the port actually served. Account emails name
the platform, not a host and port."""

import pytest
from django.contrib.sites.models import Site
from django.core.management import CommandError, call_command
from django.urls import reverse

from platform_core.links import absolute, site_url
from platform_core.notifications.services import notify
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_explicit_site_url(settings):
    settings.SITE_URL = ""
    Site.objects.clear_cache()
    yield settings
    Site.objects.clear_cache()


def test_a_digest_sent_by_hand_links_to_the_address_make_run_recorded(no_explicit_site_url, mailoutbox):
    person = UserFactory(email="citizen@example.org", time_zone="UTC")
    notify(recipients=[person], event="test.digest", target_title="Crossing", url="/arenas/x/")

    call_command("site_address_record", "127.0.0.1:8411")  # what `make run` does before serving
    call_command("send_digests", "--now", "--user", "citizen@example.org")

    body = mailoutbox[0].body
    assert "http://127.0.0.1:8411/arenas/x/" in body
    assert "http://127.0.0.1:8411/settings/notifications/" in body
    assert ":8000" not in body + mailoutbox[0].alternatives[0][0]


def test_the_recording_command_takes_a_url_too_and_names_the_site(no_explicit_site_url):
    call_command("site_address_record", "[::1]:8421")
    assert Site.objects.get_current().domain == "[::1]:8421"
    call_command("site_address_record", "http://localhost:8420/")

    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("localhost:8420", "Cocreate")
    assert site_url() == "http://localhost:8420"
    assert absolute("/arenas/") == "http://localhost:8420/arenas/"
    assert absolute("https://elsewhere.example/x") == "https://elsewhere.example/x"


@pytest.mark.parametrize(
    "address", ["", "bad addr", "not a host:port", "127.0.0.1:eighty", "127.0.0.1:8000/path", "user@host:80"]
)
def test_a_bad_address_is_refused_and_nothing_changes(no_explicit_site_url, address):
    before = Site.objects.get_current().domain

    with pytest.raises(CommandError, match="is not a host and port"):
        call_command("site_address_record", address)

    Site.objects.clear_cache()
    assert Site.objects.get_current().domain == before


def test_an_explicit_site_url_wins_over_the_recorded_address(settings, mailoutbox):
    settings.SITE_URL = "https://cocreate.example.org"
    call_command("site_address_record", "127.0.0.1:8411")
    person = UserFactory(time_zone="UTC")
    notify(recipients=[person], event="test.now", target_title="Walking bus", url="/arenas/x/")

    from platform_core.notifications import delivery
    from platform_core.notifications.models import EmailDelivery

    delivery.delivery_send(delivery_id=EmailDelivery.objects.get().pk)

    assert "https://cocreate.example.org/arenas/x/" in mailoutbox[0].body
    assert "8411" not in mailoutbox[0].body


def test_the_confirmation_email_names_the_platform_not_a_host_and_port(
    no_explicit_site_url, client, mailoutbox
):
    assert Site.objects.get_current().domain == "127.0.0.1:8000"  # the development default

    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "New",
            "accept": "on",
        },
    )

    message = mailoutbox[0]
    assert message.subject.startswith("[Cocreate] ")
    assert "create an account on Cocreate." in message.body
    assert "Hello from Cocreate!" in message.body
    assert "127.0.0.1:8000" not in message.subject + message.body
    assert "/accounts/confirm-email/" in message.body


def test_the_password_reset_email_names_the_platform(no_explicit_site_url, client, mailoutbox):
    UserFactory(email="anna@example.org")

    client.post(reverse("account_reset_password"), {"email": "anna@example.org"})

    message = mailoutbox[0]
    assert "Cocreate" in message.subject and "Hello from Cocreate!" in message.body
    assert "127.0.0.1:8000" not in message.subject + message.body
