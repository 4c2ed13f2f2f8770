"""The notification centre through the client: it needs sign-in, lists the newest first with a New badge on
unread ones, filters to unread, shows 25 a page and says what to expect when empty; opening a notification
(it is marked read and leads where it points, never off the site); the unread count in every page's
header; and the centre's query budget. Marking read: test_views_marking_read.py."""

import datetime as dt
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from platform_core.notifications.models import Notification
from tests.factories import UserFactory
from tests.platform_core.notifications.views_helpers import LIST_URL, NEW_BADGE, html, tip, tips, unread_of

pytestmark = pytest.mark.django_db

COUNT_URL = "/notifications/count/"


# --- The notification centre ----------------------------------------------------------------------------


def test_the_notification_centre_needs_sign_in(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/notifications/")


def test_the_centre_lists_newest_first(client, user):
    tips(user, 3)
    client.force_login(user)

    page = html(client.get(LIST_URL))

    assert page.index("Tip 3") < page.index("Tip 2") < page.index("Tip 1")
    assert "A tip for getting started" in page


def test_unread_notifications_carry_the_new_badge_and_read_ones_do_not(client, user):
    older, _newer = tips(user, 2)
    Notification.objects.filter(pk=older.pk).update(read_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC))
    client.force_login(user)

    page = html(client.get(LIST_URL))

    assert page.count(NEW_BADGE) == 1
    assert page.index(NEW_BADGE) < page.index("Tip 2") < page.index("Tip 1")


def test_the_unread_filter_shows_only_unread_ones(client, user):
    older, _newer = tips(user, 2)
    Notification.objects.filter(pk=older.pk).update(read_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC))
    client.force_login(user)

    response = client.get(LIST_URL, {"filter": "unread"})

    assertContains(response, "Tip 2")
    assertNotContains(response, "Tip 1")
    assertContains(response, 'href="/notifications/?filter=unread" aria-current="page"')


def test_the_centre_shows_25_a_page_and_the_rest_on_page_2(client, user):
    tips(user, 30)
    client.force_login(user)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert html(first).count("<time datetime=") == 25
    assertContains(first, "Page 1 of 2")
    assertContains(first, 'href="?page=2"')
    assert html(second).count("<time datetime=") == 5
    assertContains(second, "Page 2 of 2")
    # Tips 1-5 are the oldest and so are on the second page.
    assert re.search(r"Tip 5\b", html(second)) and not re.search(r"Tip 6\b", html(second))


def test_an_empty_centre_says_what_to_expect(client, user):
    client.force_login(user)

    response = client.get(LIST_URL)

    assertContains(response, "No notifications yet. When something happens in the arenas you take part in")


def test_an_empty_unread_filter_says_everything_is_read(client, user):
    [only] = tips(user, 1)
    Notification.objects.filter(pk=only.pk).update(read_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC))
    client.force_login(user)

    response = client.get(LIST_URL, {"filter": "unread"})

    assertContains(response, "You have read everything. Nothing new for now.")
    assertNotContains(response, "Tip 1")


# --- Opening ----------------------------------------------------------------------------------------------


def test_opening_a_notification_marks_it_read_and_goes_where_it_points(client, user):
    notification = tip(user, "Greener schoolyards", url="/arenas/greener-schoolyards/threads/4/")
    client.force_login(user)

    response = client.post(f"/notifications/{notification.pk}/open/")

    assert response.status_code == 302
    assert response["Location"] == "/arenas/greener-schoolyards/threads/4/"
    assert unread_of(user) == set()


def test_opening_someone_elses_notification_is_a_404(client, user):
    other = UserFactory()
    [theirs] = tips(other, 1)
    client.force_login(user)

    response = client.post(f"/notifications/{theirs.pk}/open/")

    assert response.status_code == 404
    assert unread_of(other) == {theirs.pk}


def test_each_notification_is_a_link_that_marks_it_read_when_followed(client, user):
    notification = tip(user, "Greener schoolyards", url="/arenas/greener-schoolyards/threads/4/")
    client.force_login(user)

    page = html(client.get(LIST_URL))
    link = re.search(r'<a href="(/notifications/\d+/open/)" class="notification-link">', page)
    assert link and link.group(1) == f"/notifications/{notification.pk}/open/"
    assert unread_of(user) == {notification.pk}  # showing the list reads nothing

    response = client.get(link.group(1))  # a plain GET, as when opened in a new tab

    assert response.status_code == 302
    assert response["Location"] == "/arenas/greener-schoolyards/threads/4/"
    assert unread_of(user) == set()


def test_following_someone_elses_notification_link_is_a_404(client, user):
    other = UserFactory()
    [theirs] = tips(other, 1)
    client.force_login(user)

    assert client.get(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert unread_of(other) == {theirs.pk}


def test_following_a_link_signed_out_asks_to_sign_in_and_reads_nothing(client, user):
    notification = tip(user, "Greener schoolyards", url="/arenas/greener-schoolyards/")

    response = client.get(f"/notifications/{notification.pk}/open/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert unread_of(user) == {notification.pk}


@pytest.mark.parametrize("url", ["https://evil.example.com/", "//evil.example.com/phish"])
def test_an_external_link_is_not_followed(client, user, url):
    notification = tip(user, "Suspicious", url=url)
    client.force_login(user)

    response = client.get(f"/notifications/{notification.pk}/open/")

    assert response.status_code == 302
    assert response["Location"] == LIST_URL


# --- The unread count -------------------------------------------------------------------------------------


def test_the_count_endpoint_answers_the_badge(client, user):
    tips(user, 3)
    client.force_login(user)

    response = client.get(COUNT_URL)

    assert response.status_code == 200
    # Seen as "3", read out as "3 unread notifications".
    assertContains(response, '>3<span class="visually-hidden"> unread notifications</span>')


def test_the_count_endpoint_answers_nothing_when_all_is_read(client, user):
    client.force_login(user)

    response = client.get(COUNT_URL)

    assert response.status_code == 200
    assert response.content.strip() == b""


def test_every_page_header_shows_the_unread_count(client, user):
    tips(user, 2)
    tips(UserFactory(), 5)
    client.force_login(user)

    response = client.get("/")

    header = html(response).split("</header>")[0]
    assert re.search(
        r'id="notification-count"[^>]*><span class="badge[^"]*">2<span class="visually-hidden"> unread',
        header,
    )


def test_a_signed_out_visitor_sees_no_notification_count(client):
    response = client.get("/")

    assertNotContains(response, 'id="notification-count"')


# --- Query budget -----------------------------------------------------------------------------------------

LIST_BUDGET = 5  # session, user, the paginator's count, the header's unread count, the page


@pytest.mark.parametrize("size", [5, 25])
def test_the_centre_stays_within_its_query_budget(client, user, django_assert_max_num_queries, size):
    tips(user, size)
    client.force_login(user)

    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(LIST_URL)

    assert html(response).count("<time datetime=") == size


def test_the_centre_makes_as_many_queries_for_25_notifications_as_for_5(client, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    counts = []
    for size in (5, 25):
        Notification.objects.filter(recipient=user).delete()
        tips(user, size)
        with CaptureQueriesContext(connection) as queries:
            client.get(LIST_URL)
        counts.append(len(queries))

    assert counts[0] == counts[1]
