"""Digests rendered a batch at a time: each person gets exactly the email the templates write for them
alone (in English and Danish, in their time zone, each section as the policy lets them see it), and a
batch of 30 costs the same queries as a batch of 3."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.deliberation.models import Flag, Thread
from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, JoinRequest, Membership, Role
from arenas.prototypes.models import StageTransition
from arenas.sessions.services.registrations import registration_create
from arenas.sessions.services.sessions import session_create
from platform_core.links import site_url
from platform_core.notifications import delivery, digests
from platform_core.notifications.emails import in_recipients_locale, render_digest_email, render_digest_emails
from platform_core.notifications.models import DigestRun
from platform_core.notifications.services import notify
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)


def member(arena, role=Role.PARTICIPANT, **fields):
    person = UserFactory(**fields)
    MembershipFactory(arena=arena, user=person, role=role)
    return person


def session_in(arena, organiser, title, *, days):
    starts = NOW + timedelta(days=days)
    return session_create(
        arena=arena, actor=organiser, title=title, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )


def busy_arena(time_machine, title, *, visibility=Arena.Visibility.PUBLIC, status=Arena.Status.OPEN):
    """An arena with a facilitator, a busy thread (with a flag), a session tomorrow and a prototype that
    moved — a minute after the previous arena's, so that no two are as new."""
    time_machine.shift(timedelta(minutes=1))
    arena = ArenaFactory(title=title, visibility=visibility, status=Arena.Status.OPEN)
    facilitator = member(arena, Role.FACILITATOR, display_name=f"Facilitator of {title}")
    writers = [member(arena, display_name=f"Writer {n}") for n in range(2)]
    thread = thread_create(arena=arena, author=facilitator, title=f"Crossings in {title}")
    for n in range(4):
        post = post_create(thread=thread, author=writers[n % 2], body=f"{title} <point> {n + 1}")
    flag_create(post=post, reporter=writers[0], reason=Flag.Reason.SPAM)
    session_in(arena, facilitator, f"Walk in {title}", days=1)
    prototype = PrototypeFactory(arena=arena, title=f"Walking bus in {title}")
    StageTransition.objects.create(prototype=prototype, from_stage="idea", to_stage="design")
    Arena.objects.filter(pk=arena.pk).update(status=status)  # a draft once its content is in
    arena.status = status
    return arena, facilitator


@pytest.fixture
def world(time_machine):
    time_machine.move_to(NOW, tick=False)
    routes, routes_facilitator = busy_arena(time_machine, "Safer school routes")
    parks, parks_facilitator = busy_arena(
        time_machine, "Parks & benches", visibility=Arena.Visibility.RESTRICTED
    )
    drafts, _drafter = busy_arena(
        time_machine, "Draft plans", visibility=Arena.Visibility.PRIVATE, status=Arena.Status.DRAFT
    )
    Thread.objects.filter(arena=parks).update(post_count=25)  # long, and no summary yet
    JoinRequest.objects.create(arena=parks, user=UserFactory(), status=JoinRequest.Status.PENDING)

    dane = member(routes, time_zone="Europe/Copenhagen", language="da", display_name="Søren <S>")
    MembershipFactory(arena=parks, user=dane)
    registration_create(session=routes.sessions.get(), user=dane)
    convener = member(routes, Role.CONVENER, language="da", time_zone="UTC")
    MembershipFactory(arena=drafts, user=convener, role=Role.CONVENER)  # sees the draft's session
    MembershipFactory(arena=parks, user=convener, role=Role.FACILITATOR)
    observer = member(drafts, Role.OBSERVER, time_zone="America/New_York")  # does not see the draft's
    banned = member(parks, time_zone="UTC")
    Membership.objects.filter(user=banned).update(banned=True)
    MembershipFactory(arena=parks, user=routes_facilitator, role=Role.FACILITATOR)
    loner = UserFactory(time_zone="Asia/Tokyo")
    people = [dane, convener, observer, banned, routes_facilitator, parks_facilitator, loner]
    notify(recipients=people, event="platform.tip", target_title="Use the app", url="/help/")
    notify(recipients=people[:3], event="test.digest", target_title="", group_key="arena:x", group_label="X")
    run_ids = digests.digest_runs_create_now(user_ids=[p.pk for p in people])
    digests.digests_build(run_ids=run_ids)
    time_machine.move_to(NOW + timedelta(hours=1), tick=False)
    return run_ids


def fresh_runs(run_ids):
    return list(DigestRun.objects.filter(pk__in=run_ids).select_related("user").order_by("pk"))


def test_each_person_gets_the_email_the_templates_write_for_them_alone(world):
    together = render_digest_emails(fresh_runs(world))

    texts = []
    for run in fresh_runs(world):  # fresh objects: nothing the batch read is kept on them
        language, tz = in_recipients_locale(run.user)
        with language, tz:  # as the send task did, one at a time
            alone = render_digest_email(run, digests.digest_content(run))
        batched = together[run.pk]
        assert (batched.subject, batched.headers) == (alone.subject, alone.headers)
        assert batched.text == alone.text
        assert batched.html == alone.html
        texts.append(alone.text)
    everything = "\n".join(texts)
    for shown in (
        "Waiting for you",
        "Busy threads",
        "Upcoming sessions",
        "Prototypes that moved",
        "Søren <S>",
    ):
        assert shown in everything
    assert "Walk in Draft plans" in everything  # the convener's …
    observer_text = texts[2]
    assert "Walk in Draft plans" not in observer_text  # … not the draft's observer's


def test_a_batch_of_digests_costs_the_same_queries_at_any_size(time_machine):
    time_machine.move_to(NOW, tick=False)
    site_url()  # the site's address is read once per process
    counts = []
    for size in (3, 30):
        arena, facilitator = busy_arena(time_machine, f"Arena for {size}")
        people = [facilitator] + [
            member(arena, language="da" if n % 2 else "en", time_zone="Europe/Copenhagen" if n % 3 else "UTC")
            for n in range(size - 1)
        ]
        notify(recipients=people, event="platform.tip", target_title="Use the app", url="/help/")
        run_ids = digests.digest_runs_create_now(user_ids=[p.pk for p in people])
        digests.digests_build(run_ids=run_ids)
        runs = fresh_runs(run_ids)
        with CaptureQueriesContext(connection) as queries:
            rendered = render_digest_emails(runs)
        assert len(rendered) == size
        assert all(f"Walk in Arena for {size}" in email.text for email in rendered.values())
        counts.append(len(queries))
    # the notifications, the quotes' check, the arenas facilitated, "waiting for you" (3), the readers'
    # organisation roles, the arena's voice balance (5, then an hour in the cache), memberships, busy
    # threads (2), sessions and seats (2), moves
    assert counts == [18, 18]


def test_a_send_task_sends_each_digest_it_rendered_once(world, mailoutbox):
    from platform_core.notifications.models import EmailDelivery

    ids = list(EmailDelivery.objects.filter(digest_run_id__in=world).values_list("pk", flat=True))

    first = delivery.deliveries_send(delivery_ids=ids)
    again = delivery.deliveries_send(delivery_ids=ids)

    assert [r.status for r in first] == ["sent"] * len(ids)
    assert [r.status for r in again] == ["skipped"] * len(ids)
    assert len(mailoutbox) == len(ids)
