"""Digests arrive at each person's own hour in their own time zone, weekly on their weekday, only with news,
and never twice for the same period."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from platform_core.notifications import delivery, digests
from platform_core.notifications.models import DigestRun, EmailDelivery, Notification
from platform_core.notifications.registry import DigestSection, digest_section_register, digest_sections
from platform_core.notifications.services import notification_settings_update, notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _news_comes_the_day_before():
    """The hourly job runs at fixed hours of a Wednesday; the news in each test is written the evening before
    (whatever today's date is), so it falls inside the period a digest covers."""
    with time_machine.travel(datetime(2026, 12, 1, 18, 0, tzinfo=UTC), tick=True):
        yield


def at(hour_utc, day=2):
    """A Wednesday (2 December 2026) or another day of that week, at an hour in UTC."""
    return datetime(2026, 12, day, hour_utc, 0, tzinfo=UTC)


def schedule(user, frequency="daily", hour=8, weekday=0):
    notification_settings_update(
        user=user, email_by_category={}, digest_frequency=frequency, digest_hour=hour, digest_weekday=weekday
    )


def run_hourly_job(now):
    """What beat does every hour, driven by hand: create the due runs, build them, send them."""
    sent = []
    for run_id in digests.digest_runs_create_due(now=now):
        delivery_id = digests.digest_build(run_id=run_id)
        if delivery_id and delivery.delivery_send(delivery_id=delivery_id).status == "sent":
            sent.append(DigestRun.objects.get(pk=run_id).user.email)
    return sorted(sent)


@pytest.fixture
def three_time_zones():
    with time_machine.travel(at(0, day=1), tick=False):
        copenhagen = UserFactory(email="cph@example.org", time_zone="Europe/Copenhagen")  # UTC+1 in December
        new_york = UserFactory(email="nyc@example.org", time_zone="America/New_York")  # UTC-5
        tokyo = UserFactory(email="tyo@example.org", time_zone="Asia/Tokyo")  # UTC+9
        for person in (copenhagen, new_york, tokyo):
            schedule(person, hour=8)
        notify(recipients=[copenhagen, new_york, tokyo], event="test.digest", target_title="News")
    return copenhagen, new_york, tokyo


def test_daily_digests_arrive_at_each_persons_own_hour(three_time_zones, mailoutbox):
    sent_by_hour = {hour: run_hourly_job(at(hour)) for hour in range(24)}

    assert {hour: sent for hour, sent in sent_by_hour.items() if sent} == {
        7: ["cph@example.org"],  # 08:00 in Copenhagen
        13: ["nyc@example.org"],  # 08:00 in New York
        23: ["tyo@example.org"],  # 08:00 on the next day in Tokyo
    }
    assert run_hourly_job(at(23)) == []
    assert len(mailoutbox) == 3


def test_nobody_gets_a_digest_before_their_hour(three_time_zones, mailoutbox):
    assert run_hourly_job(at(6)) == []
    assert mailoutbox == []


def test_running_the_hourly_job_twice_sends_once(three_time_zones, mailoutbox):
    assert run_hourly_job(at(7)) == ["cph@example.org"]
    copenhagen = three_time_zones[0]
    notify(recipients=[copenhagen], event="test.digest", target_title="Later news")

    assert run_hourly_job(at(7)) == []
    assert len(mailoutbox) == 1
    assert DigestRun.objects.filter(user=copenhagen).count() == 1


def test_nobody_without_news_gets_a_digest(mailoutbox):
    quiet = UserFactory(time_zone="UTC")
    schedule(quiet, hour=7)
    busy = UserFactory(time_zone="UTC")
    schedule(busy, hour=7)
    notify(recipients=[busy], event="test.digest")
    notify(recipients=[quiet], event="test.now")  # emailed at once, so not digest news

    assert run_hourly_job(at(7)) == [busy.email]


def test_weekly_digests_come_on_the_chosen_weekday(mailoutbox):
    person = UserFactory(email="weekly@example.org", time_zone="Europe/Copenhagen")
    schedule(person, frequency="weekly", hour=9, weekday=4)  # Friday 09:00
    notify(recipients=[person], event="test.digest")

    assert run_hourly_job(at(8, day=2)) == []  # Wednesday
    assert run_hourly_job(at(8, day=4)) == ["weekly@example.org"]  # Friday, 09:00 in Copenhagen
    assert DigestRun.objects.get().period == "weekly:2026-W49"


def test_people_who_chose_never_get_none(mailoutbox):
    person = UserFactory(time_zone="UTC")
    schedule(person, frequency="never", hour=7)
    notify(recipients=[person], event="test.digest")

    assert run_hourly_job(at(7)) == []


def test_people_without_settings_get_the_default_daily_digest_at_seven(mailoutbox):
    person = UserFactory(email="default@example.org", time_zone="UTC")
    notify(recipients=[person], event="test.digest")

    assert run_hourly_job(at(7)) == ["default@example.org"]


def test_read_notifications_are_left_out(mailoutbox):
    person = UserFactory(time_zone="UTC")
    notify(recipients=[person], event="test.digest")
    Notification.objects.update(read_at=at(1))

    assert run_hourly_job(at(7)) == []


def test_the_due_query_is_one_query_whatever_the_number_of_people(django_assert_num_queries):
    for _ in range(20):
        notify(recipients=[UserFactory(time_zone="UTC")], event="test.digest")

    with django_assert_num_queries(1):
        due = list(digests.users_due(now=at(7)))

    assert len(due) == 20


def test_the_digest_groups_by_group_and_event_busiest_first_with_counts(mailoutbox):
    person = UserFactory(time_zone="UTC")
    for n in range(5):
        notify(
            recipients=[person],
            event="test.digest",
            target_title=f"Post {n}",
            group_key="arena:1",
            group_label="Safer routes",
        )
    notify(recipients=[person], event="platform.tip", target_title="A tip")
    notify(
        recipients=[person],
        event="test.digest",
        target_title="Elsewhere",
        group_key="arena:2",
        group_label="Seniors",
    )

    run_hourly_job(at(7))

    content = digests.digest_content(DigestRun.objects.get())
    assert content["total"] == 7
    # The busiest group first; groups as busy come newest first.
    assert [g["label"] for g in content["groups"]] == ["Safer routes", "Seniors", "Across the platform"]
    safer = content["groups"][0]["subgroups"][0]
    assert (safer["count"], safer["more"], [i.target_title for i in safer["items"]]) == (
        5,
        2,
        ["Post 4", "Post 3", "Post 2"],
    )
    assert "and 2 more" in mailoutbox[0].body
    assert Notification.objects.filter(digest_run__isnull=True, email_mode="digest").count() == 0


def test_other_apps_add_sections_to_the_digest(mailoutbox):
    person = UserFactory(time_zone="UTC")
    notify(recipients=[person], event="test.digest")
    digest_section_register(
        DigestSection(
            "test-waiting",
            order=10,
            build=lambda *, user, notifications: {
                "title": "Waiting for you",
                "items": [{"text": "2 join requests", "url": "/x/"}],
            },
        )
    )
    try:
        run_hourly_job(at(7))
    finally:
        digest_sections.pop("test-waiting")

    assert "Waiting for you" in mailoutbox[0].body
    assert "2 join requests" in mailoutbox[0].alternatives[0].content


def test_send_digests_now_for_one_person(mailoutbox):
    person = UserFactory(email="citizen@example.org", time_zone="UTC")
    other = UserFactory(time_zone="UTC")
    notify(recipients=[person, other], event="test.digest")

    call_command("send_digests", "--now", "--user", "citizen@example.org")

    assert [m.to for m in mailoutbox] == [["citizen@example.org"]]
    assert mailoutbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    call_command("send_digests", "--now", "--user", "citizen@example.org")
    assert len(mailoutbox) == 1  # nothing new the second time


def test_send_digests_without_now_follows_the_schedule(mailoutbox):
    person = UserFactory(time_zone="UTC")
    notify(recipients=[person], event="test.digest")

    with time_machine.travel(at(5), tick=False):
        call_command("send_digests")
    assert mailoutbox == []
    with time_machine.travel(at(7) + timedelta(minutes=3), tick=False):
        call_command("send_digests")
    assert len(mailoutbox) == 1
    assert EmailDelivery.objects.get().status == "sent"


def test_the_benchmark_command_runs_and_leaves_nothing_behind():
    from io import StringIO

    from platform_core.accounts.models import User

    out = StringIO()
    call_command("bench_notifications", "--users", "30", stdout=out)

    assert "fan-out (in the background)" in out.getvalue()
    assert "Notifications written: 30" in out.getvalue()
    assert not User.objects.filter(email__endswith="@bench.invalid").exists()


def test_creating_runs_returns_only_this_batchs_pending_runs():
    ann, bo, cy = UserFactory(), UserFactory(), UserFactory()
    # A batch spans periods: Ann's daily, Bo's weekly. Ann also has a pending weekly run of that week (not
    # asked for now), and Cy's run of this day is already built.
    DigestRun.objects.create(user=ann, period="weekly:2026-W49")
    DigestRun.objects.create(user=cy, period="daily:2026-12-02", status=DigestRun.Status.BUILT)

    ids = digests._create_runs(
        [
            DigestRun(user=ann, period="daily:2026-12-02"),
            DigestRun(user=bo, period="weekly:2026-W49"),
            DigestRun(user=cy, period="daily:2026-12-02"),
        ]
    )

    assert sorted(DigestRun.objects.filter(pk__in=ids).values_list("user_id", "period")) == [
        (ann.pk, "daily:2026-12-02"),
        (bo.pk, "weekly:2026-W49"),
    ]
