"""Shared by the members page and invitation page tests: people in an arena, URLs, page text, emails."""

import re

from django.urls import reverse

from arenas.models import Role
from platform_core.notifications import delivery
from platform_core.notifications.models import EmailDelivery
from tests.factories import MembershipFactory, UserFactory


def member(arena, role=Role.PARTICIPANT, **user):
    return MembershipFactory(arena=arena, role=role, user=UserFactory(**user))


def url(arena, name="members", *args):
    return reverse(f"arenas:{name}", args=[arena.slug, *args])


def page_text(response) -> str:
    """The page's HTML with runs of white space as one space, so a test can look for a sentence."""
    return re.sub(r"\s+", " ", response.content.decode())


def deliver_emails(mailoutbox):
    """Send what the outbox holds, as the worker would."""
    for pending in EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING):
        delivery.delivery_send(delivery_id=pending.pk)
    return mailoutbox


def invitation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", message.body).group(1)
