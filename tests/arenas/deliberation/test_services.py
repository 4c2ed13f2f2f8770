import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from arenas.deliberation.models import Endorsement, Flag, Post, PostRevision, Thread, ThreadFollow
from arenas.deliberation.selectors import new_posts_since, page_of_post, thread_page
from arenas.deliberation.services.moderation import author_ban, author_warn, flag_create, flags_dismiss
from arenas.deliberation.services.posts import (
    endorsement_toggle,
    post_create,
    post_delete,
    post_edit,
    post_hide,
    post_unhide,
)
from arenas.deliberation.services.threads import (
    thread_create,
    thread_follow_set,
    thread_moderate,
    thread_summary_set,
)
from arenas.models import Membership, Role
from platform_core.audit.models import AuditEntry
from platform_core.exceptions import RateLimited
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes")


@pytest.fixture
def member(arena):
    def make(role=Role.PARTICIPANT, **user):
        return MembershipFactory(
            arena=arena, role=role, **({"user": UserFactory(**user)} if user else {})
        ).user

    return make


@pytest.fixture
def thread(arena, member):
    return thread_create(
        arena=arena, author=member(), title="Crossing at Ring Road", body="Where do we cross?"
    )


def events_for(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("event", flat=True))


def test_a_participant_starts_a_thread_members_hear_of_it(arena, member):
    author, other = member(), member()

    thread = thread_create(
        arena=arena, author=author, title="Walking bus", body="**Idea**: a walking bus", kind="idea"
    )

    assert thread.phase == arena.current_phase
    assert "<strong>Idea</strong>" in thread.body_html
    assert ThreadFollow.objects.filter(thread=thread, user=author).exists()
    assert events_for(other) == ["deliberation.thread_created"]
    assert events_for(author) == []


@pytest.mark.parametrize("role", [Role.OBSERVER, None])
def test_observers_and_outsiders_cannot_start_threads_or_post(arena, member, thread, role):
    person = member(role) if role else UserFactory()

    with pytest.raises(PermissionDenied):
        thread_create(arena=arena, author=person, title="x")
    with pytest.raises(PermissionDenied):
        post_create(thread=thread, author=person, body="x")


def test_a_locked_thread_takes_no_post_and_a_closed_arena_none_at_all(arena, member, thread):
    facilitator = member(Role.FACILITATOR)
    thread_moderate(thread=thread, actor=facilitator, locked=True)
    with pytest.raises(PermissionDenied):
        post_create(thread=thread, author=member(), body="late")

    thread_moderate(thread=thread, actor=facilitator, locked=False)
    arena.status = "closed"
    arena.save()
    with pytest.raises(PermissionDenied):
        post_create(thread=Thread.objects.get(pk=thread.pk), author=member(), body="after closing")
    assert AuditEntry.objects.filter(action="thread.moderated").count() == 2


def test_posts_are_numbered_and_replies_nest_two_levels(thread, member):
    person = member()
    first = post_create(thread=thread, author=person, body="Top")
    reply = post_create(thread=thread, author=person, body="Reply", parent=first)
    deeper = post_create(thread=thread, author=person, body="Reply to reply", parent=reply)
    deepest = post_create(thread=thread, author=person, body="Too deep", parent=deeper)
    second = post_create(thread=thread, author=person, body="Second top")

    assert [(p.number, p.depth, p.top_number) for p in (first, reply, deeper, deepest, second)] == [
        (1, 0, 1),
        (2, 1, None),
        (3, 2, None),
        (4, 2, None),
        (5, 0, 2),
    ]
    assert deepest.parent == reply and deepest.root == first
    thread.refresh_from_db()
    assert (thread.post_count, thread.top_level_count, thread.last_number) == (5, 2, 5)


def test_a_reply_tells_its_author_a_mention_tells_the_mentioned_and_followers_hear_once(
    arena, member, thread
):
    author = member(handle="anna")
    replier = member(handle="bo")
    follower = member(handle="carl")
    thread_follow_set(thread=thread, user=follower, state="following")
    original = post_create(thread=thread, author=author, body="First")
    Notification.objects.all().delete()

    post_create(thread=thread, author=replier, body="Agree with @anna and @carl", parent=original)

    assert events_for(author) == ["deliberation.reply"]  # replied-to and mentioned: told once
    assert events_for(follower) == ["deliberation.mention"]
    assert events_for(replier) == []


