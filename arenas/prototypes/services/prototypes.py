from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from arenas.audiences import members_of
from arenas.deliberation.models import Post, Thread
from arenas.models import Arena
from arenas.page_cache import arena_pages_changed
from arenas.rules import require
from arenas.services.arenas import topics_from_names
from arenas.services.telling import arena_notify
from platform_core.audit.services import audit_record
from platform_core.text import within_limit

from ..models import Prototype, PrototypeSource, StageTransition, TeamMember
from ..rules import move_permission
from ..search import prototype_index
from ..stages import Stage, is_allowed, needs_convener
from .telling import prototype_group, team_and_followers


def _sources(arena: Arena, thread_ids, post_ids) -> list[tuple[Thread, Post | None]]:
    thread_ids = [int(t) for t in (thread_ids or [])]
    post_ids = [int(p) for p in (post_ids or [])]
    threads = {t.pk: t for t in Thread.objects.filter(pk__in=thread_ids, arena=arena)}
    posts = {
        p.pk: p for p in Post.objects.filter(pk__in=post_ids, thread__arena=arena).select_related("thread")
    }
    if len(threads) != len(set(thread_ids)):
        raise ValidationError(
            {"source_threads": _("A prototype can only come from threads of its own arena.")}
        )
    if len(posts) != len(set(post_ids)):
        raise ValidationError({"source_posts": _("A prototype can only come from posts of its own arena.")})
    pairs = [(t, None) for t in threads.values()]
    pairs += [(p.thread, p) for p in posts.values()]
    return pairs


@transaction.atomic
def prototype_create(
    *,
    arena: Arena,
    creator,
    title: str,
    hypothesis: str,
    summary: str = "",
    problem_addressed: str = "",
    topics: list[str] | None = None,
    source_threads=None,
    source_posts=None,
    origins: list[tuple] | None = None,
) -> Prototype:
    """A new prototype at the idea stage, its creator as lead, linked to the talk it came from.
    ``origins`` are ``(source, object)`` pairs from ``panels.prototype_sources``, already resolved (a
    session…): attached here, in the same transaction."""
    require(creator, "arenas.contribute", arena)
    if not title.strip():
        raise ValidationError({"title": _("Give the prototype a title.")})
    if not hypothesis.strip():
        raise ValidationError(
            {
                "hypothesis": _(
                    "State the hypothesis: we believe that … will result in … for …; we will know when …"
                )
            }
        )
    sources = _sources(arena, source_threads, source_posts)
    prototype = Prototype.objects.create(
        arena=arena,
        title=within_limit(title, 200, field="title"),
        summary=summary,
        problem_addressed=problem_addressed,
        hypothesis=hypothesis.strip(),
        created_by=creator,
    )
    if topics:
        prototype.topics.set(topics_from_names(topics))
    TeamMember.objects.create(prototype=prototype, user=creator, role=TeamMember.Role.LEAD)
    PrototypeSource.objects.bulk_create(
        [PrototypeSource(prototype=prototype, thread=t, post=p) for t, p in sources]
    )
    StageTransition.objects.create(
        prototype=prototype, from_stage="", to_stage=Stage.IDEA, actor=creator, reason=_("Prototype created")
    )
    for source, obj in origins or ():
        source.attach(prototype=prototype, source=obj, actor=creator)
    prototype_index(prototype)
    arena_pages_changed(arena)  # the threads it came from show it
    return prototype


@transaction.atomic
def prototype_update(*, prototype: Prototype, actor, **fields) -> Prototype:
    require(actor, "prototypes.change_prototype", prototype)
    allowed = {"title", "summary", "problem_addressed", "hypothesis", "image"}
    unknown = set(fields) - allowed - {"topics"}
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    changed = sorted(allowed & set(fields))
    for name in changed:
        setattr(prototype, name, fields[name])
    if not prototype.title.strip():
        raise ValidationError({"title": _("Give the prototype a title.")})
    prototype.title = within_limit(prototype.title, 200, field="title")
    if not prototype.hypothesis.strip():
        raise ValidationError(
            {
                "hypothesis": _(
                    "State the hypothesis: we believe that … will result in … for …; we will know when …"
                )
            }
        )
    if changed:
        prototype.save(update_fields=changed)  # never writes back a stage a concurrent move changed
        prototype_index(prototype)
        arena_pages_changed(prototype.arena)
    if "topics" in fields:
        prototype.topics.set(topics_from_names(fields["topics"]))
    return prototype


