"""A person's private calendar feed: a URL signed with a secret of theirs, that calendar apps fetch
without signing in. Resetting the secret makes the old URL a 404."""

import secrets

from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from ..models import CalendarFeed

SALT = "arenas.sessions.calendar-feed"


def _signature(feed: CalendarFeed) -> str:
    return salted_hmac(SALT, f"{feed.user_id}:{feed.key}", algorithm="sha256").hexdigest()[:40]


def feed_token(feed: CalendarFeed) -> str:
    return f"{feed.user_id}-{_signature(feed)}"


def feed_path(feed: CalendarFeed) -> str:
    return reverse("sessions:feed", args=[feed_token(feed)])


def calendar_feed_of(*, user) -> CalendarFeed:
    """The person's feed, made the first time they ask for it."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"key": secrets.token_urlsafe(32)}
    )
    return feed


@transaction.atomic
def calendar_feed_reset(*, user) -> CalendarFeed:
    """A new secret: the feed's old URL stops working at once."""
    feed = calendar_feed_of(user=user)
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    feed.key = secrets.token_urlsafe(32)
    feed.save(update_fields=["key"])
    return feed


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed whose signed URL this is, or None (malformed, unknown, reset, or its owner inactive)."""
    user_id, _dash, signature = token.partition("-")
    if not user_id.isdigit() or not signature or len(user_id) > 18:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(user_id=int(user_id)).first()
    if feed is None or not feed.user.is_active or not constant_time_compare(signature, _signature(feed)):
        return None
    return feed
