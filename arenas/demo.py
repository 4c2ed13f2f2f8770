"""Demo arenas (DESIGN.md section 4), added to ``seed_demo``. Idempotent: an arena that exists is left
as it is."""

from datetime import date, timedelta
from fractions import Fraction

from django.utils import timezone

from platform_core.accounts.models import User
from platform_core.demo import DEMO_PASSWORD

from .models import Arena, Invitation, JoinRequest, Membership, Phase, Playbook, Role, StakeholderType
from .models.membership import new_token, token_hash
from .services.arenas import arena_create, arena_phase_set, arena_status_change

SLUGS = ["safer-school-routes", "loneliness-among-seniors", "youth-employment-taskforce"]

CITIZENS = [
    ("amira@example.org", "amira-hassan", "Amira Hassan", StakeholderType.SERVICE_USER),
    ("bent@example.org", "bent-larsen", "Bent Larsen", StakeholderType.RESIDENT),
    ("chen@example.org", "chen-wei", "Chen Wei", StakeholderType.EXPERT),
    ("dorte@example.org", "dorte-holm", "Dorte Holm", StakeholderType.CIVIL_SOCIETY),
    ("erik@example.org", "erik-nielsen", "Erik Nielsen", StakeholderType.BUSINESS),
    ("fatima@example.org", "fatima-ali", "Fatima Ali", StakeholderType.ELECTED_OFFICIAL),
]

ARENAS = [
    {
        "slug": "safer-school-routes",
        "title": "Safer school routes",
        "visibility": Arena.Visibility.PUBLIC,
        "phase": "Prototyping",
        "playbook": "neighbourhood-challenge",
        "topics": ["Mobility", "Schools", "Children"],
        "scope": "Northbridge East school district",
        "problem": (
            "Every morning about **1,200 children** walk or cycle to the three schools in Northbridge East. "
            "Parents report near-misses at the Ring Road crossing, and many now drive their children the last "
            "few hundred metres — which makes the school gates even busier.\n\n"
            "How might we make the routes to school safe enough that children can walk and cycle on their own?"
        ),
        "goals": "- Halve the number of children driven to school\n- No serious accidents on the school routes\n"
        "- Solutions that children, parents and neighbours support",
        "citizens": ["amira@example.org", "bent@example.org", "chen@example.org", "dorte@example.org"],
    },
    {
        "slug": "loneliness-among-seniors",
        "title": "Loneliness among seniors",
        "visibility": Arena.Visibility.RESTRICTED,
        "phase": "Ideation",
        "playbook": "service-redesign",
        "topics": ["Health", "Seniors"],
        "scope": "All of Northbridge",
        "problem": (
            "One in five residents over 75 says they feel lonely most days. The municipality's visiting service "
            "reaches few of them, and those it reaches say the visits feel like an inspection.\n\n"
            "How might we help older residents build connections they actually want?"
        ),
        "goals": "- Fewer residents over 75 who feel lonely\n- A visiting service seniors would recommend",
        "citizens": ["amira@example.org", "erik@example.org"],
    },
    {
        "slug": "youth-employment-taskforce",
        "title": "Youth employment taskforce",
        "visibility": Arena.Visibility.PRIVATE,
        "phase": None,
        "playbook": "policy-co-design",
        "topics": ["Employment", "Youth"],
        "scope": "Job centre and local employers",
        "problem": (
            "Youth unemployment in Northbridge is twice the national average. A small taskforce of employers, "
            "job-centre staff and young people drafts a policy proposal for the council."
        ),
        "goals": "- A policy proposal the council can vote on by spring",
        "citizens": ["fatima@example.org", "erik@example.org"],
    },
]


DEFAULT_PHASE_DAYS = 28
SHARE_OF_CURRENT_PHASE_GONE = Fraction(2, 3)


def date_phases_around_today(*, arena: Arena, today: date | None = None) -> list[Phase]:
    """Phase dates that agree with the current phase, whenever the demo is seeded: the phases before it ended
    in the past, the current one (two thirds gone) contains today, the later ones are still to come. Each
    keeps the length its playbook gave it; a phase without dates gets four weeks."""
    today = today or timezone.localdate()
    phases = list(arena.phases.order_by("order"))
    if not phases:
        return []
    lengths = [
        (p.end_date - p.start_date).days + 1 if p.start_date and p.end_date else DEFAULT_PHASE_DAYS
        for p in phases
    ]
    current = next((i for i, p in enumerate(phases) if p.pk == arena.current_phase_id), 0)
    start = today - timedelta(days=int(lengths[current] * SHARE_OF_CURRENT_PHASE_GONE))
    start -= timedelta(days=sum(lengths[:current]))
    for phase, length in zip(phases, lengths, strict=True):
        phase.start_date, phase.end_date = start, start + timedelta(days=length - 1)
        start = phase.end_date + timedelta(days=1)
    Phase.objects.bulk_update(phases, ["start_date", "end_date"])
    return phases


