"""Numbers that machines read are never written the way a language writes them. In Danish with
``USE_THOUSAND_SEPARATOR`` on, ``1234`` would become ``1.234`` and ``4.0`` ``4,0``: an SVG line collapses,
a link to post 1234 or to page 1234 breaks, a ``data-*`` attribute no longer names its element. Every main
page is rendered so, with ids and post numbers past a thousand, and no attribute a machine reads (ids,
links, form values, SVG coordinates, CSS, ``data-*`` and ``hx-*``) carries a localised number."""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models.fields import AutoFieldMixin
from django.test import override_settings

from arenas.deliberation.models import Thread
from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import post_create
from arenas.prototypes.models import Iteration
from arenas.prototypes.services.evidence import feedback_submit, indicator_create, measurement_add
from arenas.prototypes.services.iterations import iteration_create
from platform_core.notifications.models import Notification
from tests.arenas.pages_helpers import sign_in
from tests.arenas.prototypes.pages_helpers import world
from tests.factories import JoinLinkFactory
from tests.locale_helpers import localised_numbers

pytestmark = pytest.mark.django_db

PAST_A_THOUSAND = 12_345


@pytest.fixture
def large_ids(db):
    """Every table's next id is past a thousand, so that a grouped number would show."""
    with connection.cursor() as cursor:
        for model in apps.get_models():
            pk = model._meta.pk
            if model._meta.managed and not model._meta.proxy and isinstance(pk, AutoFieldMixin):
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [model._meta.db_table, pk.column, PAST_A_THOUSAND],
                )


@pytest.fixture
def busy(large_ids):
    """An arena with a prototype that has rounds, feedback and an indicator; a thread whose latest post is
    number 1,234, flagged; a join link; a notification."""
    people = world()
    arena, prototype = people.public.arena, people.public.prototype
    iteration_create(prototype=prototype, actor=people.lead, goal="Sign-ups", start_date=dt.date(2026, 12, 2))
    Iteration.objects.create(prototype=prototype, number=1234, goal="A long series", status="done")
    feedback_submit(prototype=prototype, author=people.participant, rating=4, would_use="yes", comment="Good")
    indicator = indicator_create(
        prototype=prototype, actor=people.lead, name="Walking", baseline=20, target=50
    )
    for day, value in [(dt.date(2026, 3, 1), "25"), (dt.date(2026, 4, 1), "41.5")]:
        measurement_add(indicator=indicator, actor=people.lead, date=day, value=Decimal(value))
    thread = people.public.thread
    Thread.objects.filter(pk=thread.pk).update(last_number=1233, top_level_count=1233, post_count=1233)
    thread.refresh_from_db()
    post = post_create(thread=thread, author=people.participant, body="Paint a zebra crossing.")
    flag_create(post=post, reporter=people.facilitator, reason="off_topic")
    JoinLinkFactory(arena=arena, created_by=people.convener)
    Notification.objects.create(
        recipient=people.convener, event="deliberation.post", verb="wrote", url="/", email_mode="none"
    )
    people.post = post
    return people


def pages(people):
    arena, prototype, thread = people.public.arena, people.public.prototype, people.public.thread
    base = f"/arenas/{arena.slug}"
    return [
        "/",  # the signed-in home: counts, round numbers, deadlines
        f"{base}/",
        f"{base}/settings/",
        f"{base}/members/",
        f"{base}/threads/",
        f"{base}/threads/{thread.pk}/",
        f"{base}/threads/{thread.pk}/?post={people.post.number}",
        f"{base}/moderation/",
        f"{base}/prototypes/",
        f"{base}/prototypes/{prototype.pk}/",
        f"/orgs/{arena.organisation.slug}/",
        "/arenas/",
        "/notifications/",
    ]


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_no_page_writes_a_localised_number_where_a_machine_reads_it(client, busy):
    sign_in(client, busy.convener)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    found = {}
    for url in pages(busy):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert '<html lang="da"' in page
        if bad := localised_numbers(page):
            found[url] = bad

    assert found == {}


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_the_check_sees_a_grouped_number_where_people_read_it(client, busy):
    """The same pages do group numbers in their text, so the check above is looking at real ones."""
    sign_in(client, busy.convener)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"

    thread_url = f"/arenas/{busy.public.arena.slug}/threads/{busy.public.thread.pk}/"
    page = client.get(f"{thread_url}?post=1234").content.decode()

    assert "1.234" in page  # "1.234 indlæg" or "Indlæg 1.234": text, for people
    assert 'id="post-1234"' in page
    assert localised_numbers('<a href="?post=1.234#post-1.234">') != []
    assert localised_numbers('<circle cx="4,0" cy="1.5">') != []