def test_a_mention_of_someone_who_cannot_see_the_arena_notifies_no_one(member, thread):
    private = ArenaFactory(visibility="private")
    outsider = UserFactory(handle="outsider")
    person = MembershipFactory(arena=private).user
    secret = thread_create(arena=private, author=person, title="Confidential")

    post = post_create(thread=secret, author=person, body="What does @outsider think?")

    assert events_for(outsider) == []
    assert '<a class="mention"' in post.body_html  # still shown as a mention link


def test_muted_followers_hear_nothing(member, thread):
    person = member()
    thread_follow_set(thread=thread, user=person, state="muted")

    post_create(thread=thread, author=member(), body="News")

    assert events_for(person) == []


def test_post_bodies_are_sanitised(member, thread):
    post = post_create(
        thread=thread,
        author=member(),
        body="<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>",
    )

    assert "<script" not in post.body_html
    assert "javascript:" not in post.body_html
    assert "onerror" not in post.body_html.replace("onerror=alert(3)&gt;", "")


def test_thirty_posts_a_minute(member, thread):
    person = member()
    for n in range(30):
        post_create(thread=thread, author=person, body=f"post {n}")

    with pytest.raises(RateLimited):
        post_create(thread=thread, author=person, body="one too many")


def test_authors_edit_with_history_and_delete_keeping_the_place(member, thread):
    author = member()
    post = post_create(thread=thread, author=author, body="Frist")
    reply = post_create(thread=thread, author=member(), body="Typo!", parent=post)

    post_edit(post=post, actor=author, body="First")
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == ["Frist"]
    with pytest.raises(PermissionDenied):
        post_edit(post=post, actor=reply.author, body="Not mine")

    post_delete(post=post, actor=author)
    post.refresh_from_db()
    assert post.is_deleted and post.body == "" and post.body_html == ""
    assert Post.objects.filter(pk=reply.pk).exists()


def test_moderators_hide_with_a_reason_the_author_is_told(member, thread):
    author = member()
    post = post_create(thread=thread, author=author, body="Rude")
    facilitator = member(Role.FACILITATOR)

    with pytest.raises(PermissionDenied):
        post_hide(post=post, actor=member(), reason="x")
    post_hide(post=post, actor=facilitator, reason="Personal attack")

    assert Post.objects.get(pk=post.pk).hidden_reason == "Personal attack"
    assert "deliberation.post_hidden" in events_for(author)
    post_unhide(post=post, actor=facilitator)
    assert not Post.objects.get(pk=post.pk).is_hidden
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == [
        "post.hidden",
        "post.unhidden",
    ]


def test_endorsements_toggle_once_per_person(member, thread):
    post = post_create(thread=thread, author=member(), body="Good idea")
    fan = member()

    assert endorsement_toggle(post=post, user=fan) is True
    assert Post.objects.get(pk=post.pk).endorsement_count == 1
    assert endorsement_toggle(post=post, user=fan) is False
    assert Post.objects.get(pk=post.pk).endorsement_count == 0
    assert not Endorsement.objects.exists()


def test_flags_one_open_per_person_reach_the_facilitators(arena, member, thread):
    post = post_create(thread=thread, author=member(), body="Buy cheap watches")
    facilitator = member(Role.FACILITATOR)
    reporter = UserFactory()  # a signed-in non-member of a public arena may flag what they can see

    flag_create(post=post, reporter=reporter, reason="spam")
    with pytest.raises(ValidationError):
        flag_create(post=post, reporter=reporter, reason="spam")
    with pytest.raises(ValidationError):
        flag_create(post=post, reporter=member(), reason="other", note="")

    assert events_for(facilitator) == ["deliberation.post_flagged"]
    assert flags_dismiss(post=post, actor=facilitator) == 1
    flag_create(post=post, reporter=reporter, reason="offensive")  # a new flag after the first was dismissed
    assert Flag.objects.filter(status="open").count() == 1


