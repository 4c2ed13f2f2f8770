"""Emails quote what they are about: the first ~200 plain characters of the post (no Markdown, no HTML),
cut at a word — and never a post that is hidden or deleted, even when it was hidden after the
notification was made."""

import pytest
from django.core.management import call_command

from arenas.deliberation.models import Post, ThreadFollow
from arenas.deliberation.services.posts import post_create, post_delete, post_edit, post_hide
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from platform_core.notifications.models import Notification
from tests.arenas.members_helpers import deliver_emails
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_REPLY = (
    "**Yes** — the [crossing](https://example.org/map) at Ring Road needs a *lollipop* person in the "
    "morning.\n\n- Children cross at 7.45\n- Cars come fast from the roundabout\n\n"
    "We could ask the parents' council to take turns, and the school to move the bell by ten minutes "
    "so that the busiest minute is not also the darkest one in December and January."
)


@pytest.fixture
def scene():
    arena = ArenaFactory(title="Safer school routes", status=Arena.Status.OPEN)
    anna = MembershipFactory(arena=arena, role=Role.PARTICIPANT, user=UserFactory(display_name="Anna")).user
    bo = MembershipFactory(arena=arena, role=Role.PARTICIPANT, user=UserFactory(display_name="Bo")).user
    facilitator = MembershipFactory(arena=arena, role=Role.FACILITATOR).user
    thread = thread_create(arena=arena, author=anna, title="Crossing at Ring Road")
    first = post_create(thread=thread, author=anna, body="Who walks with the children?")
    return arena, thread, first, anna, bo, facilitator


def test_a_reply_email_quotes_its_first_200_plain_characters(scene, mailoutbox):
    _arena, thread, first, anna, bo, _facilitator = scene

    post_create(thread=thread, author=bo, body=LONG_REPLY, parent=first)
    deliver_emails(mailoutbox)

    [email] = [m for m in mailoutbox if m.to == [anna.email]]
    quoted = next(line for line in email.body.splitlines() if line.startswith("> "))[2:]
    assert quoted.startswith(
        "Yes — the crossing at Ring Road needs a lollipop person in the morning. Children"
    )
    assert quoted.endswith("…") and 150 <= len(quoted) <= 201
    assert "*" not in quoted and "[" not in quoted and "https://example.org/map" not in quoted
    assert not quoted[:-1].endswith(" ")  # cut at a word
    assert LONG_REPLY[-40:] not in email.body  # the rest is not quoted
    html = email.alternatives[0][0]
    assert (
        f'<blockquote style="margin:0 0 16px;padding:8px 0 8px 16px;border-left:4px solid #c9d1d9;color:#30363d;" dir="auto">{quoted}</blockquote>'
        in html.replace("&#x27;", "'")
    )


def test_a_short_post_is_quoted_whole(scene, mailoutbox):
    _arena, thread, first, anna, bo, _facilitator = scene

    post_create(thread=thread, author=bo, body="I can, on Tuesdays.", parent=first)
    deliver_emails(mailoutbox)

    [email] = [m for m in mailoutbox if m.to == [anna.email]]
    assert "> I can, on Tuesdays.\n" in email.body


def test_the_excerpt_is_computed_once_for_every_recipient(scene):
    _arena, thread, _first, anna, bo, facilitator = scene
    ThreadFollow.objects.get_or_create(thread=thread, user=facilitator)

    post = post_create(thread=thread, author=bo, body="Bring **reflective** vests")

    rows = Notification.objects.filter(data__quote_of=f"deliberation.post:{post.pk}")
    assert {r.recipient_id for r in rows} == {anna.pk, facilitator.pk}
    assert {r.data["excerpt"] for r in rows} == {"Bring reflective vests"}


