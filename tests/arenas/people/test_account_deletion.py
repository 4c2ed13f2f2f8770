"""Deleting an account (DESIGN.md "Account lifecycle"): the person goes, what they contributed stays by
"Deleted participant"; no field anywhere still holds their email, name or handle; an arena's last
convener hands over first; the same service behind the page, the API and the admin."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from rest_framework.authtoken.models import Token

from arenas.deliberation.models import Endorsement, Flag, ThreadFollow
from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import endorsement_toggle, post_create, post_edit, post_hide
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Invitation, JoinRequest, Membership, Role
from arenas.prototypes.models import Feedback, TeamJoinRequest, TeamMember
from platform_core.accounts.erasure import account_delete
from platform_core.accounts.models import HandleChange, User
from platform_core.audit.models import AuditEntry
from platform_core.audit.services import audit_record
from platform_core.erasure import AccountDeletionBlocked
from tests.factories import PASSWORD, ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAIL, HANDLE, NAME = "cecilie.baek@example.org", "cecilie-b", "Cecilie Bæk"

# Every foreign key to the user, and what deleting the account does with it. A new model pointing at
# users fails this test until someone decides — and the erasers do it.
USER_KEYS = {
    "admin.LogEntry.user": "kept: the admin's own actions (object names scrubbed)",
    "authtoken.Token.user": "deleted",
    "authtoken.TokenProxy.user": "deleted",
    "account.EmailAddress.user": "deleted",
    "mfa.Authenticator.user": "deleted",
    "accounts.HandleChange.user": "deleted",
    "organisations.OrganisationMember.user": "deleted",
    "notifications.Notification.recipient": "deleted",
    "notifications.Notification.actor": "kept, actor name replaced",
    "notifications.NotificationSettings.user": "deleted",
    "notifications.DigestRun.user": "deleted",
    "notifications.EmailDelivery.recipient": "deleted",
    "audit.AuditEntry.actor": "kept, labels scrubbed",
    "search.SearchDocument.owner": "kept: their contributions stay findable",
    "arenas.Arena.created_by": "kept",
    "arenas.Membership.user": "deleted",
    "arenas.Membership.banned_by": "kept",
    "arenas.Invitation.invited_by": "kept, pending ones revoked",
    "arenas.Invitation.accepted_by": "deleted with the invitation to their address",
    "arenas.JoinLink.created_by": "kept",
    "arenas.JoinRequest.user": "deleted",
    "arenas.JoinRequest.decided_by": "kept",
    "arenas.Playbook.created_by": "kept",
    "deliberation.Thread.author": "kept: by Deleted participant",
    "deliberation.ThreadSummary.author": "kept",
    "deliberation.Post.author": "kept: by Deleted participant (hidden text erased)",
    "deliberation.Post.hidden_by": "kept",
    "deliberation.PostRevision.edited_by": "kept",
    "deliberation.Endorsement.user": "kept: counts stay",
    "deliberation.ThreadFollow.user": "deleted",
    "deliberation.Flag.reporter": "kept: the moderation record",
    "deliberation.Flag.resolved_by": "kept",
    "prototypes.Prototype.created_by": "kept",
    "prototypes.TeamMember.user": "kept: prototype work stays",
    "prototypes.TeamJoinRequest.user": "deleted",
    "prototypes.StageTransition.actor": "kept",
    "prototypes.Feedback.author": "kept: feedback stays",
}


def user_keys() -> set[str]:
    User = get_user_model()
    return {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is User
    }


def test_every_foreign_key_to_a_user_has_a_decision():
    assert user_keys() == set(USER_KEYS)


@pytest.fixture
def world():
    person = UserFactory(email=EMAIL, handle=HANDLE, display_name=NAME)
    HandleChange.objects.create(user=person, old_handle="cecilie-old", new_handle=HANDLE, reason="chosen")
    convener = UserFactory(display_name="Clara")
    arena = ArenaFactory(title="Safer school routes", visibility=Arena.Visibility.PUBLIC)
    MembershipFactory(arena=arena, user=convener, role=Role.CONVENER)
    membership = MembershipFactory(arena=arena, user=person, role=Role.FACILITATOR)
    other = ArenaFactory(title="Parks", visibility=Arena.Visibility.PUBLIC)
    MembershipFactory(arena=other, user=convener, role=Role.CONVENER)
    JoinRequest.objects.create(arena=other, user=person, note="Let me in")
    thread = thread_create(arena=arena, author=person, title="Crossings", body="By me", notify_members=False)
    post = post_create(thread=thread, author=person, body="My first idea")
    post_edit(post=post, actor=person, body="My first idea, better")
    secret = post_create(thread=thread, author=person, body="Call me on 12345678, Cecilie")
    post_hide(post=secret, actor=convener, reason="Personal data")
    mention = post_create(thread=thread, author=convener, body=f"Thanks @{HANDLE}! And @cecilie-old.")
    endorsement_toggle(post=mention, user=person)
    flag_create(post=mention, reporter=person, reason=Flag.Reason.OTHER, note="Check this")
    Invitation.objects.create(
        arena=other, email=EMAIL, token_hash="x" * 64, invited_by=convener, expires_at="2030-01-01T00:00Z"
    )
    Invitation.objects.create(
        arena=arena,
        email="friend@example.org",
        token_hash="y" * 64,
        invited_by=person,
        expires_at="2030-01-01T00:00Z",
    )
    prototype = PrototypeFactory(arena=arena, created_by=person)
    TeamMember.objects.create(prototype=prototype, user=person)
    Feedback.objects.create(prototype=prototype, author=person, rating=4, would_use="yes", comment="Nice")
    TeamJoinRequest.objects.create(prototype=PrototypeFactory(arena=arena), user=person, note="Me too")
    audit_record(
        actor=convener, action="member.role_changed", target=membership, details={"who": NAME, "email": EMAIL}
    )
    audit_record(actor=person, action="post.hidden", target=mention)
    Token.objects.create(user=person)
    return {
        "person": person,
        "convener": convener,
        "arena": arena,
        "post": post,
        "secret": secret,
        "mention": mention,
    }


def holders_of(text: str) -> list[str]:
    """Every row of every model with a text field holding ``text`` (case-insensitive)."""
    found = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField)) and not f.is_relation
        ]
        if not fields or model._meta.proxy:
            continue
        query = models.Q()
        for name in fields:
            query |= models.Q(**{f"{name}__icontains": text})
        if model.objects.filter(query).exists():
            found.append(model._meta.label)
    return found


def test_a_deleted_account_leaves_no_trace_of_who_it_was_and_keeps_what_they_wrote(client, world):
    person, post = world["person"], world["post"]
    assert holders_of(EMAIL) and holders_of(HANDLE)  # the scan can find them

    account_delete(user=person, actor=person, password=PASSWORD)

    for trace in (EMAIL, HANDLE, "cecilie-old", NAME):
        assert holders_of(trace) == [], trace
    person.refresh_from_db()
    assert person.name == "Deleted participant" and not person.is_active and not person.has_usable_password()
    post.refresh_from_db()
    assert post.author_id == person.pk and post.body == "My first idea, better"
    world["secret"].refresh_from_db()
    assert world["secret"].body == "" and not world["secret"].revisions.exists()
    world["mention"].refresh_from_db()
    assert world["mention"].body == "Thanks @deleted-participant! And @deleted-participant."
    assert not Membership.objects.filter(user=person).exists()
    assert not JoinRequest.objects.filter(user=person).exists()
    assert not ThreadFollow.objects.filter(user=person).exists()
    assert not TeamJoinRequest.objects.filter(user=person).exists()
    assert Invitation.objects.get(email="friend@example.org").status == Invitation.Status.REVOKED
    assert (
        Endorsement.objects.filter(user=person).exists() and Feedback.objects.filter(author=person).exists()
    )
    assert not Token.objects.filter(user=person).exists()
    entry = AuditEntry.objects.get(action="account.deleted")
    assert entry.actor is None and entry.details == {"how": "self"}
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert "Deleted participant" in page and NAME not in page
    assert f'post-handle">@{person.handle}' not in page  # the stand-in handle is never shown


def test_the_old_password_and_token_are_refused_afterwards(client, world):
    token = Token.objects.get(user=world["person"]).key
    account_delete(user=world["person"], actor=world["person"], password=PASSWORD)

    assert not client.login(email=EMAIL, password=PASSWORD)
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_a_wrong_password_deletes_nothing(world):
    with pytest.raises(ValidationError):
        account_delete(user=world["person"], actor=world["person"], password="not it")

    assert User.objects.get(pk=world["person"].pk).email == EMAIL


def test_the_last_convener_hands_over_first_and_is_told_which_arenas(client, world):
    convener = world["convener"]

    with pytest.raises(AccountDeletionBlocked) as blocked:
        account_delete(user=convener, actor=convener, password=PASSWORD)
    assert "“Parks”" in blocked.value.messages[0] and "“Safer school routes”" in blocked.value.messages[0]

    client.force_login(convener)
    answer = client.delete("/api/v1/me/", {"password": PASSWORD}, content_type="application/json")
    assert answer.status_code == 409 and "“Parks”" in answer.json()["error"]["message"]
    page = client.get("/settings/delete/").content.decode()
    assert "Make someone else a convener there first" in page and "Delete my account for good" not in page
    assert User.objects.get(pk=convener.pk).is_active


def test_the_api_deletes_with_the_password(client, world):
    client.force_login(world["person"])

    wrong = client.delete("/api/v1/me/", {"password": "nope"}, content_type="application/json")
    right = client.delete("/api/v1/me/", {"password": PASSWORD}, content_type="application/json")

    assert wrong.status_code == 400 and "password" in wrong.json()["error"]["fields"]
    assert right.status_code == 204
    assert User.objects.get(pk=world["person"].pk).deleted_at is not None


def test_the_settings_page_deletes_and_signs_out(client, world):
    client.force_login(world["person"])

    response = client.post("/settings/delete/", {"password": PASSWORD}, follow=True)

    assert "Your account is deleted" in response.content.decode()
    assert client.get("/settings/").status_code == 302  # signed out
    assert User.objects.get(pk=world["person"].pk).deleted_at is not None


def test_a_site_admin_deletes_an_account_from_the_admin(client, world):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.post(
        "/admin/accounts/user/",
        {"action": "delete_accounts", "_selected_action": [world["person"].pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert User.objects.get(pk=world["person"].pk).deleted_at is not None
    assert AuditEntry.objects.get(action="account.deleted").details == {"how": "admin"}
