from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from arenas.audiences import members_of
from arenas.models import Arena, Phase
from arenas.page_cache import arena_pages_changed
from arenas.rules import require
from arenas.services.arenas import topics_from_names
from arenas.services.telling import arena_notify
from platform_core.audit.services import audit_record
from platform_core.markdown import render_markdown
from platform_core.ratelimits import rate_limit
from platform_core.text import within_limit

from ..models import Thread, ThreadFollow, ThreadSummary
from ..quoting import thread_notice_data, thread_quotes_forget
from ..search import thread_index
from .mentioning import notify_mentions, render_with_mentions


def _validate_kind(kind: str) -> str:
    if kind not in Thread.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of thread from the list.")})
    return kind


@transaction.atomic
def thread_create(
    *,
    arena: Arena,
    author,
    title: str,
    body: str = "",
    kind: str = Thread.Kind.DISCUSSION,
    phase: Phase | None = None,
    topics: list[str] | None = None,
    notify_members: bool = True,
    sources: list[tuple] | None = None,
) -> Thread:
    """A person starts a thread; its author follows it and (``notify_members``) every member is told.
    Rate-limited per author, except for a playbook's starter threads (``notify_members=False``): those
    are the platform's, written at once when the arena is made. ``sources`` are ``(ThreadSource, object)``
    pairs (``parts.thread_sources``, already resolved): where the thread came from, attached here."""
    require(author, "arenas.contribute", arena)
    if not title.strip():
        raise ValidationError({"title": _("Give the thread a title.")})
    title = within_limit(title, 200, field="title")
    if phase is not None and phase.arena_id != arena.pk:
        raise ValidationError({"phase": _("That phase belongs to another arena.")})
    if notify_members:
        rate_limit("threads", author.pk)
    html, mentioned = render_with_mentions(body)
    thread = Thread.objects.create(
        arena=arena,
        title=title,
        body=body,
        body_html=html,
        kind=_validate_kind(kind),
        phase=phase or arena.current_phase,
        author=author,
    )
    if topics:
        thread.topics.set(topics_from_names(topics))
    ThreadFollow.objects.create(thread=thread, user=author)
    for source, obj in sources or ():
        source.attach(thread=thread, source=obj, actor=author)
    thread_index(thread)
    arena_pages_changed(arena)
    url = thread.get_absolute_url()
    data = thread_notice_data(thread)
    if notify_members:
        arena_notify(
            arena=arena,
            recipients=members_of(arena),
            event="deliberation.thread_created",
            actor=author,
            target_title=thread.title,
            url=url,
            data=data,
        )
    notify_mentions(
        mentioned, arena=arena, actor=author, title=thread.title, url=url, exclude=set(), data=data
    )
    return thread


def threads_create_from_playbook(*, arena: Arena, author, playbook) -> list[Thread]:
    """A playbook's starter threads in a new arena (``phase`` is an index into the arena's phases).
    Registered as the playbook's deliberation content (``arenas.parts.playbook_contents``)."""
    phases = list(arena.phases.order_by("order"))
    created = []
    for starter in playbook.starter_threads or []:
        index = starter.get("phase")
        phase = phases[index] if isinstance(index, int) and 0 <= index < len(phases) else None
        created.append(
            thread_create(
                arena=arena,
                author=author,
                title=starter["title"],
                body=starter.get("body", ""),
                kind=starter.get("kind", Thread.Kind.DISCUSSION),
                phase=phase,
                notify_members=False,
            )
        )
    return created


@transaction.atomic
def thread_update(
    *, thread: Thread, actor, title: str | None = None, body: str | None = None, kind: str | None = None
) -> Thread:
    """The author (until someone else has posted, and while the thread is open) or a moderator edits the
    opening text."""
    require(actor, "deliberation.change_thread", thread)
    if title is not None:
        if not title.strip():
            raise ValidationError({"title": _("Give the thread a title.")})
        thread.title = within_limit(title, 200, field="title")
    if body is not None:
        thread.body = body
        thread.body_html, _mentioned = render_with_mentions(body)
        thread_quotes_forget(thread)
    if kind is not None:
        thread.kind = _validate_kind(kind)
    thread.save()
    thread_index(thread)
    arena_pages_changed(thread.arena)
    return thread


@transaction.atomic
def thread_moderate(
    *,
    thread: Thread,
    actor,
    pinned: bool | None = None,
    locked: bool | None = None,
    resolved: bool | None = None,
) -> Thread:
    require(actor, "deliberation.moderate_thread", thread)
    changes = {}
    for name, value in (("pinned", pinned), ("locked", locked), ("resolved", resolved)):
        if value is not None and getattr(thread, name) != value:
            setattr(thread, name, value)
            changes[name] = value
    if changes:
        thread.save(update_fields=list(changes))
        arena_pages_changed(thread.arena)
        audit_record(
            actor=actor,
            action="thread.moderated",
            target=thread,
            group_key=thread.arena.group_key,
            details=changes,
        )
    return thread


@transaction.atomic
def thread_summary_set(*, thread: Thread, actor, body: str) -> ThreadSummary:
    """A new version of the facilitator summary (earlier ones are kept)."""
    require(actor, "deliberation.moderate_thread", thread)
    if not body.strip():
        raise ValidationError({"summary": _("Write the summary, or leave the current one as it is.")})
    summary = ThreadSummary.objects.create(
        thread=thread, body=body, body_html=render_markdown(body), author=actor
    )
    thread.summary = summary
    thread.save(update_fields=["summary"])
    arena_pages_changed(thread.arena)
    audit_record(actor=actor, action="thread.summarised", target=thread, group_key=thread.arena.group_key)
    return summary


@transaction.atomic
def thread_follow_set(*, thread: Thread, user, state: str | None) -> ThreadFollow | None:
    """Follow, mute (``state``) or go back to the default (``None``)."""
    require(user, "deliberation.follow_thread", thread)
    if state is None:
        ThreadFollow.objects.filter(thread=thread, user=user).delete()
        return None
    if state not in ThreadFollow.State.values:
        raise ValidationError({"state": _("Follow or mute.")})
    follow, _created = ThreadFollow.objects.update_or_create(
        thread=thread, user=user, defaults={"state": state}
    )
    return follow


@transaction.atomic
def thread_edit(
    *,
    thread: Thread,
    actor,
    title: str | None = None,
    body: str | None = None,
    kind: str | None = None,
    pinned: bool | None = None,
    locked: bool | None = None,
    resolved: bool | None = None,
    summary: str | None = None,
) -> Thread:
    """One change of a thread from the API: its opening (``thread_update``), its moderation flags
    (``thread_moderate``) and a new summary (``thread_summary_set``), all of it or none."""
    if any(value is not None for value in (title, body, kind)):
        thread_update(thread=thread, actor=actor, title=title, body=body, kind=kind)
    if any(value is not None for value in (pinned, locked, resolved)):
        thread_moderate(thread=thread, actor=actor, pinned=pinned, locked=locked, resolved=resolved)
    if summary is not None:
        thread_summary_set(thread=thread, actor=actor, body=summary)
    return thread
