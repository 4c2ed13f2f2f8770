"""Demo data (``seed_demo``): the accounts and organisation of DESIGN.md section 4. Idempotent.

Later issues extend ``seed`` with arenas, threads and prototypes. Never loaded in production settings.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from platform_core.accounts.models import User
from platform_core.legal.services import consent_record
from platform_core.organisations.models import Organisation, OrganisationMember

DEMO_PASSWORD = "cocreate-demo"
ORGANISATION_SLUG = "northbridge-municipality"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    handle: str
    display_name: str
    site_admin: bool = False
    org_role: str | None = None


ACCOUNTS = [
    DemoAccount("admin@example.org", "site-admin", "Site Admin", site_admin=True),
    DemoAccount(
        "convener@example.org", "clara-convener", "Clara Convener", org_role=OrganisationMember.Role.STAFF
    ),
    DemoAccount("facilitator@example.org", "frederik", "Frederik Facilitator"),
    DemoAccount("citizen@example.org", "cecilie", "Cecilie Citizen"),
    DemoAccount("outsider@example.org", "oscar", "Oscar Outsider"),
]


def _account(spec: DemoAccount) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(
            email=spec.email,
            password=DEMO_PASSWORD,
            handle=spec.handle,
            display_name=spec.display_name,
            is_staff=spec.site_admin,
            is_superuser=spec.site_admin,
        )
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    consent_record(user=user, how="sign_up")  # signed up like everyone: accepted the terms in effect
    return user


# Apps that add demo data (arenas, threads, prototypes) register a seeder from their AppConfig.ready():
# ``seeder(*, users, organisation, reset)`` runs after the accounts exist, in registration order.
SEEDERS: list = []


def seeder_register(function):
    if function not in SEEDERS:
        SEEDERS.append(function)
    return function


@transaction.atomic
def seed(*, reset: bool = False, stdout=None) -> dict:
    if reset:
        for seeder in reversed(SEEDERS):
            seeder(users={}, organisation=None, reset=True)
        Organisation.objects.filter(slug=ORGANISATION_SLUG).delete()
        User.objects.filter(email__in=[a.email for a in ACCOUNTS]).delete()
    users = {spec.email: _account(spec) for spec in ACCOUNTS}
    organisation, _created = Organisation.objects.get_or_create(
        slug=ORGANISATION_SLUG,
        defaults={
            "name": "Northbridge Municipality",
            "description": "A mid-sized municipality that co-creates its services with residents.",
            "website": "https://northbridge.example.org",
        },
    )
    for spec in ACCOUNTS:
        if spec.org_role:
            OrganisationMember.objects.get_or_create(
                organisation=organisation, user=users[spec.email], defaults={"role": spec.org_role}
            )
    _welcome(users.values())
    for seeder in SEEDERS:
        seeder(users=users, organisation=organisation, reset=False)
    return {"users": users, "organisation": organisation}


WELCOME = [
    ("platform.welcome", "Northbridge Municipality invites you to co-create", "/"),
    ("platform.tip", "Choose what we email you, and when your digest comes", "/settings/notifications/"),
    ("platform.tip", "Protect your account with two-factor authentication", "/accounts/2fa/"),
]


def _welcome(users) -> None:
    """A few unread notifications that no digest has carried, so the centre and the digest have something
    to show on a fresh ``make run``."""
    from platform_core.notifications.models import Notification
    from platform_core.notifications.services import notify

    greeted = set(
        Notification.objects.filter(event="platform.welcome").values_list("recipient_id", flat=True)
    )
    newcomers = [user for user in users if user.pk not in greeted]
    for event, title, url in WELCOME:
        notify(recipients=newcomers, event=event, target_title=title, url=url)
