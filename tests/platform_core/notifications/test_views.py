"""The notification centre, the header badge, the settings page and the unsubscribe links, through the client."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from platform_core.notifications.models import Notification, NotificationSettings
from platform_core.notifications.preferences import preferences_of
from platform_core.notifications.registry import EmailMode, registry
from platform_core.notifications.services import notification_group_mute, notify
from platform_core.notifications.tokens import unsubscribe_token_make
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/notifications/"
COUNT_URL = "/notifications/count/"
MARK_ALL_URL = "/notifications/read-all/"
SETTINGS_URL = "/settings/notifications/"
HTMX = {"HX-Request": "true"}
NEW_BADGE = '<span class="badge text-bg-primary me-1">New</span>'


def tip(recipient, title, *, url="/arenas/greener-schoolyards/", group_key="", group_label=""):
    [notification] = notify(
        recipients=[recipient],
        event="platform.tip",
        target_title=title,
        url=url,
        group_key=group_key,
        group_label=group_label,
    )
    return notification


def tips(recipient, count, *, start=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)):
    """``count`` notifications one minute apart; "Tip 1" is the oldest."""
    made = []
    for n in range(1, count + 1):
        with time_machine.travel(start + dt.timedelta(minutes=n), tick=False):
            made.append(tip(recipient, f"Tip {n}"))
    return made


def unread_of(user):
    return set(Notification.objects.filter(recipient=user, read_at__isnull=True).values_list("pk", flat=True))


def html(response):
    return response.content.decode()


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


@pytest.mark.parametrize("url", ["https://evil.example.com/", "//evil.example.com/phish"])
def test_an_external_link_is_not_followed(client, user, url):
    notification = tip(user, "Suspicious", url=url)
    client.force_login(user)

    response = client.post(f"/notifications/{notification.pk}/open/")

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


# --- Settings ---------------------------------------------------------------------------------------------


def select_html(page, name):
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)
    assert match, f"no <select name={name!r}>"
    return match.group(1)


def settings_form(**overrides):
    data = {f"category_{key}": category.default for key, category in registry.categories.items()}
    data |= {"digest_frequency": "daily", "digest_hour": "7", "digest_weekday": "0"}
    return data | overrides


def test_settings_need_sign_in(client):
    response = client.get(SETTINGS_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_settings_show_one_choice_per_category(client, user):
    client.force_login(user)

    page = html(client.get(SETTINGS_URL))

    selects = re.findall(r'<select name="category_([\w-]+)"', page)
    assert sorted(selects) == sorted(registry.categories)
    for category in registry.categories.values():
        assert escape(str(category.label)) in page


def test_the_account_category_cannot_be_turned_off(client, user):
    client.force_login(user)

    page = html(client.get(SETTINGS_URL))

    account = select_html(page, "category_account")
    assert "Email me immediately" in account
    assert "Don&#x27;t email me" not in account and "Don't email me" not in account
    assert "Don&#x27;t email me" in select_html(page, "category_platform")


def test_saving_settings_stores_the_choices(client, user):
    client.force_login(user)

    response = client.post(
        SETTINGS_URL,
        settings_form(
            category_platform=EmailMode.OFF,
            category_account=EmailMode.IMMEDIATELY,
            digest_frequency="weekly",
            digest_hour="18",
            digest_weekday="4",
        ),
        follow=True,
    )

    assertRedirects(response, SETTINGS_URL)
    assertContains(response, "Your notification settings are saved.")
    preferences = preferences_of(user)
    assert preferences.email_mode("platform") == EmailMode.OFF
    assert preferences.email_mode("account") == EmailMode.IMMEDIATELY
    assert (preferences.digest_frequency, preferences.digest_hour, preferences.digest_weekday) == (
        "weekly",
        18,
        4,
    )
    # The page shows what was saved.
    assert 'value="off" selected' in select_html(html(response), "category_platform")


@pytest.mark.parametrize(
    "overrides",
    [
        {"digest_hour": "99"},
        {"category_platform": "sometimes"},
        {"category_account": EmailMode.OFF},
        {"digest_frequency": "hourly"},
    ],
    ids=["hour-99", "unknown-mode", "account-off", "unknown-frequency"],
)
def test_invalid_settings_show_errors_and_change_nothing(client, user, overrides):
    client.force_login(user)

    response = client.post(SETTINGS_URL, settings_form(**{"digest_frequency": "weekly", **overrides}))

    assert response.status_code == 200
    assertContains(response, "Please correct the following:")
    assertContains(response, "Select a valid choice.")
    assert not NotificationSettings.objects.filter(user=user).exists()
    assert preferences_of(user).digest_frequency == NotificationSettings.DEFAULT_FREQUENCY


def test_muted_groups_are_listed_by_label_and_can_be_unmuted(client, user):
    tip(user, "Bike lanes", group_key="arena:7", group_label="Safer school routes")
    notification_group_mute(user=user, group_key="arena:7")
    client.force_login(user)

    page = client.get(SETTINGS_URL)

    assertContains(page, "Safer school routes")
    assertContains(page, "Unmute")
    assertNotContains(page, "You have muted nothing.")

    response = client.post("/settings/notifications/unmute/", {"group": "arena:7"}, follow=True)

    assertRedirects(response, SETTINGS_URL)
    assertContains(response, "You will hear about it again.")
    assertContains(response, "You have muted nothing.")
    assert preferences_of(user).muted_groups == frozenset()


# --- Unsubscribe ------------------------------------------------------------------------------------------


def unsubscribe_url(user, category):
    return f"/notifications/unsubscribe/{unsubscribe_token_make(user_id=user.pk, category=category)}/"


def one_click(url):
    """What a mail client sends for ``List-Unsubscribe-Post``: no session, no CSRF token."""
    return Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )


def test_opening_an_unsubscribe_link_asks_first_and_changes_nothing(client, user):
    response = client.get(unsubscribe_url(user, "platform"))

    assert response.status_code == 200
    assertContains(response, "Stop emails about News from the platform to anna@example.org?")
    assertContains(response, "Yes, stop these emails")
    assert preferences_of(user).email_mode("platform") == EmailMode.DIGEST


def test_one_click_unsubscribe_turns_the_category_off_without_a_csrf_token(user):
    response = one_click(unsubscribe_url(user, "platform"))

    assert response.status_code == 200
    assertContains(response, "Done: anna@example.org will get no more emails about News from the platform.")
    assert preferences_of(user).email_mode("platform") == EmailMode.OFF
    assert preferences_of(user).email_mode("account") == EmailMode.IMMEDIATELY


def test_a_second_unsubscribe_says_it_was_already_done(client, user):
    url = unsubscribe_url(user, "platform")
    one_click(url)
    before = NotificationSettings.objects.get(user=user).email_by_category

    response = one_click(url)

    assertContains(response, "anna@example.org was already unsubscribed from News from the platform.")
    assert NotificationSettings.objects.get(user=user).email_by_category == before
    assertContains(client.get(url), "anna@example.org no longer gets emails about News from the platform.")


def test_the_digest_link_stops_the_digest(user):
    response = one_click(unsubscribe_url(user, None))

    assertContains(response, "no more emails about the digest")
    assert preferences_of(user).digest_frequency == NotificationSettings.Frequency.NEVER
    assert preferences_of(user).email_mode("platform") == EmailMode.DIGEST


def tampered(token):
    """The token with one character of its signature changed."""
    position = len(token) - 5
    replacement = "A" if token[position] != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_gives_a_clear_page_and_changes_nothing(client, user, method):
    token = tampered(unsubscribe_token_make(user_id=user.pk, category="platform"))

    response = getattr(client, method)(f"/notifications/unsubscribe/{token}/")

    assert response.status_code == 400
    assertContains(response, "This unsubscribe link does not work", status_code=400)
    assert not NotificationSettings.objects.filter(user=user).exists()


def test_a_link_for_a_category_that_cannot_be_turned_off_is_refused(user):
    response = one_click(unsubscribe_url(user, "account"))

    assert response.status_code == 400
    assertContains(response, "This unsubscribe link does not work", status_code=400)
    assert preferences_of(user).email_mode("account") == EmailMode.IMMEDIATELY
    assert not NotificationSettings.objects.filter(user=user).exists()
