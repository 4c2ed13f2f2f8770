"""Posts through the thread page: a new post, a reply (plain and through HTMX), edits with their history,
deleting, endorsing, flagging; hiding and unhiding by moderators. The rate limit and script in user text
have their own module (test_pages_safety.py)."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from arenas.deliberation.models import Endorsement, Flag, Post
from arenas.deliberation.services.posts import (
    post_create,
    post_hide,
)
from platform_core.notifications.models import Notification
from tests.arenas.deliberation.pages_helpers import arena_for, people_with_observer, start_thread
from tests.arenas.pages_helpers import html, sign_in

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(db):
    return people_with_observer()


@pytest.fixture
def thread(people):
    return start_thread(arena_for(people), people.participant)


def url(thread, rest=""):
    return f"/arenas/{thread.arena.slug}/threads/{thread.pk}/{rest}"


def first_post(thread, people, **kwargs):
    kwargs.setdefault("body", "Paint a zebra crossing at the school gate.")
    return post_create(thread=thread, author=kwargs.pop("author", people.participant), **kwargs)


# --- New posts and replies -------------------------------------------------------------------------------------


def test_a_participant_posts_and_lands_on_the_post(client, people, thread):
    sign_in(client, people.participant)

    response = client.post(url(thread, "posts/"), {"body": "A *zebra* crossing", "stance": "supports"})

    post = Post.objects.get(thread=thread)
    assertRedirects(response, f"{url(thread)}?post=1#post-1", fetch_redirect_response=False)
    page = html(client.get(f"{url(thread)}?post=1"))
    assert "<em>zebra</em>" in page and "Supports" in page and 'id="post-1"' in page
    assert (post.author, post.stance) == (people.participant, "supports")


def test_an_empty_post_shows_the_error_and_keeps_nothing(client, people, thread):
    sign_in(client, people.participant)

    response = client.post(url(thread, "posts/"), {"body": "   "})

    assert response.status_code == 200
    assertContains(response, "Please correct the following")
    assert not Post.objects.exists()


def test_an_empty_post_through_htmx_gets_the_form_back_in_place(client, people, thread):
    sign_in(client, people.participant)

    response = client.post(url(thread, "posts/"), {"body": ""}, **HTMX)

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#new-post-form"
    assert html(response).lstrip().startswith('<form id="new-post-form"')
    assertContains(response, "This field is required.")


@pytest.mark.parametrize("role", ["observer", "outsider"])
def test_observers_and_outsiders_cannot_post_by_hand(client, people, thread, role):
    parent = first_post(thread, people)
    sign_in(client, getattr(people, role))

    assert client.post(url(thread, "posts/"), {"body": "Hello"}).status_code == 403
    assert client.post(url(thread, f"posts/{parent.number}/reply/"), {"body": "Hi"}).status_code == 403
    assert client.get(url(thread, f"posts/{parent.number}/reply/")).status_code == 403
    assert Post.objects.count() == 1


def test_a_signed_out_visitor_who_posts_is_asked_to_sign_in(client, thread):
    response = client.post(url(thread, "posts/"), {"body": "Hello"})

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert not Post.objects.exists()


def test_a_reply_without_javascript_has_a_page_of_its_own(client, people, thread):
    parent = first_post(thread, people)
    sign_in(client, people.facilitator)

    form = client.get(url(thread, f"posts/{parent.number}/reply/"))
    assertContains(form, "<h1>Reply to Cecilie Citizen</h1>", html=True)
    assertContains(form, "Paint a zebra crossing")
    response = client.post(url(thread, f"posts/{parent.number}/reply/"), {"body": "Agreed."})

    reply = Post.objects.get(parent=parent)
    assertRedirects(
        response, f"{url(thread)}?post={reply.number}#post-{reply.number}", fetch_redirect_response=False
    )
    assert Notification.objects.filter(recipient=people.participant, event="deliberation.reply").exists()


def test_the_inline_reply_form_and_the_reply_through_htmx(client, people, thread):
    parent = first_post(thread, people)
    sign_in(client, people.facilitator)

    form = client.get(url(thread, f"posts/{parent.number}/reply/"), **HTMX)
    assert html(form).lstrip().startswith(f'<form id="reply-form-{parent.number}"')
    assert "<h1>" not in html(form) and "autofocus" in html(form)

    response = client.post(
        url(thread, f"posts/{parent.number}/reply/"), {"body": "Agreed, *Tuesdays*."}, **HTMX
    )

    reply = Post.objects.get(parent=parent)
    region = html(response)
    assert response["HX-Retarget"] == "#posts"
    assert region.lstrip().startswith('<section id="posts"')
    assert "<em>Tuesdays</em>" in region and f'id="post-{reply.number}"' in region
    assert f"post-{reply.number}" in response["HX-Trigger-After-Settle"]
    assert f'new-posts/?after={reply.number}"' in region  # the poll will not count the reply as new


def test_replies_nest_under_their_parent_two_levels_at_most(client, people, thread):
    top = first_post(thread, people, body="Top")
    reply = post_create(thread=thread, author=people.facilitator, body="Reply", parent=top)
    sign_in(client, people.participant)
    client.post(url(thread, f"posts/{reply.number}/reply/"), {"body": "Reply to the reply"})
    deeper = Post.objects.get(body="Reply to the reply")
    client.post(url(thread, f"posts/{deeper.number}/reply/"), {"body": "Even deeper"})
    deepest = Post.objects.get(body="Even deeper")

    page = html(client.get(url(thread)))

    assert (deeper.depth, deepest.depth, deepest.parent) == (2, 2, reply)
    top_item = page[page.index('id="post-1"') :]
    assert top_item.index("post-replies") < top_item.index(f'id="post-{reply.number}"')
    assert page.count('class="post-item post-depth-2"') == 2


def test_a_reply_in_a_locked_thread_is_refused(client, people, thread):
    from arenas.deliberation.services.threads import thread_moderate

    parent = first_post(thread, people)
    thread_moderate(thread=thread, actor=people.facilitator, locked=True)
    sign_in(client, people.participant)

    assert client.get(url(thread, f"posts/{parent.number}/reply/")).status_code == 403
    assert client.post(url(thread, f"posts/{parent.number}/reply/"), {"body": "late"}).status_code == 403


# --- Edit, history, delete ----------------------------------------------------------------------------------------


def test_the_author_edits_and_the_earlier_text_is_kept_for_author_and_moderators(client, people, thread):
    post = first_post(thread, people, body="Frist draft")
    sign_in(client, people.participant)

    response = client.post(url(thread, f"posts/{post.number}/edit/"), {"body": "First draft", "stance": ""})

    assertRedirects(response, f"{url(thread)}?post=1#post-1", fetch_redirect_response=False)
    post.refresh_from_db()
    assert post.body == "First draft" and post.edited_at
    mine = html(client.get(url(thread)))
    assert "edited" in mine and "1 earlier version" in mine and "Frist draft" in mine
    sign_in(client, people.facilitator)
    assert "Frist draft" in html(client.get(url(thread)))
    sign_in(client, people.observer)
    others = html(client.get(url(thread)))
    assert "edited" in others and "Frist draft" not in others


def test_an_edit_through_htmx_replaces_the_post_in_place(client, people, thread):
    post = first_post(thread, people)
    sign_in(client, people.participant)

    response = client.post(url(thread, f"posts/{post.number}/edit/"), {"body": "Now **better**"}, **HTMX)

    article = html(response)
    assert article.lstrip().startswith(f'<article id="post-{post.number}"')
    assert "<strong>better</strong>" in article and "1 earlier version" in article


@pytest.mark.parametrize("who", ["observer", "facilitator"])
def test_only_the_author_edits_or_deletes(client, people, thread, who):
    post = first_post(thread, people)
    sign_in(client, getattr(people, who))

    assert client.get(url(thread, f"posts/{post.number}/edit/")).status_code == 403
    assert client.post(url(thread, f"posts/{post.number}/edit/"), {"body": "Mine now"}).status_code == 403
    assert client.post(url(thread, f"posts/{post.number}/delete/")).status_code == 403
    post.refresh_from_db()
    assert post.body.startswith("Paint") and post.deleted_at is None


def test_the_author_deletes_a_post_and_its_replies_stay(client, people, thread):
    post = first_post(thread, people)
    post_create(thread=thread, author=people.facilitator, body="A reply that stays", parent=post)
    sign_in(client, people.participant)

    confirm = client.get(url(thread, f"posts/{post.number}/delete/"))
    assertContains(confirm, "Delete this post")
    response = client.post(url(thread, f"posts/{post.number}/delete/"))

    assertRedirects(response, f"{url(thread)}?post=1#post-1", fetch_redirect_response=False)
    page = html(client.get(url(thread)))
    assert "This post was deleted." in page and "Paint a zebra" not in page
    assert "A reply that stays" in page
    assert client.get(url(thread, f"posts/{post.number}/delete/")).status_code == 403  # already gone


def test_a_get_changes_nothing(client, people, thread):
    post = first_post(thread, people)
    sign_in(client, people.participant)

    client.get(url(thread, f"posts/{post.number}/delete/"))
    client.get(url(thread, "posts/"))
    assert client.get(url(thread, f"posts/{post.number}/endorse/")).status_code == 405

    post.refresh_from_db()
    assert post.deleted_at is None and post.endorsement_count == 0 and Post.objects.count() == 1


def test_closed_arenas_take_no_deletes_either(client, people, thread):
    post = first_post(thread, people)
    thread.arena.status = "closed"
    thread.arena.save()
    sign_in(client, people.participant)

    assert client.post(url(thread, f"posts/{post.number}/delete/")).status_code == 403
    assert "/delete/" not in html(client.get(url(thread)))


# --- Endorse -----------------------------------------------------------------------------------------------------


def test_endorsing_through_htmx_swaps_the_button_with_the_new_count(client, people, thread):
    post = first_post(thread, people)
    sign_in(client, people.facilitator)

    on = client.post(url(thread, f"posts/{post.number}/endorse/"), **HTMX)
    assert 'aria-pressed="true"' in html(on) and ">1</span>" in html(on)
    assert html(on).lstrip().startswith("<form")
    off = client.post(url(thread, f"posts/{post.number}/endorse/"), **HTMX)

    assert 'aria-pressed="false"' in html(off) and ">0</span>" in html(off)
    assert not Endorsement.objects.exists()


def test_endorsing_without_javascript_goes_back_to_the_post(client, people, thread):
    post = first_post(thread, people)
    sign_in(client, people.facilitator)

    response = client.post(url(thread, f"posts/{post.number}/endorse/"))

    assertRedirects(response, f"{url(thread)}?post=1#post-1", fetch_redirect_response=False)
    page = html(client.get(url(thread)))
    assert 'id="endorse-1" class="btn btn-sm endorse-button btn-primary" aria-pressed="true"' in page


def test_observers_see_the_count_but_cannot_endorse(client, people, thread):
    post = first_post(thread, people)
    client.force_login(people.facilitator)
    client.post(url(thread, f"posts/{post.number}/endorse/"))
    sign_in(client, people.observer)

    page = html(client.get(url(thread)))

    assert "1 endorsement" in page and 'id="endorse-1"' not in page
    assert client.post(url(thread, f"posts/{post.number}/endorse/")).status_code == 403


# --- Flag --------------------------------------------------------------------------------------------------------


def test_an_observer_flags_a_post_and_the_facilitators_are_told(client, people, thread):
    post = first_post(thread, people)
    sign_in(client, people.observer)

    form = client.get(url(thread, f"posts/{post.number}/flag/"))
    assertContains(form, "Send the flag to the facilitators")
    response = client.post(url(thread, f"posts/{post.number}/flag/"), {"reason": "off_topic", "note": ""})

    assertRedirects(response, f"{url(thread)}?post=1#post-1", fetch_redirect_response=False)
    flag = Flag.objects.get()
    assert (flag.reporter, flag.reason) == (people.observer, "off_topic")
    assert Notification.objects.filter(
        recipient=people.facilitator, event="deliberation.post_flagged"
    ).exists()


def test_flagging_through_htmx_says_thank_you_in_place_and_other_needs_a_note(client, people, thread):
    post = first_post(thread, people)
    sign_in(client, people.observer)

    refused = client.post(url(thread, f"posts/{post.number}/flag/"), {"reason": "other", "note": ""}, **HTMX)
    assert refused.status_code == 200 and refused["HX-Retarget"] == f"#flag-form-{post.number}"
    assertContains(refused, "Tell the facilitators what is wrong.")
    done = client.post(url(thread, f"posts/{post.number}/flag/"), {"reason": "spam"}, **HTMX)

    assert done["HX-Retarget"] == f"#post-{post.number}-panel"
    assertContains(done, "Thank you. The facilitators will look at the post.")
    twice = client.post(url(thread, f"posts/{post.number}/flag/"), {"reason": "spam"})
    assertContains(twice, "You have already flagged this post")
    assert Flag.objects.count() == 1


def test_signed_out_visitors_cannot_flag(client, people, thread):
    post = first_post(thread, people)

    page = html(client.get(url(thread)))
    response = client.post(url(thread, f"posts/{post.number}/flag/"), {"reason": "spam"})

    assert "/flag/" not in page
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Flag.objects.exists()


# --- Hide and unhide -------------------------------------------------------------------------------------------


def test_a_facilitator_hides_a_post_with_a_reason_and_the_author_is_told(client, people, thread):
    post = first_post(thread, people, body="Something rude")
    sign_in(client, people.facilitator)

    refused = client.post(url(thread, f"posts/{post.number}/hide/"), {"reason": ""})
    assert refused.status_code == 200 and not Post.objects.get(pk=post.pk).hidden_at
    response = client.post(url(thread, f"posts/{post.number}/hide/"), {"reason": "Personal attack"})

    assertRedirects(response, f"{url(thread)}?post=1#post-1", fetch_redirect_response=False)
    notification = Notification.objects.get(recipient=people.participant, event="deliberation.post_hidden")
    assert "Personal attack" in notification.target_title
    moderator_view = html(client.get(url(thread)))
    assert (
        "Something rude" in moderator_view
        and "Personal attack" in moderator_view
        and "Unhide" in moderator_view
    )
    sign_in(client, people.participant)
    author_view = html(client.get(url(thread)))
    assert "Something rude" in author_view and "Personal attack" in author_view
    sign_in(client, people.observer)
    others = html(client.get(url(thread)))
    assert "Hidden by a moderator." in others
    assert "Something rude" not in others and "Personal attack" not in others


def test_unhiding_through_htmx_shows_the_post_again(client, people, thread):
    post = first_post(thread, people, body="Not so rude after all")
    post_hide(post=post, actor=people.facilitator, reason="Check")
    sign_in(client, people.facilitator)

    response = client.post(url(thread, f"posts/{post.number}/unhide/"), **HTMX)

    assert html(response).lstrip().startswith(f'<article id="post-{post.number}"')
    assert "Hidden by a moderator" not in html(response)
    post.refresh_from_db()
    assert post.hidden_at is None
    sign_in(client, people.observer)
    assertContains(client.get(url(thread)), "Not so rude after all")


@pytest.mark.parametrize("role", ["participant", "observer"])
def test_only_moderators_hide_and_unhide(client, people, thread, role):
    post = first_post(thread, people, author=people.convener)
    sign_in(client, getattr(people, role))

    assert client.get(url(thread, f"posts/{post.number}/hide/")).status_code == 403
    assert client.post(url(thread, f"posts/{post.number}/hide/"), {"reason": "x"}).status_code == 403
    assert client.post(url(thread, f"posts/{post.number}/unhide/")).status_code == 403
    assert "/hide/" not in html(client.get(url(thread)))
    assert Post.objects.get(pk=post.pk).hidden_at is None


def test_a_post_of_another_thread_is_404(client, people, thread):
    other = start_thread(thread.arena, people.participant, title="Other")
    first_post(other, people)
    sign_in(client, people.facilitator)

    assert client.get(url(thread, "posts/1/reply/")).status_code == 404
    assert client.post(url(thread, "posts/1/hide/"), {"reason": "x"}).status_code == 404
