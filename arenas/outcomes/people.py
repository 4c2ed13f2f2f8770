"""The people side of outcomes, in SQL aggregates: the stakeholder map's figures (invited, joined and
active members of each group against its target) and the voice balance (each stakeholder type's share of
posts, endorsements and feedback against its share of members).

A person counts in the stakeholder type of their membership in the arena; feedback entered on paper
(no author) counts in the type it was entered with. Banned members count nowhere."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from arenas.deliberation.models import Endorsement, Post, Thread
from arenas.models import Invitation, Membership, StakeholderType
from arenas.prototypes.models import Feedback
from arenas.sessions.models import Attendance, Session

from .models import StakeholderGroup

ACTIVE_FOR = timedelta(days=30)
# A voice is flagged under half or over twice its share of members...
UNDER, OVER = 0.5, 2.0
# ...once there is enough to judge by: fewer contributions than this, and no group is flagged.
ENOUGH_TO_JUDGE = 10

LABELS = dict(StakeholderType.choices)


@dataclass
class GroupFigures:
    """One row of the map: a declared group (``group`` set) or a type with members the map left out."""

    stakeholder_type: str
    target: int | None
    description: str = ""
    invited: int = 0
    joined: int = 0
    active: int = 0
    group: StakeholderGroup | None = None

    @property
    def label(self) -> str:
        return str(LABELS.get(self.stakeholder_type, self.stakeholder_type))

    @property
    def missing(self) -> bool:
        """Declared and nobody of it has joined."""
        return self.group is not None and self.joined == 0

    @property
    def short_by(self) -> int:
        return max(0, (self.target or 0) - self.joined)

    @property
    def reached(self) -> float | None:
        """Joined as a share of the target (0.5 = half way), or None without a target."""
        return self.joined / self.target if self.target else None


def _active_people(arena, *, since, now):
    """The ids of the people who posted, started a thread, gave feedback or attended a session in
    ``arena`` between ``since`` and ``now``: one set, however many members ask."""
    posted = Post.objects.filter(thread__arena=arena, created__gte=since, deleted_at__isnull=True)
    started = Thread.objects.filter(arena=arena, created__gte=since)
    gave_feedback = Feedback.objects.filter(prototype__arena=arena, created__gte=since)
    attended = Attendance.objects.filter(
        session__arena=arena, session__starts_at__gte=since, session__starts_at__lte=now
    ).exclude(session__status=Session.Status.CANCELLED)
    return (
        posted.order_by()
        .values_list("author_id")
        .union(
            started.order_by().values_list("author_id"),
            gave_feedback.order_by().values_list("author_id"),
            attended.order_by().values_list("user_id"),
        )
    )


def stakeholder_map_of(*, arena, now=None) -> list[GroupFigures]:
    """The arena's declared groups in their order, then the other types that have members (largest
    first). Three queries however many members: the groups, invitations by type, members by type."""
    now = now or timezone.now()
    groups = list(StakeholderGroup.objects.filter(arena=arena))
    invited = dict(
        Invitation.objects.filter(
            arena=arena, status__in=[Invitation.Status.PENDING, Invitation.Status.ACCEPTED]
        )
        .order_by()
        .values_list("stakeholder_type")
        .annotate(n=Count("pk"))
    )
    members = {
        row["stakeholder_type"]: row
        for row in Membership.objects.filter(arena=arena, banned=False)
        .order_by()
        .values("stakeholder_type")
        .annotate(
            joined=Count("pk"),
            # One set of the people active lately, probed per member (a hashed subplan, not a lookup each).
            active=Count("pk", filter=Q(user_id__in=_active_people(arena, since=now - ACTIVE_FOR, now=now))),
        )
    }
    rows = [
        GroupFigures(
            stakeholder_type=group.stakeholder_type,
            target=group.target,
            description=group.description,
            invited=invited.get(group.stakeholder_type, 0),
            joined=members.get(group.stakeholder_type, {}).get("joined", 0),
            active=members.get(group.stakeholder_type, {}).get("active", 0),
            group=group,
        )
        for group in groups
    ]
    declared = {group.stakeholder_type for group in groups}
    others = sorted(
        (row for kind, row in members.items() if kind not in declared),
        key=lambda row: (-row["joined"], row["stakeholder_type"]),
    )
    rows += [
        GroupFigures(
            stakeholder_type=row["stakeholder_type"],
            target=None,
            invited=invited.get(row["stakeholder_type"], 0),
            joined=row["joined"],
            active=row["active"],
        )
        for row in others
    ]
    return rows


@dataclass
class Voice:
    """One stakeholder type's share of the arena's members and of each kind of contribution (0..1)."""

    stakeholder_type: str
    members: int = 0
    counts: dict = field(default_factory=dict)  # measure -> number
    shares: dict = field(default_factory=dict)  # measure -> share of that measure, None without any
    member_share: float = 0.0
    flags: dict = field(default_factory=dict)  # measure -> "under" | "over"

    @property
    def label(self) -> str:
        return str(LABELS.get(self.stakeholder_type, self.stakeholder_type))


MEASURES = ("posts", "endorsements", "feedback")


def _by_type(queryset, arena, person: str) -> dict[str, int]:
    """``queryset``'s rows counted by the stakeholder type of their ``person``'s membership in ``arena``
    (banned members and people who are not members count nowhere): one join to the memberships, grouped."""
    membership = f"{person}__arena_memberships"
    return dict(
        queryset.filter(**{f"{membership}__arena": arena, f"{membership}__banned": False})
        .order_by()
        .values_list(f"{membership}__stakeholder_type")
        .annotate(n=Count("pk"))
    )


def voice_balance_of(*, arena, since=None) -> list[Voice]:
    """Each stakeholder type with members or a voice, largest membership first: its share of members and
    of posts, endorsements and feedback (since ``since`` when given), flagged ``under`` (less than half its
    share of members) or ``over`` (more than twice) once a measure has ``ENOUGH_TO_JUDGE`` contributions.
    Five queries. Deleted posts do not count; hidden ones do (they were said)."""
    posts = Post.objects.filter(thread__arena=arena, deleted_at__isnull=True)
    endorsements = Endorsement.objects.filter(post__thread__arena=arena)
    feedback = Feedback.objects.filter(prototype__arena=arena)
    if since is not None:
        posts = posts.filter(created__gte=since)
        endorsements = endorsements.filter(created__gte=since)
        feedback = feedback.filter(created__gte=since)
    members = dict(
        Membership.objects.filter(arena=arena, banned=False)
        .order_by()
        .values_list("stakeholder_type")
        .annotate(n=Count("pk"))
    )
    counts = {
        "posts": _by_type(posts, arena, "author"),
        "endorsements": _by_type(endorsements, arena, "user"),
        "feedback": _by_type(feedback, arena, "author"),
    }
    # Paper feedback has no author: it counts in the type it was entered with.
    for kind, n in (
        feedback.filter(author__isnull=True)
        .exclude(stakeholder_type="")
        .order_by()
        .values_list("stakeholder_type")
        .annotate(n=Count("pk"))
    ):
        counts["feedback"][kind] = counts["feedback"].get(kind, 0) + n
    return balance(members, counts)


def balance(members: dict[str, int], counts: dict[str, dict[str, int]]) -> list[Voice]:
    """The arithmetic of ``voice_balance_of`` on counts already made (members and each measure by type)."""
    total_members = sum(members.values())
    totals = {measure: sum(counts[measure].values()) for measure in MEASURES}
    kinds = set(members) | {kind for measure in MEASURES for kind in counts[measure]}
    voices = []
    for kind in sorted(kinds, key=lambda kind: (-members.get(kind, 0), kind)):
        voice = Voice(kind, members=members.get(kind, 0))
        voice.member_share = voice.members / total_members if total_members else 0.0
        for measure in MEASURES:
            number = counts[measure].get(kind, 0)
            voice.counts[measure] = number
            voice.shares[measure] = number / totals[measure] if totals[measure] else None
            if totals[measure] >= ENOUGH_TO_JUDGE and voice.member_share > 0:
                ratio = voice.shares[measure] / voice.member_share
                if ratio < UNDER:
                    voice.flags[measure] = "under"
                elif ratio > OVER:
                    voice.flags[measure] = "over"
        voices.append(voice)
    return voices