def test_the_queue_warns_and_bans_authors(arena, member, thread):
    author = member()
    post = post_create(thread=thread, author=author, body="Again and again")
    facilitator = member(Role.FACILITATOR)
    flag_create(post=post, reporter=member(), reason="offensive")

    author_warn(post=post, actor=facilitator, message="Keep it civil, please.")
    assert "deliberation.warning" in events_for(author)
    author_ban(post=post, actor=facilitator, reason="Repeated insults")

    assert Membership.objects.get(arena=arena, user=author).banned
    assert not Flag.objects.filter(status="open").exists()


def test_the_summary_is_versioned(member, thread):
    facilitator = member(Role.FACILITATOR)
    thread_summary_set(thread=thread, actor=facilitator, body="We agree on the crossing.")
    thread_summary_set(thread=thread, actor=facilitator, body="We agree on the crossing **and** the lights.")

    thread.refresh_from_db()
    assert "<strong>and</strong>" in thread.summary.body_html
    assert thread.summaries.count() == 2
    with pytest.raises(PermissionDenied):
        thread_summary_set(thread=thread, actor=member(), body="Mine")


def test_pages_hold_fifty_top_level_posts_with_their_replies(member, thread):
    people = [member() for _ in range(5)]  # 120 posts by five people stay under the posting rate limit
    person = people[0]
    tops = []
    for n in range(120):
        tops.append(post_create(thread=thread, author=people[n % 5], body=f"top {n + 1}"))
        if n % 40 == 0:
            post_create(thread=thread, author=member(), body="reply", parent=tops[-1])
    thread.refresh_from_db()

    first = thread_page(thread=thread, viewer=person, page=1)
    last = thread_page(thread=thread, viewer=person, page=3)
    newest = thread_page(thread=thread, viewer=person, page=1, order="newest")

    assert (first.pages, len(first.posts), len(last.posts)) == (3, 50, 20)
    assert [p.body for p in first.posts[:2]] == ["top 1", "top 2"]
    assert [c.body for c in first.posts[0].children] == ["reply"]
    assert newest.posts[0].body == "top 120"
    assert page_of_post(thread=thread, number=tops[119].number) == 3
    assert new_posts_since(thread_id=thread.pk, after_number=thread.last_number - 2) == 2


def test_code_shows_as_typed_and_mentions_inside_it_are_not_links(member, thread):
    member(handle="anna")

    post = post_create(thread=thread, author=member(), body="Use `<script>` && `@anna` but ask @anna")

    assert "<code>&lt;script&gt;</code> &amp;&amp;" in post.body_html
    assert "<code>@anna</code>" in post.body_html
    assert post.body_html.count('class="mention"') == 1


def test_a_locked_thread_does_not_use_up_the_posting_allowance(member, thread):
    person = member()
    thread_moderate(thread=thread, actor=member(Role.FACILITATOR), locked=True)
    for _ in range(35):
        with pytest.raises(PermissionDenied):
            post_create(thread=thread, author=person, body="x")
    thread_moderate(thread=thread, actor=member(Role.FACILITATOR), locked=False)

    assert post_create(thread=Thread.objects.get(pk=thread.pk), author=person, body="Now it opens")


def test_authors_cannot_delete_in_a_closed_arena_or_edit_a_locked_thread(arena, member):
    from arenas.deliberation.services.threads import thread_update

    author = member()
    thread = thread_create(arena=arena, author=author, title="Mine")
    post = post_create(thread=thread, author=author, body="Text")
    thread_moderate(thread=thread, actor=member(Role.FACILITATOR), locked=True)
    with pytest.raises(PermissionDenied):
        thread_update(thread=thread, actor=author, title="Changed while locked")

    arena.status = "closed"
    arena.save()
    with pytest.raises(PermissionDenied):
        post_delete(post=Post.objects.get(pk=post.pk), actor=author)


def test_the_hidden_post_notification_leads_to_the_post_itself(member, thread):
    author = member()
    post = post_create(thread=thread, author=author, body="Rude")

    post_hide(post=post, actor=member(Role.FACILITATOR), reason="Personal attack")

    notification = Notification.objects.get(recipient=author, event="deliberation.post_hidden")
    assert notification.url.endswith(f"?post={post.number}#post-{post.number}")