def phases_agree_with_today(*, arena: Arena, today: date | None = None) -> bool:
    """Whether the current phase contains today, the ones before it have ended and the later ones not begun."""
    today = today or timezone.localdate()
    phases = list(arena.phases.order_by("order"))
    current = next((i for i, p in enumerate(phases) if p.pk == arena.current_phase_id), None)
    if current is None or any(p.start_date is None or p.end_date is None for p in phases):
        return False
    return (
        all(p.end_date < today for p in phases[:current])
        and phases[current].start_date <= today <= phases[current].end_date
        and all(p.start_date > today for p in phases[current + 1 :])
    )


def _citizens() -> dict[str, User]:
    from allauth.account.models import EmailAddress

    people = {}
    for email, handle, name, _type in CITIZENS:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=DEMO_PASSWORD, handle=handle, display_name=name
        )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people[email] = user
    return people


def seed_arenas(*, users, organisation, reset: bool) -> None:
    if reset:
        Arena.objects.filter(slug__in=SLUGS).delete()
        User.objects.filter(email__in=[c[0] for c in CITIZENS]).delete()
        return
    citizens = _citizens()
    stakeholder = {email: kind for email, _h, _n, kind in CITIZENS}
    convener = users["convener@example.org"]
    facilitator = users["facilitator@example.org"]
    citizen = users["citizen@example.org"]
    for spec in ARENAS:
        existing = Arena.objects.filter(slug=spec["slug"]).select_related("current_phase").first()
        if existing is not None:
            if not phases_agree_with_today(arena=existing):  # seeded weeks ago: bring its dates up to today
                date_phases_around_today(arena=existing)
            continue
        arena = arena_create(
            creator=convener,
            organisation=organisation,
            title=spec["title"],
            problem_statement=spec["problem"],
            goals=spec["goals"],
            scope=spec["scope"],
            visibility=spec["visibility"],
            topics=spec["topics"],
            playbook=Playbook.objects.filter(slug=spec["playbook"]).first(),
        )
        Arena.objects.filter(pk=arena.pk).update(slug=spec["slug"])
        arena.slug = spec["slug"]
        Membership.objects.create(
            arena=arena,
            user=facilitator,
            role=Role.FACILITATOR,
            stakeholder_type=StakeholderType.PUBLIC_EMPLOYEE,
        )
        if spec["slug"] != "youth-employment-taskforce":
            Membership.objects.create(
                arena=arena, user=citizen, role=Role.PARTICIPANT, stakeholder_type=StakeholderType.RESIDENT
            )
        for email in spec["citizens"]:
            Membership.objects.create(
                arena=arena, user=citizens[email], role=Role.PARTICIPANT, stakeholder_type=stakeholder[email]
            )
        arena_status_change(arena=arena, actor=convener, status=Arena.Status.OPEN)
        if spec["phase"]:
            arena_phase_set(arena=arena, actor=convener, phase=arena.phases.get(name=spec["phase"]))
        date_phases_around_today(arena=Arena.objects.get(pk=arena.pk))
        if spec["slug"] == "loneliness-among-seniors":
            JoinRequest.objects.create(
                arena=arena,
                user=citizens["chen@example.org"],
                stakeholder_type=StakeholderType.EXPERT,
                note="I research social isolation at the university and would like to help.",
            )
            for email, role in [
                ("nurse.jensen@example.org", Role.PARTICIPANT),
                ("daycentre@example.org", Role.OBSERVER),
            ]:
                Invitation.objects.create(
                    arena=arena,
                    email=email,
                    role=role,
                    invited_by=facilitator,
                    token_hash=token_hash(new_token()),
                    expires_at=timezone.now() + timedelta(days=2 if role == Role.OBSERVER else 12),
                    sent_count=1,
                    last_sent_at=timezone.now(),
                )
