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

    assert set(User.objects.values_list("email", flat=True)) >= DEMO_EMAILS
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


def test_seed_demo_opens_the_three_demo_arenas_with_their_people():
    from arenas.models import Arena, Invitation, JoinRequest, Membership

    call_command("seed_demo")
    call_command("seed_demo")

    arenas = {a.slug: a for a in Arena.objects.select_related("current_phase")}
    assert {slug: (a.visibility, a.status) for slug, a in arenas.items()} == {
        "safer-school-routes": ("public", "open"),
        "loneliness-among-seniors": ("restricted", "open"),
        "youth-employment-taskforce": ("private", "open"),
    }
    assert arenas["safer-school-routes"].current_phase.name == "Prototyping"
    assert arenas["loneliness-among-seniors"].current_phase.name == "Ideation"
    roles = {(m.arena.slug, m.user.email): m.role for m in Membership.objects.select_related("arena", "user")}
    for slug in arenas:
        assert roles[(slug, "convener@example.org")] == "convener"
        assert roles[(slug, "facilitator@example.org")] == "facilitator"
    assert roles[("safer-school-routes", "citizen@example.org")] == "participant"
    assert roles[("loneliness-among-seniors", "citizen@example.org")] == "participant"
    assert ("youth-employment-taskforce", "citizen@example.org") not in roles
    assert not Membership.objects.filter(user__email="outsider@example.org").exists()
    assert Invitation.objects.filter(status="pending").count() == 2
    assert JoinRequest.objects.filter(status="pending").count() == 1
    assert len(set(Membership.objects.values_list("stakeholder_type", flat=True))) >= 5


def test_seed_demo_refuses_when_demo_data_is_not_allowed(settings):
    from django.core.management.base import CommandError

    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="never loaded"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_starts_the_conversations():
    from arenas.deliberation.models import Endorsement, Flag, Post, Thread

    call_command("seed_demo")
    call_command("seed_demo")

    safer = Thread.objects.filter(arena__slug="safer-school-routes")
    assert set(safer.values_list("kind", flat=True)) == {"discussion", "question", "idea", "decision"}
    long = safer.get(title="Where should the new crossing on Ring Road go?")
    assert long.post_count >= 60
    assert long.summary is not None and long.pinned
    assert Post.objects.filter(thread=long, parent__isnull=False).exists()
    assert Endorsement.objects.filter(post__thread=long).count() >= 10
    assert Flag.objects.filter(status="open", post__thread=long).count() == 1
    assert Post.objects.filter(body__contains="@frederik").exists()


def test_seed_demo_tracks_prototypes_from_idea_to_decision():
    from arenas.prototypes.models import Feedback, Indicator, Iteration, Prototype, PrototypeSource

    call_command("seed_demo")
    call_command("seed_demo")

    prototypes = Prototype.objects.filter(arena__slug="safer-school-routes")
    assert len(set(prototypes.values_list("stage", flat=True))) >= 5
    assert prototypes.filter(team__user__email="citizen@example.org", team__role="lead").exists()
    assert (
        Iteration.objects.filter(prototype__in=prototypes).exclude(learnings="").exclude(decision="").exists()
    )
    assert Feedback.objects.filter(prototype__in=prototypes).count() >= 3
    assert Indicator.objects.get(prototype__in=prototypes).measurements.count() >= 3
    assert PrototypeSource.objects.filter(prototype__in=prototypes).count() >= 2


def test_the_digest_shows_prototypes_that_moved():
    from arenas.prototypes.digest import prototypes_that_moved
    from platform_core.accounts.models import User

    call_command("seed_demo")

    section = prototypes_that_moved(user=User.objects.get(email="citizen@example.org"), notifications=[])

    assert section["title"] == "Prototypes that moved"
    assert "Painted trial crossing by the bakery: Evaluation → Adopted" in [
        i["text"] for i in section["items"]
    ]


def test_seed_demo_holds_sessions_in_safer_school_routes():
    from django.utils import timezone

    from arenas.sessions.models import Session
    from arenas.sessions.services.minutes import minutes_of

    call_command("seed_demo")
    call_command("seed_demo")  # idempotent

    sessions = Session.objects.filter(arena__slug="safer-school-routes")
    assert sessions.count() == 4
    now = timezone.now()
    held = sessions.get(status="held")
    assert held.ends_at < now
    assert "crossing guard" in minutes_of(held).body
    attendance = list(held.attendance.all())
    assert sum(1 for a in attendance if a.user_id) >= 3 and any(a.name and not a.user_id for a in attendance)
    assert [o.thread.title for o in held.outcomes.select_related("thread")] == [
        "A trial crossing guard by the bakery?"
    ]
    test = sessions.get(kind="test_session")
    assert test.starts_at > now and test.place and test.accessibility
    assert test.iteration.prototype.title == "Walking bus from the sports hall"
    full = sessions.get(capacity=2)
    statuses = sorted(full.registrations.values_list("status", flat=True))
    assert statuses == ["registered", "registered", "waiting", "waiting"]
    online = sessions.get(kind="online")
    assert online.online_url.startswith("https://") and online.starts_at > now