@transaction.atomic
def prototype_link_sources(
    *, prototype: Prototype, actor, thread_ids=None, post_ids=None
) -> list[PrototypeSource]:
    require(actor, "prototypes.change_prototype", prototype)
    pairs = _sources(prototype.arena, thread_ids, post_ids)
    existing = set(prototype.sources.values_list("thread_id", "post_id"))
    new = [
        PrototypeSource(prototype=prototype, thread=t, post=p)
        for t, p in pairs
        if (t.pk, p.pk if p else None) not in existing
    ]
    arena_pages_changed(prototype.arena)
    return PrototypeSource.objects.bulk_create(new)


@transaction.atomic
def prototype_edit(
    *, prototype: Prototype, actor, source_threads=None, source_posts=None, **fields
) -> Prototype:
    """One change of a prototype from the API: its fields (``prototype_update``) and more links to where it
    came from (``prototype_link_sources``), all of it or none."""
    if fields:
        prototype_update(prototype=prototype, actor=actor, **fields)
    if source_threads or source_posts:
        prototype_link_sources(
            prototype=prototype, actor=actor, thread_ids=source_threads, post_ids=source_posts
        )
    return prototype


@transaction.atomic
def prototype_transition(*, prototype: Prototype, actor, to_stage: str, reason: str = "") -> StageTransition:
    """Move a prototype along the table in ``stages.py``. A move the table does not allow is a
    ValidationError; a move the person may not make is PermissionDenied; decisions need a reason."""
    prototype = Prototype.objects.select_for_update().select_related("arena").get(pk=prototype.pk)
    arena = prototype.arena
    if to_stage not in Stage.values:
        raise ValidationError({"to": _("Unknown stage “%(stage)s”.") % {"stage": to_stage}})
    if not is_allowed(prototype.stage, to_stage):
        raise ValidationError(
            {
                "to": _("A prototype cannot move from %(from)s to %(to)s.")
                % {"from": Stage(prototype.stage).label, "to": Stage(to_stage).label}
            }
        )
    require(actor, move_permission(to_stage), prototype)
    if needs_convener(to_stage) and not reason.strip():
        raise ValidationError(
            {"reason": _("A decision needs a reason: say why, for everyone who took part.")}
        )
    transition = StageTransition.objects.create(
        prototype=prototype,
        from_stage=prototype.stage,
        to_stage=to_stage,
        actor=actor,
        reason=within_limit(reason, 4000, field="reason"),
    )
    prototype.stage = to_stage
    prototype.stage_changed_at = transition.created
    prototype.save(update_fields=["stage", "stage_changed_at"])
    arena_pages_changed(arena)
    url = prototype.get_absolute_url()
    title = f"{prototype.title}: {Stage(to_stage).label}"
    arena_notify(
        arena=arena,
        recipients=team_and_followers(prototype),
        event="prototypes.stage_changed",
        actor=actor,
        target_title=title,
        url=url,
        data={"from": transition.from_stage, "to": to_stage, **prototype_group(prototype)},
    )
    if needs_convener(to_stage):
        audit_record(
            actor=actor,
            action="prototype.decided",
            target=prototype,
            group_key=arena.group_key,
            details={"from": transition.from_stage, "to": to_stage, "reason": transition.reason},
        )
        arena_notify(
            arena=arena,
            recipients=members_of(arena, excluding=team_and_followers(prototype)),
            event="prototypes.decision",
            actor=actor,
            target_title=title,
            url=url,
            data={"to": to_stage, **prototype_group(prototype)},
        )
    return transition
