import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.audit.services import audit_record
from platform_core.markdown import render_markdown
from platform_core.organisations.models import Organisation
from platform_core.text import readable_slug, topic_refusal, within_limit

from ..audiences import members_of
from ..models import Arena, Membership, Phase, Playbook, Role, StakeholderType, Topic
from ..page_cache import arena_pages_changed
from ..parts import playbook_contents
from ..playbooks import DEFAULT_PHASES
from ..rules import can_create_arena_for, require
from ..search import arena_index
from .telling import arena_notify

RESERVED_SLUGS = {"new"}  # /arenas/new/ is the form that opens one


def _unique_slug(title: str, *, exclude_pk=None) -> str:
    base = readable_slug(title, max_length=100) or "arena"
    taken = set(
        Arena.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def topics_from_names(names) -> list[Topic]:
    """The topics of these names, made as needed. Every name is kept as written (any script, emoji);
    one that is too long or only punctuation is refused, never dropped."""
    slugs = {}
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        if len(name) > 60:
            raise ValidationError({"topics": _("Keep each topic under 60 characters.")})
        slugs[name] = readable_slug(name, max_length=60)
        if not slugs[name]:
            raise ValidationError({"topics": topic_refusal(name)})
    topics = []
    for name, slug in slugs.items():
        topic = Topic.objects.filter(name__iexact=name).first()  # also one slugged by an older rule
        if topic is None:
            topic, _created = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
        topics.append(topic)
    return topics


@transaction.atomic
def arena_create(
    *,
    creator,
    organisation: Organisation,
    title: str,
    problem_statement: str,
    visibility: str = Arena.Visibility.PUBLIC,
    goals: str = "",
    scope: str = "",
    topics: list[str] | None = None,
    playbook: Playbook | None = None,
    stakeholder_type: str = StakeholderType.PUBLIC_EMPLOYEE,
) -> Arena:
    """Open a new arena (as a draft) for an organisation; the creator becomes its convener.
    The playbook (or the default list) gives its phases and starter threads."""
    if not can_create_arena_for(creator, organisation):
        raise PermissionDenied("arenas.create_arena")
    if playbook is not None and playbook.organisation_id not in (None, organisation.pk):
        raise ValidationError({"playbook": _("That playbook belongs to another organisation.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the arena a title.")})
    if not problem_statement.strip():
        raise ValidationError({"problem_statement": _("Describe the public problem the arena is about.")})
    arena = Arena(
        organisation=organisation,
        title=title.strip(),
        slug=_unique_slug(title),
        problem_statement=problem_statement,
        problem_statement_html=render_markdown(problem_statement),
        goals=goals,
        goals_html=render_markdown(goals),
        scope=scope,
        visibility=visibility,
        status=Arena.Status.DRAFT,
        created_by=creator,
    )
    arena.full_clean(exclude=["current_phase", "created_by"])
    arena.save()
    arena.topics.set(topics_from_names(topics or []))
    phases = _phases_from_plan(arena, playbook.phases if playbook else DEFAULT_PHASES)
    arena.current_phase = phases[0] if phases else None
    arena.save(update_fields=["current_phase"])
    Membership.objects.create(
        arena=arena, user=creator, role=Role.CONVENER, stakeholder_type=stakeholder_type
    )
    if playbook is not None:
        for content in playbook_contents:  # the parts' share: deliberation's starter threads…
            content.apply(arena=arena, author=creator, playbook=playbook)
    arena_index(arena)
    arena_pages_changed(arena)
    audit_record(
        actor=creator,
        action="arena.created",
        target=arena,
        group_key=arena.group_key,
        details={"playbook": playbook.slug if playbook else None},
    )
    return arena


def _phases_from_plan(arena: Arena, plan: list[dict]) -> list[Phase]:
    start = timezone.localdate()
    phases = []
    for order, step in enumerate(plan):
        days = int(step.get("days") or 0)
        end = start + datetime.timedelta(days=days - 1) if days else None
        phases.append(
            Phase(
                arena=arena,
                order=order,
                name=step["name"][:100],
                description=step.get("description", ""),
                start_date=start if days else None,
                end_date=end,
            )
        )
        if end:
            start = end + datetime.timedelta(days=1)
    return Phase.objects.bulk_create(phases)


@transaction.atomic
def arena_update(*, arena: Arena, actor, **fields) -> Arena:
    """Edit title, problem statement, goals, scope, visibility, topics and cover image."""
    require(actor, "arenas.change_arena", arena)
    allowed = {"title", "problem_statement", "goals", "scope", "visibility", "cover_image"}
    unknown = set(fields) - allowed - {"topics"}
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in fields.items():
        if name in allowed:
            setattr(arena, name, value)
    arena.problem_statement_html = render_markdown(arena.problem_statement)
    arena.goals_html = render_markdown(arena.goals)
    arena.full_clean(exclude=["current_phase", "created_by", "slug"])
    arena.save()
    arena_index(arena)
    arena_pages_changed(arena)  # also when it turns private: no page of it is served since
    if "topics" in fields:
        arena.topics.set(topics_from_names(fields["topics"]))
    audit_record(
        actor=actor,
        action="arena.updated",
        target=arena,
        group_key=arena.group_key,
        details={"fields": sorted(fields)},
    )
    return arena


@transaction.atomic
def arena_edit(*, arena: Arena, actor, status: str | None = None, **fields) -> Arena:
    """One change of an arena from the API: its fields (``arena_update``) and its status
    (``arena_status_change``) together, or neither."""
    if fields:
        arena_update(arena=arena, actor=actor, **fields)
    if status:
        arena_status_change(arena=arena, actor=actor, status=status)
    return arena


ALLOWED_STATUS_CHANGES = {
    Arena.Status.DRAFT: {Arena.Status.OPEN, Arena.Status.ARCHIVED},
    Arena.Status.OPEN: {Arena.Status.CLOSED, Arena.Status.ARCHIVED},
    Arena.Status.CLOSED: {Arena.Status.OPEN, Arena.Status.ARCHIVED},
    Arena.Status.ARCHIVED: {Arena.Status.CLOSED},
}


@transaction.atomic
def arena_status_change(*, arena: Arena, actor, status: str) -> Arena:
    require(actor, "arenas.change_status", arena)
    if status == arena.status:
        return arena
    if status not in ALLOWED_STATUS_CHANGES.get(arena.status, set()):
        raise ValidationError(
            _("An arena cannot go from “%(old)s” to “%(new)s”.")
            % {
                "old": arena.get_status_display(),
                "new": Arena.Status(status).label if status in Arena.Status.values else status,
            }
        )
    previous = arena.status
    arena.status = status
    arena.save(update_fields=["status", "updated"])
    arena_pages_changed(arena)
    audit_record(
        actor=actor,
        action="arena.status_changed",
        target=arena,
        group_key=arena.group_key,
        details={"from": previous, "to": status},
    )
    if status == Arena.Status.CLOSED:
        arena_notify(
            arena=arena,
            recipients=members_of(arena),
            event="arenas.arena_closed",
            actor=actor,
            target_title=arena.title,
            url=arena.get_absolute_url(),
        )
    return arena


@transaction.atomic
def arena_phase_advance(*, arena: Arena, actor) -> Phase:
    """Move to the next phase and tell every member."""
    require(actor, "arenas.change_arena", arena)
    phases = list(arena.phases.order_by("order"))
    if not phases:
        raise ValidationError(_("This arena has no phases."))
    index = next((i for i, p in enumerate(phases) if p.pk == arena.current_phase_id), -1)
    if index + 1 >= len(phases):
        raise ValidationError(_("The arena is already in its last phase."))
    return arena_phase_set(arena=arena, actor=actor, phase=phases[index + 1])


@transaction.atomic
def arena_phase_set(*, arena: Arena, actor, phase: Phase) -> Phase:
    require(actor, "arenas.change_arena", arena)
    if phase.arena_id != arena.pk:
        raise ValidationError(_("That phase belongs to another arena."))
    if arena.current_phase_id == phase.pk:
        return phase
    arena.current_phase = phase
    arena.save(update_fields=["current_phase", "updated"])
    arena_pages_changed(arena)
    audit_record(
        actor=actor,
        action="arena.phase_changed",
        target=arena,
        group_key=arena.group_key,
        details={"phase": phase.name},
    )
    arena_notify(
        arena=arena,
        recipients=members_of(arena),
        event="arenas.phase_changed",
        actor=actor,
        target_title=f"{arena.title}: {phase.name}",
        url=arena.get_absolute_url(),
        data={"phase": phase.name},
    )
    return phase


@transaction.atomic
def arena_phases_replace(*, arena: Arena, actor, phases: list[dict]) -> list[Phase]:
    """The phases editor: the new ordered list. Existing phases keep their id when ``id`` is given;
    the current phase stays current if it is still in the list (else the first one becomes current)."""
    require(actor, "arenas.change_arena", arena)
    if not phases:
        raise ValidationError(_("An arena needs at least one phase."))
    existing = {p.pk: p for p in arena.phases.all()}
    kept_ids = {int(p["id"]) for p in phases if p.get("id")}
    if kept_ids - set(existing):
        raise ValidationError(_("One of the phases does not belong to this arena."))
    # Move every order out of the way first: (arena, order) is unique.
    arena.phases.update(order=F("order") + 10_000)
    saved = []
    for order, data in enumerate(phases):
        if not (data.get("name") or "").strip():
            raise ValidationError(_("Every phase needs a name (phase %(n)s has none).") % {"n": order + 1})
        if len(data["name"].strip()) > 100:
            raise ValidationError(
                _("Keep phase names to 100 characters (phase %(n)s has %(length)s).")
                % {"n": order + 1, "length": len(data["name"].strip())}
            )
        phase = existing.get(int(data["id"])) if data.get("id") else Phase(arena=arena)
        phase.order = order
        phase.name = data["name"].strip()
        phase.description = data.get("description", "")
        phase.start_date = data.get("start_date") or None
        phase.end_date = data.get("end_date") or None
        if phase.start_date and phase.end_date and phase.end_date < phase.start_date:
            raise ValidationError(_("“%(name)s” ends before it starts.") % {"name": phase.name})
        phase.save()
        saved.append(phase)
    removed = [pk for pk in existing if pk not in kept_ids]
    if arena.current_phase_id in removed or arena.current_phase_id is None:
        arena.current_phase = saved[0]
        arena.save(update_fields=["current_phase", "updated"])
    Phase.objects.filter(pk__in=removed).delete()
    arena_pages_changed(arena)
    audit_record(
        actor=actor,
        action="arena.phases_edited",
        target=arena,
        group_key=arena.group_key,
        details={"phases": [p.name for p in saved]},
    )
    return saved


@transaction.atomic
def playbook_create_from_arena(*, arena: Arena, actor, name: str, description: str = "") -> Playbook:
    """Save an arena's phases (and, later, its starter threads) as a playbook of its organisation."""
    require(actor, "arenas.change_status", arena)
    if not name.strip():
        raise ValidationError({"name": _("Give the playbook a name.")})
    name = within_limit(name, 120, field="name")
    phases = [
        {
            "name": p.name,
            "description": p.description,
            "days": (p.end_date - p.start_date).days + 1 if p.start_date and p.end_date else 0,
            "guidance": "",
        }
        for p in arena.phases.order_by("order")
    ]
    base = readable_slug(name, max_length=100) or "playbook"
    slug, n = base, 2
    while Playbook.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    playbook = Playbook.objects.create(
        name=name,
        slug=slug,
        description=description,
        phases=phases,
        organisation=arena.organisation,
        created_by=actor,
    )
    audit_record(actor=actor, action="playbook.created", target=playbook, group_key=arena.group_key)
    return playbook
