"""A person with something in every part of the platform: what their data export must hold and their
account deletion must erase or keep."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from arenas.deliberation.models import Flag
from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import endorsement_toggle, post_create, post_edit, post_hide
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Invitation, JoinRequest, Role
from arenas.prototypes.models import Feedback, TeamJoinRequest, TeamMember
from arenas.sessions.services.attendance import attendance_set
from arenas.sessions.services.minutes import minutes_save
from arenas.sessions.services.registrations import registration_create
from arenas.sessions.services.sessions import session_create
from platform_core.accounts.models import HandleChange
from platform_core.audit.services import audit_record
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

EMAIL, HANDLE, NAME = "cecilie.baek@example.org", "cecilie-b", "Cecilie Bæk"


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
    starts = timezone.now() + timedelta(days=3)
    session = session_create(
        arena=arena,
        actor=person,
        title="Walk",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        announce=False,
    )
    registration_create(session=session, user=person, access_needs="Step-free, please")
    minutes_save(session=session, actor=person, body="Notes from the walk")
    attendance_set(session=session, actor=person, user_ids=[person.pk])
    return {
        "person": person,
        "convener": convener,
        "arena": arena,
        "post": post,
        "secret": secret,
        "mention": mention,
    }
