"""The arenas app in the Django admin: every page opens for a site admin, search finds things, the arena
page shows its phases and members inline, and an invitation's token never appears."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from arenas.models import Arena, Invitation
from tests.factories import (
    ArenaFactory,
    InvitationFactory,
    JoinLinkFactory,
    JoinRequestFactory,
    MembershipFactory,
    PlaybookFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["arena", "phase", "topic", "playbook", "membership", "invitation", "joinlink", "joinrequest"]


@pytest.fixture
def site_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True, email="root@example.org")
    client.force_login(admin)
    return client


@pytest.fixture
def everything(db):
    arena = ArenaFactory(title="Safer school routes")
    arena.topics.add(TopicFactory(name="Mobility"))
    MembershipFactory(arena=arena, user=UserFactory(email="cecilie@example.org"))
    InvitationFactory(arena=arena, email="invitee@example.org")
    JoinLinkFactory(arena=arena)
    JoinRequestFactory(arena=arena, user=UserFactory(email="asker@example.org"))
    PlaybookFactory(name="School streets", organisation=arena.organisation)
    return arena


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_and_add_page_opens(site_admin, everything, model):
    assert site_admin.get(reverse(f"admin:arenas_{model}_changelist")).status_code == 200
    assert site_admin.get(reverse(f"admin:arenas_{model}_add")).status_code == 200


@pytest.mark.parametrize(
    ("model", "query", "found"),
    [
        ("arena", "safer", "Safer school routes"),
        ("topic", "mob", "Mobility"),
        ("playbook", "streets", "School streets"),
        ("membership", "cecilie", "cecilie@example.org"),
        ("invitation", "invitee", "invitee@example.org"),
        ("joinrequest", "asker", "asker@example.org"),
        ("joinlink", "school", "Safer school routes"),
        ("phase", "framing", "Framing the problem"),
    ],
)
def test_search_finds_what_it_is_asked_for(site_admin, everything, model, query, found):
    ArenaFactory(
        title="Loneliness among seniors", slug="loneliness", problem_statement="Older people feel alone."
    )

    response = site_admin.get(reverse(f"admin:arenas_{model}_changelist"), {"q": query})

    assertContains(response, found)
    if model == "arena":
        assertNotContains(response, "Loneliness among seniors")


def test_the_changelists_filter(site_admin, everything):
    ArenaFactory(title="Closed harbour", status=Arena.Status.CLOSED)

    response = site_admin.get(reverse("admin:arenas_arena_changelist"), {"status__exact": "closed"})

    assertContains(response, "Closed harbour")
    assertNotContains(response, "Safer school routes")


def test_an_arena_shows_its_phases_and_members_inline(site_admin, everything):
    response = site_admin.get(reverse("admin:arenas_arena_change", args=[everything.pk]))

    assertContains(response, "Framing the problem")
    assertContains(response, "cecilie@example.org")


def test_an_invitations_token_is_never_shown(site_admin, everything):
    invitation = Invitation.objects.get(email="invitee@example.org")

    change = site_admin.get(reverse("admin:arenas_invitation_change", args=[invitation.pk]))
    changelist = site_admin.get(reverse("admin:arenas_invitation_changelist"))

    for response in (change, changelist):
        assertNotContains(response, invitation.token_hash)
        assertNotContains(response, 'name="token')
    assert "token_hash" not in change.context["adminform"].form.fields


def test_an_invitation_added_in_the_admin_is_sent_through_the_service(
    site_admin, everything, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = site_admin.post(
            reverse("admin:arenas_invitation_add"),
            {
                "arena": everything.pk,
                "email": "new@example.org",
                "role": "participant",
                "stakeholder_type": "business",
                "message": "Join us",
            },
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new@example.org")
    assert (
        invitation.status == "pending"
        and invitation.sent_count == 1
        and invitation.invited_by.email == "root@example.org"
    )


def test_a_refused_invitation_is_explained_and_not_saved(site_admin, everything):
    everything.status = Arena.Status.CLOSED
    everything.save()

    response = site_admin.post(
        reverse("admin:arenas_invitation_add"),
        {
            "arena": everything.pk,
            "email": "late@example.org",
            "role": "participant",
            "stakeholder_type": "resident",
            "message": "",
        },
        follow=True,
    )

    assertContains(response, "The invitation was not sent")
    assert not Invitation.objects.filter(email="late@example.org").exists()


def test_an_arena_edited_in_the_admin_shows_the_new_problem_statement(site_admin, everything):
    url = reverse("admin:arenas_arena_change", args=[everything.pk])
    form = site_admin.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "organisation": everything.organisation.pk,
            "topics": [t.pk for t in everything.topics.all()],
            "problem_statement": "Cars **everywhere**.",
            "current_phase": everything.current_phase_id,
            "phases-TOTAL_FORMS": "0",
            "phases-INITIAL_FORMS": "0",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    data.pop("cover_image", None)

    response = site_admin.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    everything.refresh_from_db()
    assert "<strong>everywhere</strong>" in everything.problem_statement_html
