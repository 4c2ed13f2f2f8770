"""Render notification and digest emails: in the recipient's language and time zone, plain text and
HTML, with a link to the settings and a one-click unsubscribe (RFC 8058)."""

import email.policy
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from platform_core.links import absolute, site_url

from .quotes import quotes_attach
from .registry import registry
from .tokens import unsubscribe_token_make


@dataclass
class RenderedEmail:
    subject: str
    text: str
    html: str
    headers: dict[str, str]
    attachments: list[tuple[str, bytes | str, str]] = field(default_factory=list)


def _unsubscribe(user, category: str | None) -> tuple[str, dict[str, str]]:
    url = absolute(
        reverse(
            "notifications:unsubscribe", args=[unsubscribe_token_make(user_id=user.pk, category=category)]
        )
    )
    return url, {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def in_recipients_locale(user):
    """The recipient's language and time zone, as two context managers to enter together."""
    try:
        tz = zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return translation.override(user.language or settings.LANGUAGE_CODE), timezone.override(tz)


def _subject(text: str) -> str:
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(text.split())}"


def render_notification_email(notification) -> RenderedEmail:
    user = notification.recipient
    event = registry.event(notification.event)
    category = registry.categories[event.category]
    quotes_attach([notification])  # one query: what was hidden since is not quoted
    language, tz = in_recipients_locale(user)
    with language, tz:
        unsubscribe_url, headers = _unsubscribe(user, category.key if category.can_turn_off else None)
        context = {
            "notification": notification,
            "event": event,
            "category": category,
            "recipient": user,
            "link": absolute(notification.url) if notification.url else "",
            "site_url": site_url(),
            "site_name": settings.SITE_NAME,
            "settings_url": absolute(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe_url if category.can_turn_off else "",
            "unsubscribe_label": _("Stop emails about “%(category)s”") % {"category": category.label},
            "details": event.details(notification) if event.details else [],
        }
        return RenderedEmail(
            subject=_subject(render_to_string(event.subject_template, context)),
            text=render_to_string(event.text_template, context),
            html=render_to_string(event.html_template, context),
            headers=headers if category.can_turn_off else {},
            attachments=event.attachments(notification) if event.attachments else [],
        )


def render_digest_email(run, digest) -> RenderedEmail:
    user = run.user
    language, tz = in_recipients_locale(user)
    with language, tz:
        unsubscribe_url, headers = _unsubscribe(user, None)
        context = {
            "run": run,
            "digest": digest,
            "recipient": user,
            "site_url": site_url(),
            "site_name": settings.SITE_NAME,
            "settings_url": absolute(reverse("notifications:settings")),
            "notifications_url": absolute(reverse("notifications:list")),
            "unsubscribe_url": unsubscribe_url,
            "unsubscribe_label": _("Stop the digest"),
        }
        return RenderedEmail(
            subject=_subject(render_to_string("notifications/email/digest_subject.txt", context)),
            text=render_to_string("notifications/email/digest.txt", context),
            html=render_to_string("notifications/email/digest.html", context),
            headers=headers,
        )


class OutboxMessage(EmailMultiAlternatives):
    """Headers are not folded below RFC 5322's 998-character limit: at the default 78, Python encodes a
    long ``List-Unsubscribe`` URL as RFC 2047 words, which mail clients then cannot use."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def build_message(rendered: RenderedEmail, *, to: str, message_id_key: str) -> EmailMultiAlternatives:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].rstrip(">") or "cocreate.localhost"
    message = OutboxMessage(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            **rendered.headers,
            # Stable per delivery: should a send ever be repeated, mail clients see the same message.
            "Message-ID": f"<{message_id_key.replace(':', '.')}@{domain}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    for filename, content, mimetype in rendered.attachments:
        message.attach(filename, content, mimetype)
    return message
