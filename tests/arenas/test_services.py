from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from arenas.models import Arena, Invitation, JoinRequest, Membership, Playbook, Role
from arenas.services.arenas import (
    arena_create,
    arena_phase_advance,
    arena_phases_replace,
    arena_status_change,
    arena_update,
    playbook_create_from_arena,
)
from arenas.services.membership import (
    JoinLinkUnusable,
    arena_join,
    arena_leave,
    join_link_create,
    join_link_revoke,
    join_link_use,
    join_request_create,
    join_request_decide,
    membership_ban,
    membership_change_role,
    membership_remove,
    membership_unban,
)
from platform_core.audit.models import AuditEntry
from platform_core.notifications.models import Notification
from platform_core.organisations.models import OrganisationMember
from tests.factories import ArenaFactory, JoinLinkFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(visibility=Arena.Visibility.PUBLIC)


@pytest.fixture
def convener(arena):
    return MembershipFactory(arena=arena, role=Role.CONVENER).user


@pytest.fixture
def facilitator(arena):
    return MembershipFactory(arena=arena, role=Role.FACILITATOR).user


@pytest.fixture
def participant(arena):
    return MembershipFactory(arena=arena, role=Role.PARTICIPANT).user


# --- creating and running an arena ---------------------------------------------------------------------------


def test_org_staff_open_a_draft_arena_from_a_playbook_and_convene_it():
    organisation = OrganisationFactory()
    staff = UserFactory()
    OrganisationMember.objects.create(organisation=organisation, user=staff, role="staff")
    playbook = Playbook.objects.get(slug="neighbourhood-challenge")

    arena = arena_create(
        creator=staff,
        organisation=organisation,
        title="Safer school routes",
        problem_statement="Children cross **busy** roads <script>alert(1)</script>",
        topics=["Mobility", "Schools"],
        playbook=playbook,
    )

    assert arena.status == "draft"
    assert arena.slug == "safer-school-routes"
    assert "<strong>busy</strong>" in arena.problem_statement_html
    assert "<script" not in arena.problem_statement_html
    assert [p.name for p in arena.phases.order_by("order")] == [p["name"] for p in playbook.phases]
    assert arena.current_phase.order == 0
    assert Membership.objects.get(arena=arena, user=staff).role == Role.CONVENER
    assert sorted(arena.topics.values_list("slug", flat=True)) == ["mobility", "schools"]
    assert AuditEntry.objects.filter(action="arena.created", group_key=arena.group_key).exists()


def test_a_second_arena_with_the_same_title_gets_its_own_slug():
    organisation = OrganisationFactory()
    staff = UserFactory(is_superuser=True)
    first = arena_create(creator=staff, organisation=organisation, title="Routes", problem_statement="p")
    second = arena_create(creator=staff, organisation=organisation, title="Routes", problem_statement="p")

    assert (first.slug, second.slug) == ("routes", "routes-2")


def test_people_outside_the_organisation_cannot_create_arenas():
    with pytest.raises(PermissionDenied):
        arena_create(
            creator=UserFactory(), organisation=OrganisationFactory(), title="T", problem_statement="p"
        )


def test_an_arena_needs_a_title_and_a_problem():
    staff = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError) as error:
        arena_create(creator=staff, organisation=OrganisationFactory(), title=" ", problem_statement="p")
    assert "title" in error.value.message_dict
    assert not Arena.objects.exists()


def test_conveners_edit_and_facilitators_cannot(arena, convener, facilitator):
    arena_update(
        arena=arena,
        actor=convener,
        title="New title",
        problem_statement="# Why\n\nBecause",
        topics=["Health"],
    )
    arena.refresh_from_db()
    assert arena.title == "New title"
    assert "<h2>Why</h2>" in arena.problem_statement_html

    with pytest.raises(PermissionDenied):
        arena_update(arena=arena, actor=facilitator, title="Hijack")


def test_status_follows_its_allowed_changes_and_closing_tells_members(arena, convener, participant):
    arena_status_change(arena=arena, actor=convener, status="closed")
    assert Notification.objects.filter(recipient=participant, event="arenas.arena_closed").exists()

    with pytest.raises(ValidationError):
        arena_status_change(arena=arena, actor=convener, status="draft")
    arena_status_change(arena=arena, actor=convener, status="open")
    assert Arena.objects.get(pk=arena.pk).status == "open"


def test_a_closed_arena_is_read_only_even_for_its_convener(arena, convener):
    arena_status_change(arena=arena, actor=convener, status="closed")

    with pytest.raises(PermissionDenied):
        arena_update(arena=arena, actor=convener, title="Edited while closed")


