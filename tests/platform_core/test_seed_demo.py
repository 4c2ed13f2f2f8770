import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from platform_core.accounts.models import User
from platform_core.organisations.models import Organisation, OrganisationMember

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {
    "admin@example.org",
    "convener@example.org",
    "facilitator@example.org",
    "citizen@example.org",
    "outsider@example.org",
}


def test_seed_demo_is_idempotent_and_gives_working_verified_accounts(client):
    call_command("seed_demo")
    call_command("seed_demo")

    assert set(User.objects.values_list("email", flat=True)) == DEMO_EMAILS
    assert EmailAddress.objects.filter(verified=True, email__in=DEMO_EMAILS).count() == 5
    organisation = Organisation.objects.get(slug="northbridge-municipality")
    assert organisation.name == "Northbridge Municipality"
    assert OrganisationMember.objects.get(user__email="convener@example.org").role == "staff"
    assert User.objects.get(email="admin@example.org").is_superuser
    assert client.login(email="citizen@example.org", password="cocreate-demo")


def test_seed_demo_reset_starts_over():
    call_command("seed_demo")
    User.objects.filter(email="citizen@example.org").update(display_name="Changed")

    call_command("seed_demo", "--reset")

    assert User.objects.get(email="citizen@example.org").display_name == "Cecilie Citizen"
    assert Organisation.objects.count() == 1


def test_seed_demo_refuses_when_demo_data_is_not_allowed(settings):
    from django.core.management.base import CommandError

    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="never loaded"):
        call_command("seed_demo")
    assert not User.objects.exists()
