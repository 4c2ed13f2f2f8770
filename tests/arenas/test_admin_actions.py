"""The admin changes an arena's status and a member's role, ban and membership only through actions that
call the services: the audit log records them and the people concerned are told, as from the pages; the
raw fields are read-only."""

import pytest
from django.urls import reverse

from arenas.models import Arena, Membership, Role
from platform_core.audit.models import AuditEntry
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def act(client, model, action, ids, **extra):
    return client.post(
        reverse(f"admin:arenas_{model}_changelist"),
        {"action": action, "_selected_action": [str(i) for i in ids], **extra},
        follow=True,
    )


def test_a_role_changes_by_action_audited_and_told(client, site_admin):
    membership = MembershipFactory(role=Role.PARTICIPANT)

    response = act(client, "membership", "make_facilitator", [membership.pk])

    assert "One role changed; the member is told." in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).role == Role.FACILITATOR
    entry = AuditEntry.objects.get(action="membership.role_changed")
    assert (entry.actor, entry.details) == (site_admin, {"from": "participant", "to": "facilitator"})
    assert Notification.objects.filter(recipient=membership.user, event="arenas.role_changed").exists()


def test_a_ban_asks_for_the_reason_then_bans_audited(client, site_admin):
    membership = MembershipFactory(role=Role.PARTICIPANT)

    asked = act(client, "membership", "ban_members", [membership.pk])
    assert "Why are they banned?" in asked.content.decode()
    assert not Membership.objects.get(pk=membership.pk).banned

    act(client, "membership", "ban_members", [membership.pk], apply="1", reason="Spam, again")

    banned = Membership.objects.get(pk=membership.pk)
    assert (banned.banned, banned.ban_reason, banned.banned_by) == (True, "Spam, again", site_admin)
    assert AuditEntry.objects.get(action="membership.banned").details == {"reason": "Spam, again"}
    act(client, "membership", "lift_bans", [membership.pk])
    assert not Membership.objects.get(pk=membership.pk).banned
    assert AuditEntry.objects.filter(action="membership.unbanned").exists()


def test_the_last_convener_is_kept_and_the_admin_says_why(client, site_admin):
    convener = MembershipFactory(role=Role.CONVENER)

    response = act(client, "membership", "make_participant", [convener.pk])

    assert "An arena needs at least one convener." in response.content.decode()
    assert Membership.objects.get(pk=convener.pk).role == Role.CONVENER


def test_removing_goes_through_the_service(client, site_admin):
    membership = MembershipFactory(role=Role.OBSERVER)

    act(client, "membership", "remove_members", [membership.pk])

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.get(action="membership.removed").actor == site_admin


def test_an_arena_is_closed_by_action_and_its_members_are_told(client, site_admin):
    arena = ArenaFactory(status=Arena.Status.OPEN)
    member = MembershipFactory(arena=arena).user

    act(client, "arena", "close_arenas", [arena.pk])

    assert Arena.objects.get(pk=arena.pk).status == Arena.Status.CLOSED
    assert AuditEntry.objects.get(action="arena.status_changed").details == {"from": "open", "to": "closed"}
    assert Notification.objects.filter(recipient=member, event="arenas.arena_closed").exists()


def test_status_role_and_ban_are_read_only_on_the_forms(client, site_admin):
    arena = ArenaFactory()
    membership = MembershipFactory(arena=arena)

    arena_form = client.get(reverse("admin:arenas_arena_change", args=[arena.pk])).content.decode()
    member_form = client.get(reverse("admin:arenas_membership_change", args=[membership.pk])).content.decode()

    assert 'name="status"' not in arena_form
    assert 'name="role"' not in member_form and 'name="banned"' not in member_form
    assert 'name="memberships-0-role"' not in arena_form


def test_adding_a_member_goes_through_the_service(client, site_admin):
    arena = ArenaFactory()
    person = UserFactory()

    client.post(
        reverse("admin:arenas_membership_add"),
        {"arena": arena.pk, "user": person.pk, "role": Role.FACILITATOR, "stakeholder_type": "resident"},
    )

    assert Membership.objects.get(arena=arena, user=person).role == Role.FACILITATOR
    assert AuditEntry.objects.get(action="membership.added").details == {"role": "facilitator"}
