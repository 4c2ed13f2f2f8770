"""Render notification and digest emails: in the recipient's language and time zone, plain text and
HTML, with a link to the settings and a one-click unsubscribe (RFC 8058)."""

import email.policy
import zoneinfo
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from platform_core.links import absolute, site_url

from . import digest_render
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


TOKEN = "unsubscribetoken"


def _unsubscribe(user, category: str | None, *, at: str | None = None) -> tuple[str, dict[str, str]]:
    """The link and headers; ``at``: the link with ``TOKEN`` for the token, reversed once for a batch (a
    signed token is URL-safe, so it is put in as it is)."""
    token = unsubscribe_token_make(user_id=user.pk, category=category)
    url = at.replace(TOKEN, token) if at else absolute(reverse("notifications:unsubscribe", args=[token]))
    return url, {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _locale_of(user) -> tuple[str, zoneinfo.ZoneInfo]:
    try:
        tz = zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return user.language or settings.LANGUAGE_CODE, tz


def in_recipients_locale(user):
    """The recipient's language and time zone, as two context managers to enter together."""
    language, tz = _locale_of(user)
    return translation.override(language), timezone.override(tz)


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
    """One digest email from the templates (``render_digest_emails`` writes the same for a batch)."""
    language, tz = in_recipients_locale(run.user)
    with language, tz:
        context = _digest_context(run, digest, _digest_links())
        return RenderedEmail(
            subject=_subject(render_to_string("notifications/email/digest_subject.txt", context)),
            text=render_to_string("notifications/email/digest.txt", context),
            html=render_to_string("notifications/email/digest.html", context),
            headers=context["headers"],
        )


def render_digest_emails(runs) -> dict[int, RenderedEmail]:
    """Each run's digest email, by run id, the same as ``render_digest_email`` of ``digest_content`` would
    write: the batch's content is read at once (``DigestBatch``), the runs are taken a language and a time
    zone at a time, each activated once for all who share it, and the body is written by
    ``digest_render`` rather than the template engine."""
    from .digests import DigestBatch

    batch = DigestBatch(runs)
    located = sorted(
        ((_locale_of(run.user), run) for run in runs), key=lambda pair: (pair[0][0], str(pair[0][1]))
    )
    rendered: dict[int, RenderedEmail] = {}
    for language, in_language in groupby(located, key=lambda pair: pair[0][0]):
        with translation.override(language):
            links = _digest_links()
            for tz, in_zone in groupby(in_language, key=lambda pair: pair[0][1]):
                with timezone.override(tz):
                    for _locale, run in in_zone:
                        digest = batch.content(run)
                        context = _digest_context(run, digest, links)
                        rendered[run.pk] = RenderedEmail(
                            subject=_subject(digest_render.digest_subject(digest)),
                            text=digest_render.digest_text(context),
                            html=digest_render.digest_html(context),
                            headers=context["headers"],
                        )
    return rendered


def _digest_links() -> dict:
    """What every digest in the active language links to."""
    return {
        "site_url": site_url(),
        "site_name": settings.SITE_NAME,
        "settings_url": absolute(reverse("notifications:settings")),
        "notifications_url": absolute(reverse("notifications:list")),
        "unsubscribe_label": _("Stop the digest"),
        "unsubscribe_at": absolute(reverse("notifications:unsubscribe", args=[TOKEN])),
    }


def _digest_context(run, digest, links: dict) -> dict:
    unsubscribe_url, headers = _unsubscribe(run.user, None, at=links["unsubscribe_at"])
    return {
        **links,
        "run": run,
        "digest": digest,
        "recipient": run.user,
        "unsubscribe_url": unsubscribe_url,
        "headers": headers,
    }


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