def test_moving_to_the_next_phase_tells_every_member(arena, convener, participant, facilitator):
    arena_phases_replace(
        arena=arena,
        actor=convener,
        phases=[
            {"id": arena.current_phase_id, "name": "Framing the problem"},
            {"name": "Ideation"},
            {"name": "Prototyping"},
        ],
    )

    phase = arena_phase_advance(arena=arena, actor=convener)

    assert phase.name == "Ideation"
    told = set(
        Notification.objects.filter(event="arenas.phase_changed").values_list("recipient_id", flat=True)
    )
    assert told == {participant.pk, facilitator.pk}  # everyone but the convener who did it


def test_the_phases_editor_reorders_adds_and_removes(arena, convener):
    first = arena.current_phase
    phases = arena_phases_replace(
        arena=arena,
        actor=convener,
        phases=[
            {"name": "Ideation", "start_date": "2026-12-01", "end_date": "2026-12-31"},
            {"id": first.pk, "name": "Framing, again"},
        ],
    )

    assert [(p.order, p.name) for p in arena.phases.order_by("order")] == [
        (0, "Ideation"),
        (1, "Framing, again"),
    ]
    arena.refresh_from_db()
    assert arena.current_phase_id == first.pk == phases[1].pk


def test_the_phases_editor_refuses_bad_input_and_changes_nothing(arena, convener):
    before = list(arena.phases.values_list("pk", "name"))

    with pytest.raises(ValidationError):
        arena_phases_replace(
            arena=arena,
            actor=convener,
            phases=[
                {"name": "Ideation", "start_date": "2026-12-31", "end_date": "2026-12-01"},
            ],
        )
    with pytest.raises(ValidationError):
        arena_phases_replace(arena=arena, actor=convener, phases=[])

    assert list(arena.phases.values_list("pk", "name")) == before


def test_an_arena_is_saved_as_a_playbook_of_its_organisation(arena, convener):
    playbook = playbook_create_from_arena(arena=arena, actor=convener, name="Our school routes method")

    assert playbook.organisation == arena.organisation
    assert [p["name"] for p in playbook.phases] == ["Framing the problem"]


# --- coming in and going out ---------------------------------------------------------------------------------


def test_anyone_signed_in_joins_a_public_arena_once(arena):
    person = UserFactory()
    membership = arena_join(arena=arena, user=person, stakeholder_type="service_user")

    assert (membership.role, membership.stakeholder_type) == ("participant", "service_user")
    with pytest.raises(PermissionDenied):
        arena_join(arena=arena, user=person)


