"""Reminder emails a day and an hour ahead, with time moved: told once however often the job runs, again
when the session moves, a cancellation told once; each email carries the session's .ics and says when in
the recipient's own time zone and language."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from arenas.sessions.services.registrations import registration_create
from arenas.sessions.services.reminders import reminders_send
from arenas.sessions.services.sessions import session_cancel, session_update
from platform_core.notifications.delivery import delivery_send
from platform_core.notifications.models import EmailDelivery

from .conftest import make_session, member

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)  # a Wednesday; the session is on Friday at 16:00 UTC


def send_all(mailoutbox) -> list:
    """Send what is in the outbox; the messages that went out."""
    before = len(mailoutbox)
    for pk in EmailDelivery.objects.filter(status="pending").values_list("pk", flat=True):
        delivery_send(delivery_id=pk)
    return mailoutbox[before:]


@pytest.fixture
def walk(arena, facilitator, time_machine, mailoutbox):
    time_machine.move_to(NOW, tick=False)
    session = make_session(arena, facilitator)  # Friday 4 December, 16:00–18:00 UTC
    send_all(mailoutbox)  # the announcement (digest by default: nothing)
    return session


def registered(arena, session, **person):
    someone = member(arena, **person)
    registration_create(session=session, user=someone)
    return someone


def reminders_at(time_machine, moment, mailoutbox) -> list:
    time_machine.move_to(moment, tick=False)
    reminders_send()
    return send_all(mailoutbox)


def test_a_day_and_an_hour_before_each_is_told_once(arena, walk, time_machine, mailoutbox):
    person = registered(arena, walk, email="anna@example.org", time_zone="Europe/Copenhagen")

    assert reminders_at(time_machine, walk.starts_at - timedelta(hours=25), mailoutbox) == []
    [day] = reminders_at(time_machine, walk.starts_at - timedelta(hours=23, minutes=55), mailoutbox)
    assert reminders_at(time_machine, walk.starts_at - timedelta(hours=23), mailoutbox) == []
    [hour] = reminders_at(time_machine, walk.starts_at - timedelta(minutes=58), mailoutbox)
    assert reminders_at(time_machine, walk.starts_at - timedelta(minutes=50), mailoutbox) == []

    for message in (day, hour):
        assert message.to == [person.email]
        assert "Walk the crossings 🚸" in message.body
        assert "Friday 4 December, 17:00–19:00 (Europe/Copenhagen)" in message.body
        assert "Where: Northbridge East School, room 2" in message.body
        assert "Friday 4 December, 17:00–19:00 (Europe/Copenhagen)" in message.alternatives[0].content


def test_the_reminder_carries_the_sessions_ics(arena, walk, time_machine, mailoutbox):
    registered(arena, walk)

    [message] = reminders_at(time_machine, walk.starts_at - timedelta(minutes=30), mailoutbox)

    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("walk-the-crossings-children-crossing.ics", "text/calendar")
    [event] = icalendar.Calendar.from_ical(content).events
    assert str(event["UID"]) == f"session-{walk.pk}@127.0.0.1"
    assert event.start == walk.starts_at
    raw = message.message().as_string()
    assert "Content-Type: text/calendar" in raw
    assert 'filename="walk-the-crossings-children-crossing.ics"' in raw


def test_the_time_is_in_each_recipients_zone_and_language(arena, walk, time_machine, mailoutbox):
    registered(arena, walk, email="dorte@example.org", language="da", time_zone="Europe/Copenhagen")
    registered(arena, walk, email="sam@example.org", language="en", time_zone="America/New_York")

    sent = reminders_at(time_machine, walk.starts_at - timedelta(minutes=30), mailoutbox)

    by_address = {message.to[0]: message.body for message in sent}
    assert "Hej" in by_address["dorte@example.org"]
    assert "Fredag 4. december, 17:00–19:00 (Europe/Copenhagen)" in by_address["dorte@example.org"]
    assert "Friday 4 December, 11:00–13:00 (America/New_York)" in by_address["sam@example.org"]


def test_a_moved_session_reminds_again_for_its_new_time(arena, facilitator, walk, time_machine, mailoutbox):
    registered(arena, walk)
    assert len(reminders_at(time_machine, walk.starts_at - timedelta(hours=23), mailoutbox)) == 1

    later = walk.starts_at + timedelta(hours=3)
    session_update(session=walk, actor=facilitator, starts_at=later, ends_at=later + timedelta(hours=2))
    [moved] = send_all(mailoutbox)
    assert "Friday 4 December, 20:00–22:00 (Europe/Copenhagen)" in moved.body
    [event] = icalendar.Calendar.from_ical(moved.attachments[0][1]).events
    assert event["SEQUENCE"] == 1

    [again] = reminders_at(time_machine, later - timedelta(minutes=40), mailoutbox)
    assert "20:00–22:00" in again.body


def test_a_cancelled_session_is_told_once_and_reminds_nobody(
    arena, facilitator, walk, time_machine, mailoutbox
):
    person = registered(arena, walk)

    session_cancel(session=walk, actor=facilitator)
    [notice] = send_all(mailoutbox)

    assert notice.to == [person.email]
    assert "cancelled" in notice.body
    assert "Was planned for Friday 4 December, 17:00–19:00 (Europe/Copenhagen)" in notice.body
    [event] = icalendar.Calendar.from_ical(notice.attachments[0][1]).events
    assert str(event["STATUS"]) == "CANCELLED"
    assert reminders_at(time_machine, walk.starts_at - timedelta(hours=23), mailoutbox) == []
    assert reminders_at(time_machine, walk.starts_at - timedelta(minutes=30), mailoutbox) == []
    assert send_all(mailoutbox) == []


def test_an_email_about_a_session_the_person_may_no_longer_see_attaches_nothing(
    arena, facilitator, walk, time_machine, mailoutbox
):
    registered(arena, walk)
    time_machine.move_to(walk.starts_at - timedelta(minutes=30), tick=False)
    reminders_send()
    walk.arena.visibility = "private"
    walk.arena.save(update_fields=["visibility"])
    arena.memberships.exclude(user=facilitator).update(banned=True)

    [message] = send_all(mailoutbox)

    assert message.attachments == []
    assert "Northbridge East School" not in message.body
