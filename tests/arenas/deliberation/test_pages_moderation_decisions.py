"""One decision per flagged post in the moderation queue: hide and/or warn and/or ban with one reason, or
dismiss the flags; all or nothing; the banned author is told why, by which role, and how to ask for a
review (in-app, by email, and on the arena's page)."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from arenas.deliberation.models import Flag, Post
from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import post_create
from arenas.models import Membership
from platform_core.audit.models import AuditEntry
from platform_core.notifications import delivery
from platform_core.notifications.models import EmailDelivery, Notification
from platform_core.notifications.services import notification_group_mute, notification_settings_update
from tests.arenas.deliberation.pages_helpers import arena_for, people_with_observer, start_thread
from tests.arenas.pages_helpers import html, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return people_with_observer()


@pytest.fixture
def thread(people):
    return start_thread(arena_for(people), people.participant, title="Crossing at Ring Road")


@pytest.fixture
def flagged(people, thread):
    post = post_create(thread=thread, author=people.participant, body="Call me on 12345678")
    flag_create(post=post, reporter=people.observer, reason="personal_data")
    flag_create(post=post, reporter=people.convener, reason="spam")
    return post


def queue_url(arena):
    return f"/arenas/{arena.slug}/moderation/"


def decide(client, post, *, dismiss=False, headers=None, **choices):
    data = {f"decide{post.pk}-{name}": value for name, value in choices.items()}
    if dismiss:
        data["dismiss"] = "1"
    return client.post(
        f"/arenas/{post.thread.arena.slug}/moderation/posts/{post.pk}/decide/", data, **(headers or {})
    )


def emails_to(user, mailoutbox):
    for row in EmailDelivery.objects.filter(recipient=user):
        delivery.delivery_send(delivery_id=row.pk)
    return [m for m in mailoutbox if m.to == [user.email]]


def nothing_changed(post, people):
    post = Post.objects.get(pk=post.pk)
    assert post.hidden_at is None and post.hidden_reason == ""
    assert not Membership.objects.get(arena=post.thread.arena, user=people.participant).banned
    assert set(Flag.objects.values_list("status", flat=True)) == {"open"}
    assert (
        not Notification.objects.filter(recipient=people.participant)
        .exclude(event="deliberation.reply")
        .exists()
    )
    assert not AuditEntry.objects.filter(
        action__in=[
            "post.hidden",
            "author.warned",
            "membership.banned",
            "moderation.decided",
            "flags.dismissed",
        ]
    ).exists()


def test_hide_warn_and_ban_in_one_submit(client, people, thread, flagged):
    other = post_create(thread=thread, author=people.participant, body="Buy cheap watches")
    flag_create(post=other, reporter=people.observer, reason="spam")
    sign_in(client, people.facilitator)

    response = decide(client, flagged, hide="on", warn="on", ban="on", reason="No phone numbers, again")

    assertRedirects(response, queue_url(thread.arena), fetch_redirect_response=False)
    post = Post.objects.get(pk=flagged.pk)
    assert post.is_hidden and post.hidden_reason == "No phone numbers, again"
    warning = Notification.objects.get(recipient=people.participant, event="deliberation.warning")
    assert "No phone numbers, again" in warning.target_title
    membership = Membership.objects.get(arena=thread.arena, user=people.participant)
    assert membership.banned and membership.ban_reason == "No phone numbers, again"
    # Closed once, as acted on: the post's two flags and the flag on the author's other post.
    assert set(Flag.objects.values_list("status", flat=True)) == {"actioned"}
    assert len(set(Flag.objects.values_list("resolved_at", flat=True))) == 1
    decided = AuditEntry.objects.get(action="moderation.decided")
    assert decided.details["count"] == 3 and decided.details["ban"] and decided.details["hide"]
    for action in ("post.hidden", "author.warned", "membership.banned"):
        assert AuditEntry.objects.filter(action=action).count() == 1
    page = html(client.get(queue_url(thread.arena)))
    assert "Decided: the post is hidden; Cecilie Citizen is warned; Cecilie Citizen is banned" in page
    assert "Nothing to review" in page


def test_a_facilitator_cannot_ban_a_convener_and_nothing_is_done(client, people, thread):
    post = post_create(thread=thread, author=people.convener, body="You are all idiots")
    flag_create(post=post, reporter=people.participant, reason="offensive")
    sign_in(client, people.facilitator)

    response = decide(client, post, hide="on", ban="on", reason="Insults")

    assert response.status_code == 200
    assertContains(response, f'id="decide{post.pk}-errors"')
    assertContains(response, "You can only do this for members whose role is below yours.")
    post = Post.objects.get(pk=post.pk)
    assert post.hidden_at is None
    assert not Membership.objects.get(arena=thread.arena, user=people.convener).banned
    assert Flag.objects.get().status == "open"
    assert not AuditEntry.objects.filter(action__in=["post.hidden", "membership.banned"]).exists()
    assert not Notification.objects.filter(
        recipient=people.convener, event__in=["arenas.banned", "deliberation.post_hidden"]
    ).exists()


def test_a_missing_reason_is_an_error_and_nothing_is_done(client, people, flagged):
    sign_in(client, people.facilitator)

    response = decide(client, flagged, hide="on", warn="on", ban="on", reason="  ")

    assert response.status_code == 200
    assertContains(response, f'id="decide{flagged.pk}-errors"')
    assertContains(response, "Say why: the author is told, and it is kept with the decision.")
    assertContains(response, "checked", count=3)  # the choices are kept for the next try
    nothing_changed(flagged, people)


def test_choosing_nothing_asks_for_a_choice(client, people, flagged):
    sign_in(client, people.facilitator)

    response = decide(client, flagged, reason="Just because")

    assertContains(response, "Choose hide, warn or ban, or dismiss the flags.")
    nothing_changed(flagged, people)


def test_dismiss_only_closes_the_flags_and_the_post_stays(client, people, flagged):
    sign_in(client, people.facilitator)

    decide(client, flagged, dismiss=True, hide="on", reason="ignored")

    assert set(Flag.objects.values_list("status", flat=True)) == {"dismissed"}
    assert Post.objects.get(pk=flagged.pk).hidden_at is None
    assert AuditEntry.objects.get(action="flags.dismissed").details["count"] == 2
    assert not AuditEntry.objects.filter(action="post.hidden").exists()
    assertContains(client.get(queue_url(flagged.thread.arena)), "2 flags dismissed: the post stays as it is.")


def test_with_htmx_only_the_queue_comes_back(client, people, flagged):
    sign_in(client, people.facilitator)

    response = decide(
        client, flagged, hide="on", reason="Personal data", headers={"headers": {"HX-Request": "true"}}
    )

    page = html(response)
    assert response.status_code == 200 and "<html" not in page
    assert page.lstrip().startswith('<section id="moderation-queue"')
    assert 'role="status">Decided: the post is hidden.' in page and "Nothing to review" in page
    refused = decide(client, flagged, hide="on", reason="", headers={"headers": {"HX-Request": "true"}})
    assert "<html" not in html(refused)


@pytest.mark.parametrize("role", ["participant", "observer"])
def test_members_below_facilitator_cannot_decide(client, people, flagged, role):
    sign_in(client, getattr(people, role))

    assert decide(client, flagged, hide="on", reason="x").status_code == 403
    assert decide(client, flagged, dismiss=True).status_code == 403
    assert set(Flag.objects.values_list("status", flat=True)) == {"open"}


def test_a_post_of_another_arena_is_404(client, people, flagged):
    other = arena_for(people, title="Other arena")
    sign_in(client, people.facilitator)

    response = client.post(f"/arenas/{other.slug}/moderation/posts/{flagged.pk}/decide/", {"dismiss": "1"})

    assert response.status_code == 404
    assert set(Flag.objects.values_list("status", flat=True)) == {"open"}


# --- The banned person is told ----------------------------------------------------------------------------------


def test_the_banned_persons_email_says_why_by_which_role_and_how_to_ask_for_a_review(
    client, people, flagged, mailoutbox
):
    sign_in(client, people.facilitator)
    decide(client, flagged, hide="on", warn="on", ban="on", reason="Phone numbers after two warnings")

    emails = emails_to(people.participant, mailoutbox)

    ban = next(m for m in emails if "You were banned from" in m.subject)
    assert ban.subject == f"[Cocreate] You were banned from “{flagged.thread.arena.title}”"
    for text in (ban.body, ban.alternatives[0].content):
        assert "Phone numbers after two warnings" in text
        assert "by a facilitator" in text
        assert "ask a convener of this arena to review the ban" in text
        assert "Clara Convener" in text  # whom to ask
    assert f"http://127.0.0.1:8000/arenas/{flagged.thread.arena.slug}/" in ban.body
    assert "List-Unsubscribe" not in ban.extra_headers
    # Told the role, never the name: neither in the ban notice nor in the hide and warning notices.
    assert len(emails) == 3
    assert all("Frederik" not in m.subject + m.body + m.alternatives[0].content for m in emails)
    assert not Notification.objects.filter(
        recipient=people.participant, actor_name="Frederik Facilitator"
    ).exists()


def test_a_ban_notice_cannot_be_turned_off_or_muted(client, people, flagged, mailoutbox):
    arena = flagged.thread.arena
    notification_settings_update(
        user=people.participant,
        email_by_category={"arena_bans": "off", "moderation": "off"},
        digest_frequency="never",
        digest_hour=8,
        digest_weekday=0,
    )
    notification_group_mute(user=people.participant, group_key=arena.group_key)
    sign_in(client, people.convener)

    decide(client, flagged, ban="on", reason="Spam")

    emails = emails_to(people.participant, mailoutbox)
    assert [m.subject for m in emails] == [f"[Cocreate] You were banned from “{arena.title}”"]
    assert "by a convener" in emails[0].body and "Clara Convener" not in emails[0].body


def test_the_banned_person_sees_the_reason_and_how_to_ask_for_a_review_on_the_arena_page(
    client, people, flagged
):
    sign_in(client, people.facilitator)
    decide(client, flagged, ban="on", reason="Repeated spam")
    sign_in(client, people.participant)

    page = html(client.get(flagged.thread.arena.get_absolute_url()))

    assert "You were banned from this arena by a facilitator." in page
    assert '<q dir="auto">Repeated spam</q>' in page
    assert "Ask for a review" in page and "<bdi>Clara Convener</bdi>" in page
    assert "Frederik" not in page[page.index('id="ban-notice"') :].split("</div>")[0]
    assert "Join as participant" not in page


def test_the_ban_email_speaks_the_banned_persons_language(client, people, flagged, mailoutbox):
    people.participant.language = "da"
    people.participant.save(update_fields=["language"])
    sign_in(client, people.facilitator)
    decide(client, flagged, ban="on", reason="Spam")

    [email] = emails_to(people.participant, mailoutbox)

    assert email.subject == f"[Cocreate] Du blev udelukket fra “{flagged.thread.arena.title}”"
    assert "af en facilitator" in email.body and "Bed om at få det revurderet" in email.body
