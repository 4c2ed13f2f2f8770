import pytest
from django.db import transaction

from platform_core.notifications.models import EmailDelivery, Notification
from platform_core.notifications.preferences import preferences_of
from platform_core.notifications.services import (
    email_unsubscribe,
    notification_group_mute,
    notification_settings_update,
    notifications_mark_read,
    notify,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_writes_one_row_per_recipient_with_what_it_needs_to_be_shown(people):
    actor = UserFactory(display_name="Clara Convener")

    notify(
        recipients=people,
        event="test.digest",
        actor=actor,
        target_title="Safer school routes",
        url="/arenas/safer-school-routes/",
        group_key="arena:1",
        group_label="Safer school routes",
    )

    rows = Notification.objects.order_by("recipient_id")
    assert [r.recipient_id for r in rows] == [p.pk for p in people]
    first = rows[0]
    assert (first.actor_name, first.verb, first.target_title, first.url, first.group_label) == (
        "Clara Convener",
        "did something",
        "Safer school routes",
        "/arenas/safer-school-routes/",
        "Safer school routes",
    )
    assert first.is_unread


def test_the_actor_is_not_told_of_their_own_action(people):
    notify(recipients=[*people, people[0]], event="test.digest", actor=people[0])

    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        p.pk for p in people[1:]
    )


def test_immediate_events_get_an_email_delivery_digest_ones_do_not(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        notify(recipients=people, event="test.now")
        notify(recipients=people, event="test.digest")

    assert EmailDelivery.objects.count() == 3
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {"pending"}
    assert len(callbacks) == 1  # the deliveries are queued together, after commit


@pytest.mark.parametrize("count", [10, 200])
def test_notify_uses_the_same_number_of_queries_however_many_recipients(count, django_assert_max_num_queries):
    recipients = UserFactory.create_batch(count)

    with django_assert_max_num_queries(6):
        notify(recipients=recipients, event="test.now", target_title="Budget")

    assert Notification.objects.count() == count
    assert EmailDelivery.objects.count() == count


def test_preferences_decide_email_or_digest_or_nothing(people):
    a, b, c = people
    notification_settings_update(
        user=a,
        email_by_category={"test-now": "digest"},
        digest_frequency="daily",
        digest_hour=7,
        digest_weekday=0,
    )
    notification_settings_update(
        user=b,
        email_by_category={"test-now": "off"},
        digest_frequency="daily",
        digest_hour=7,
        digest_weekday=0,
    )

    notify(recipients=people, event="test.now")

    modes = dict(Notification.objects.values_list("recipient_id", "email_mode"))
    assert modes == {a.pk: "digest", b.pk: "off", c.pk: "immediately"}
    assert list(EmailDelivery.objects.values_list("recipient_id", flat=True)) == [c.pk]


def test_a_category_that_cannot_be_turned_off_stays_on(user):
    notification_settings_update(
        user=user,
        email_by_category={"account": "off"},
        digest_frequency="daily",
        digest_hour=7,
        digest_weekday=0,
    )

    assert preferences_of(user).email_mode("account") == "immediately"


def test_muted_groups_get_nothing(people):
    notification_group_mute(user=people[0], group_key="arena:7")

    notify(recipients=people, event="test.now", group_key="arena:7")
    notify(recipients=people, event="test.now", group_key="arena:8")

    assert Notification.objects.filter(recipient=people[0]).count() == 1
    assert Notification.objects.filter(recipient=people[1]).count() == 2


def test_nothing_is_written_or_queued_when_the_domain_transaction_rolls_back(
    people, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipients=people, event="test.now")
        raise RuntimeError("the domain change failed")

    assert Notification.objects.count() == 0
    assert EmailDelivery.objects.count() == 0
    assert callbacks == []


def test_an_unknown_event_is_refused(people):
    with pytest.raises(ValueError, match="Unknown notification event"):
        notify(recipients=people, event="no.such.event")


def test_mark_read_touches_only_the_callers_notifications(people):
    notify(recipients=people, event="test.digest")
    mine = Notification.objects.get(recipient=people[0])
    theirs = Notification.objects.get(recipient=people[1])

    assert notifications_mark_read(user=people[0], ids=[mine.pk, theirs.pk]) == 1
    assert notifications_mark_read(user=people[1]) == 1
    assert notifications_mark_read(user=people[1]) == 0


def test_unsubscribe_turns_a_category_off_once(user):
    assert email_unsubscribe(user=user, category="test-now") is True
    assert email_unsubscribe(user=user, category="test-now") is False
    assert preferences_of(user).email_mode("test-now") == "off"

    assert email_unsubscribe(user=user, category=None) is True
    assert preferences_of(user).digest_frequency == "never"


def test_verbs_show_in_the_readers_language(people):
    from django.utils import translation

    notify(recipients=people[:1], event="platform.welcome")
    notification = Notification.objects.get()

    assert notification.verb == "Welcome to Cocreate"  # stored in English for the admin
    with translation.override("da"):
        assert notification.verb_display == "Velkommen til Cocreate"
