"""Marking notifications read through the client: one or all, only the caller's own, never by GET; over HTMX
the answer is the list fragment (keeping the filter and the page) and tells the header, and each button
names its notification."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.factories import UserFactory
from tests.platform_core.notifications.views_helpers import LIST_URL, NEW_BADGE, html, tip, tips, unread_of

pytestmark = pytest.mark.django_db

MARK_ALL_URL = "/notifications/read-all/"
HTMX = {"HX-Request": "true"}


# --- Marking read -------------------------------------------------------------------------------------------


def test_mark_read_marks_only_that_notification(client, user):
    first, second = tips(user, 2)
    client.force_login(user)

    response = client.post(f"/notifications/{first.pk}/read/")

    assertRedirects(response, LIST_URL)
    assert unread_of(user) == {second.pk}


def test_marking_someone_elses_notification_changes_nothing_and_is_no_error(client, user):
    other = UserFactory()
    [theirs] = tips(other, 1)
    [mine] = tips(user, 1)
    client.force_login(user)

    response = client.post(f"/notifications/{theirs.pk}/read/")

    assertRedirects(response, LIST_URL)
    assert unread_of(other) == {theirs.pk}
    assert unread_of(user) == {mine.pk}


def test_mark_all_read_marks_the_callers_notifications_and_no_one_elses(client, user):
    other = UserFactory()
    tips(user, 3)
    [theirs] = tips(other, 1)
    client.force_login(user)

    response = client.post(MARK_ALL_URL, follow=True)

    assert unread_of(user) == set()
    assert unread_of(other) == {theirs.pk}
    assertContains(response, "All notifications are marked as read.")


@pytest.mark.parametrize("path", ["/notifications/{pk}/read/", MARK_ALL_URL])
def test_marking_read_by_get_is_refused(client, user, path):
    [notification] = tips(user, 1)
    client.force_login(user)

    response = client.get(path.format(pk=notification.pk))

    assert response.status_code == 405
    assert unread_of(user) == {notification.pk}


def test_mark_read_over_htmx_answers_the_list_fragment_and_tells_the_header(client, user):
    first, second = tips(user, 2)
    client.force_login(user)

    response = client.post(f"/notifications/{first.pk}/read/", headers=HTMX)

    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    page = html(response)
    assert "<html" not in page
    assert page.lstrip().startswith('<div id="notification-list">')
    assert page.count(NEW_BADGE) == 1
    assert unread_of(user) == {second.pk}


def test_mark_read_over_htmx_keeps_the_unread_filter(client, user):
    first, _second = tips(user, 2)
    client.force_login(user)

    response = client.post(f"/notifications/{first.pk}/read/?filter=unread", headers=HTMX)

    assert response.status_code == 200
    assertContains(response, "Tip 2")
    assertNotContains(response, "Tip 1")


def test_mark_read_over_htmx_on_page_2_stays_on_page_2(client, user):
    made = tips(user, 30)
    client.force_login(user)
    oldest = made[0]
    page_2 = html(client.get(LIST_URL, {"page": 2}))
    assert f'hx-post="/notifications/{oldest.pk}/read/?page=2"' in page_2

    response = client.post(f"/notifications/{oldest.pk}/read/?page=2", headers=HTMX)

    assertContains(response, "Page 2 of 2")
    assert re.search(r"Tip 1\b", html(response))
    assert html(response).count(NEW_BADGE) == 4


def test_each_mark_as_read_button_names_its_notification(client, user):
    tip(user, "Greener schoolyards")
    tip(user, "Safer school routes")
    client.force_login(user)

    response = client.get(LIST_URL)

    for title in ["Greener schoolyards", "Safer school routes"]:
        assertContains(
            response,
            f'Mark as read<span class="visually-hidden">: A tip for getting started — {title}</span>',
        )


def test_mark_all_read_over_htmx_answers_the_empty_list_fragment(client, user):
    tips(user, 2)
    client.force_login(user)

    response = client.post(MARK_ALL_URL, headers=HTMX)

    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    assert "<html" not in html(response)
    assertNotContains(response, NEW_BADGE, html=False)
    assert unread_of(user) == set()