def test_a_restricted_arena_takes_requests_and_tells_both_sides(convener, facilitator):
    arena = Membership.objects.get(user=convener).arena
    arena.visibility = Arena.Visibility.RESTRICTED
    arena.save()
    person = UserFactory()

    with pytest.raises(PermissionDenied):
        arena_join(arena=arena, user=person)
    request = join_request_create(arena=arena, user=person, note="I walk this route daily")
    with pytest.raises(ValidationError):
        join_request_create(arena=arena, user=person)
    told = set(
        Notification.objects.filter(event="arenas.join_request_received").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {convener.pk, facilitator.pk}

    join_request_decide(join_request=request, actor=facilitator, approve=True)

    assert Membership.objects.get(arena=arena, user=person).role == "participant"
    assert Notification.objects.filter(recipient=person, event="arenas.join_request_approved").exists()
    with pytest.raises(ValidationError):
        join_request_decide(join_request=request, actor=facilitator, approve=False)


def test_a_declined_request_is_told_and_adds_no_member(convener):
    arena = Membership.objects.get(user=convener).arena
    Arena.objects.filter(pk=arena.pk).update(visibility="restricted")
    arena.refresh_from_db()
    person = UserFactory()
    request = join_request_create(arena=arena, user=person)

    join_request_decide(join_request=request, actor=convener, approve=False)

    assert JoinRequest.objects.get(pk=request.pk).status == "declined"
    assert not Membership.objects.filter(arena=arena, user=person).exists()
    assert Notification.objects.filter(recipient=person, event="arenas.join_request_declined").exists()


def test_participants_cannot_decide_requests(convener, participant):
    arena = Membership.objects.get(user=convener).arena
    Arena.objects.filter(pk=arena.pk).update(visibility="restricted")
    arena.refresh_from_db()
    request = join_request_create(arena=arena, user=UserFactory())

    with pytest.raises(PermissionDenied):
        join_request_decide(join_request=request, actor=participant, approve=True)


def test_the_only_convener_cannot_leave_or_be_demoted(arena, convener):
    org_admin = UserFactory()
    OrganisationMember.objects.create(
        organisation=arena.organisation, user=org_admin, role=OrganisationMember.Role.ADMIN
    )
    membership = Membership.objects.get(user=convener)
    with pytest.raises(ValidationError):
        arena_leave(arena=arena, user=convener)
    with pytest.raises(ValidationError):  # even by the organisation's admin, who outranks conveners
        membership_change_role(arena=arena, membership=membership, actor=org_admin, role="participant")
    with pytest.raises(PermissionDenied):  # nobody outranks themselves
        membership_change_role(arena=arena, membership=membership, actor=convener, role="participant")


def test_role_changes_are_for_conveners_told_and_audited(arena, convener, facilitator, participant):
    membership = Membership.objects.get(arena=arena, user=participant)

    with pytest.raises(PermissionDenied):
        membership_change_role(arena=arena, membership=membership, actor=facilitator, role="facilitator")
    membership_change_role(arena=arena, membership=membership, actor=convener, role="facilitator")

    assert Membership.objects.get(pk=membership.pk).role == "facilitator"
    assert Notification.objects.filter(recipient=participant, event="arenas.role_changed").exists()
    assert AuditEntry.objects.get(action="membership.role_changed").details == {
        "from": "participant",
        "to": "facilitator",
    }


def test_removing_a_member(arena, convener, participant):
    membership_remove(arena=arena, membership=Membership.objects.get(user=participant), actor=convener)

    assert not Membership.objects.filter(user=participant).exists()
    assert AuditEntry.objects.filter(action="membership.removed").exists()


def test_facilitators_ban_participants_with_a_reason_and_unban(arena, facilitator, participant, convener):
    membership = Membership.objects.get(user=participant)

    with pytest.raises(ValidationError):
        membership_ban(arena=arena, membership=membership, actor=facilitator, reason=" ")
    membership_ban(arena=arena, membership=membership, actor=facilitator, reason="Repeated insults")
    membership.refresh_from_db()
    assert membership.banned and membership.ban_reason == "Repeated insults"
    with pytest.raises(PermissionDenied):  # a facilitator does not ban a convener
        membership_ban(
            arena=arena, membership=Membership.objects.get(user=convener), actor=facilitator, reason="x"
        )

    membership_unban(arena=arena, membership=membership, actor=facilitator)
    assert not Membership.objects.get(pk=membership.pk).banned
    assert list(AuditEntry.objects.filter(group_key=arena.group_key).values_list("action", flat=True)) == [
        "membership.unbanned",
        "membership.banned",
    ]


def test_join_links_respect_role_expiry_uses_and_revocation(arena, facilitator):
    link = join_link_create(arena=arena, actor=facilitator, role="observer", max_uses=1)
    first = UserFactory()

    assert join_link_use(token=link.token, user=first).role == "observer"
    assert join_link_use(token=link.token, user=first).role == "observer"  # already a member: nothing changes
    with pytest.raises(JoinLinkUnusable):
        join_link_use(token=link.token, user=UserFactory())  # used up

    timed = join_link_create(arena=arena, actor=facilitator, expires_at=timezone.now() + timedelta(days=1))
    with time_machine.travel(timezone.now() + timedelta(days=2)), pytest.raises(JoinLinkUnusable):
        join_link_use(token=timed.token, user=UserFactory())

    join_link_revoke(link=timed, actor=facilitator)
    with pytest.raises(JoinLinkUnusable):
        join_link_use(token=timed.token, user=UserFactory())


def test_a_join_link_cannot_make_conveners_and_a_banned_person_cannot_use_one(
    arena, facilitator, participant
):
    with pytest.raises(ValidationError):
        join_link_create(arena=arena, actor=facilitator, role="convener")
    Membership.objects.filter(user=participant).update(banned=True, ban_reason="x")
    link = JoinLinkFactory(arena=arena)

    with pytest.raises(PermissionDenied):
        join_link_use(token=link.token, user=participant)


def test_invitations_expire_after_fourteen_days():
    assert timedelta(days=14) == Invitation.VALID_FOR


def test_a_playbooks_starter_threads_open_with_the_arena():
    organisation = OrganisationFactory()
    staff = UserFactory(is_superuser=True)
    playbook = Playbook.objects.get(slug="policy-co-design")

    arena = arena_create(
        creator=staff, organisation=organisation, title="Policy", problem_statement="p", playbook=playbook
    )

    threads = list(arena.threads.order_by("pk"))
    assert [(t.title, t.kind) for t in threads] == [(s["title"], s["kind"]) for s in playbook.starter_threads]
    assert threads[-1].phase.name == "Scaling & learning"


def test_an_arena_called_new_does_not_hide_behind_the_new_arena_form():
    arena = arena_create(
        creator=UserFactory(is_superuser=True),
        organisation=OrganisationFactory(),
        title="New",
        problem_statement="p",
    )

    assert arena.slug == "new-2"
