"""Deleting an account (DESIGN.md "Account lifecycle"): the person goes, what they contributed stays by
"Deleted participant"; no field anywhere still holds their email, name or handle; an arena's last
convener hands over first; the same service behind the page, the API and the admin."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from rest_framework.authtoken.models import Token

from arenas.deliberation.models import Endorsement, ThreadFollow
from arenas.models import Invitation, JoinRequest, Membership
from arenas.prototypes.models import Feedback, TeamJoinRequest
from arenas.sessions.models import Attendance, Registration
from platform_core.accounts.erasure import account_delete
from platform_core.accounts.models import User
from platform_core.audit.models import AuditEntry
from platform_core.erasure import AccountDeletionBlocked
from platform_core.legal.models import Consent
from tests.factories import PASSWORD, UserFactory

from .conftest import EMAIL, HANDLE, NAME

pytestmark = pytest.mark.django_db


# Every foreign key to the user, and what deleting the account does with it. A new model pointing at
# users fails this test until someone decides — and the erasers do it.
USER_KEYS = {
    "admin.LogEntry.user": "kept: the admin's own actions (object names scrubbed)",
    "authtoken.Token.user": "deleted",
    "authtoken.TokenProxy.user": "deleted",
    "account.EmailAddress.user": "deleted",
    "mfa.Authenticator.user": "deleted",
    "accounts.HandleChange.user": "deleted",
    "accounts.DataExport.user": "deleted, with their archives",
    "organisations.OrganisationMember.user": "deleted",
    "notifications.Notification.recipient": "deleted",
    "notifications.Notification.actor": "kept, actor name replaced",
    "notifications.NotificationEvent.actor": "kept, actor name replaced (a fan-out not yet told)",
    "notifications.NotificationSettings.user": "deleted",
    "notifications.DigestRun.user": "deleted",
    "notifications.EmailDelivery.recipient": "deleted",
    "audit.AuditEntry.actor": "kept, labels scrubbed",
    "legal.Consent.user": "deleted",
    "prototypes.Feedback.entered_by": "kept: paper feedback they entered stays, anonymous",
    "outcomes.Decision.decided_by": "kept: the decision stays, made by a Deleted participant",
    "sessions_part.Registration.user": "deleted (access needs with it)",
    "sessions_part.Reminder.user": "deleted",
    "sessions_part.CalendarFeed.user": "deleted (the feed URL stops working)",
    "sessions_part.Attendance.user": "kept: counts in the attendance, anonymous",
    "sessions_part.Attendance.recorded_by": "kept: who took attendance, anonymous",
    "sessions_part.Session.created_by": "kept: the session stays, anonymous",
    "sessions_part.MinutesRevision.author": "kept: the minutes stay, anonymous",
    "sessions_part.SessionOutcome.created_by": "kept: provenance stays, anonymous",
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
    assert not Consent.objects.filter(user=person).exists()
    assert not Registration.objects.filter(user=person).exists()
    assert Attendance.objects.filter(user=person).exists()  # counted, anonymous
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