def test_a_post_hidden_after_the_notification_is_not_quoted_in_the_digest(scene, mailoutbox):
    _arena, thread, _first, anna, bo, facilitator = scene
    for person in (anna, facilitator):
        person.time_zone = "UTC"
        person.save(update_fields=["time_zone"])
    ThreadFollow.objects.get_or_create(thread=thread, user=facilitator)
    kept = post_create(thread=thread, author=bo, body="Lanterns on the path would help too")
    hidden = post_create(thread=thread, author=bo, body="Bo's neighbour at Skolevej 7 drives too fast")

    post_hide(post=hidden, actor=facilitator, reason="Personal data")
    call_command("send_digests", "--now")
    deliver_emails(mailoutbox)

    digest = next(m for m in mailoutbox if m.to == [anna.email] and "digest" in m.subject.lower())
    text = digest.body + digest.alternatives[0][0]
    assert "Lanterns on the path would help too" in text
    assert "Skolevej 7" not in text
    assert kept.pk != hidden.pk


def test_the_digest_checks_again_when_it_is_built(scene, mailoutbox):
    """Even a post hidden by other means than the service (no excerpt forgotten) is not quoted."""
    _arena, thread, _first, anna, bo, _facilitator = scene
    anna.time_zone = "UTC"
    anna.save(update_fields=["time_zone"])
    gone = post_create(thread=thread, author=bo, body="Call me on 12 34 56 78")
    deleted = post_create(thread=thread, author=bo, body="Actually, call 87 65 43 21")
    Post.objects.filter(pk=gone.pk).update(hidden_at=gone.created)
    Post.objects.filter(pk=deleted.pk).update(deleted_at=deleted.created)

    call_command("send_digests", "--now")
    deliver_emails(mailoutbox)

    digest = next(m for m in mailoutbox if m.to == [anna.email] and "digest" in m.subject.lower())
    text = digest.body + digest.alternatives[0][0]
    assert "12 34 56 78" not in text and "87 65 43 21" not in text
    assert "Crossing at Ring Road" in text


def test_a_deleted_post_loses_its_excerpt(scene):
    _arena, thread, first, _anna, bo, _facilitator = scene
    post = post_create(thread=thread, author=bo, body="My number is 12 34 56 78", parent=first)

    post_delete(post=post, actor=bo)

    assert not Notification.objects.filter(data__excerpt__contains="12 34").exists()
    assert Notification.objects.filter(data__quote_of=f"deliberation.post:{post.pk}").exists()


def test_a_follower_who_left_a_private_arena_is_not_quoted_its_posts():
    arena = ArenaFactory(visibility=Arena.Visibility.PRIVATE, status=Arena.Status.OPEN)
    author = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    member = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    former = MembershipFactory(arena=arena, role=Role.PARTICIPANT)
    thread = thread_create(arena=arena, author=member, title="Budget for the walking bus")
    ThreadFollow.objects.get_or_create(thread=thread, user=former.user)
    former.delete()  # left the arena; the follow stays behind

    post_create(thread=thread, author=author, body="The council sets aside 40,000 kroner")

    told = {n.recipient_id: n.data for n in Notification.objects.filter(event="deliberation.followed_post")}
    assert told[member.pk]["excerpt"] == "The council sets aside 40,000 kroner"
    assert "excerpt" not in told[former.user_id]


def test_markup_written_as_text_is_quoted_as_text_never_as_markup(scene, mailoutbox):
    _arena, thread, first, anna, bo, _facilitator = scene

    post_create(
        thread=thread,
        author=bo,
        body="Type &lt;b&gt;bold&lt;/b&gt; and &lt;img src=x onerror=alert(1)&gt;",
        parent=first,
    )
    deliver_emails(mailoutbox)

    [email] = [m for m in mailoutbox if m.to == [anna.email]]
    html = email.alternatives[0][0]
    assert "<img" not in html and "<b>bold" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_an_edited_post_is_quoted_as_it_reads_now(scene):
    _arena, thread, first, _anna, bo, _facilitator = scene
    post = post_create(thread=thread, author=bo, body="My number is 12 34 56 78", parent=first)

    post_edit(post=post, actor=bo, body="Write to me here instead")

    [row] = Notification.objects.filter(data__quote_of=f"deliberation.post:{post.pk}")
    assert row.data["excerpt"] == "Write to me here instead"
