import pytest
from django.urls import reverse

from tests.factories import OrganisationMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:accounts_user_changelist",
        "admin:accounts_user_add",
        "admin:organisations_organisation_changelist",
        "admin:organisations_organisation_add",
        "admin:organisations_organisationmember_changelist",
    ],
)
def test_admin_pages_open(site_admin_client, url_name):
    assert site_admin_client.get(reverse(url_name)).status_code == 200


def test_admin_searches_and_filters_users(site_admin_client):
    UserFactory(email="findme@example.org", handle="findme")

    response = site_admin_client.get(
        reverse("admin:accounts_user_changelist"), {"q": "findme", "is_staff": "0"}
    )

    assert "findme@example.org" in response.content.decode()


def test_admin_organisation_page_lists_members_inline(site_admin_client):
    member = OrganisationMemberFactory(user__email="staff@example.org")

    response = site_admin_client.get(
        reverse("admin:organisations_organisation_change", args=[member.organisation.pk])
    )

    assert response.status_code == 200
    assert "staff@example.org" in response.content.decode()


def test_site_admin_creates_a_user_in_the_admin(site_admin_client):
    response = site_admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "created@example.org",
            "handle": "created",
            "usable_password": "true",
            "password1": "a-Strong-passw0rd",
            "password2": "a-Strong-passw0rd",
            "organisation_memberships-TOTAL_FORMS": "0",
            "organisation_memberships-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    from platform_core.accounts.models import User

    assert User.objects.filter(email="created@example.org", handle="created").exists()


def test_non_staff_cannot_open_the_admin(client):
    client.force_login(UserFactory())

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response.url
