import enum
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Highest first; ``Standing`` orders them."""

    CONVENER = "convener", _("Convener")
    FACILITATOR = "facilitator", _("Facilitator")
    PARTICIPANT = "participant", _("Participant")
    OBSERVER = "observer", _("Observer")


class Standing(enum.IntEnum):
    """How much a person may do in one arena, lowest first. A member's standing is their role's; the
    organisation's admins stand above its arenas' conveners, site admins above everyone. A banned member
    stands below anyone without a role."""

    BANNED = -1
    NONE = 0
    OBSERVER = 1
    PARTICIPANT = 2
    FACILITATOR = 3
    CONVENER = 4
    ORG_ADMIN = 5
    SITE_ADMIN = 6

    @classmethod
    def of_role(cls, role: str) -> "Standing":
        return cls[Role(role).name]


class StakeholderType(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    SERVICE_USER = "service_user", _("Service user")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    BUSINESS = "business", _("Business")
    PUBLIC_EMPLOYEE = "public_employee", _("Public employee")
    EXPERT = "expert", _("Expert or researcher")
    ELECTED_OFFICIAL = "elected_official", _("Elected official")
    OTHER = "other", _("Other")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Membership(models.Model):
    arena = models.ForeignKey(
        "Arena", on_delete=models.CASCADE, related_name="memberships", verbose_name=_("arena")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="arena_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    stakeholder_type = models.CharField(
        _("stakeholder type"),
        max_length=20,
        choices=StakeholderType.choices,
        default=StakeholderType.RESIDENT,
    )
    banned = models.BooleanField(_("banned"), default=False)
    ban_reason = models.CharField(_("reason for the ban"), max_length=500, blank=True)
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    banned_at = models.DateTimeField(_("banned at"), null=True, blank=True)
    created = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["arena", "created"]
        constraints = [models.UniqueConstraint(fields=["arena", "user"], name="membership_unique")]
        indexes = [models.Index(fields=["arena", "banned", "role"], name="membership_arena_role")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.arena}"

    @property
    def standing(self) -> Standing:
        return Standing.BANNED if self.banned else Standing.of_role(self.role)


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    VALID_FOR = timezone.timedelta(days=14)

    arena = models.ForeignKey(
        "Arena", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("arena")
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    stakeholder_type = models.CharField(
        _("stakeholder type"),
        max_length=20,
        choices=StakeholderType.choices,
        default=StakeholderType.RESIDENT,
    )
    message = models.TextField(_("personal message"), blank=True, max_length=2000)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    sent_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                "arena",
                models.functions.Lower("email"),
                condition=Q(status="pending"),
                name="invitation_one_pending",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.arena}"

    @property
    def is_expired(self) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.PENDING and self.expires_at <= timezone.now()
        )


class JoinLink(models.Model):
    """A shareable link that lets whoever has it join with a role (participant or observer)."""

    arena = models.ForeignKey(
        "Arena", on_delete=models.CASCADE, related_name="join_links", verbose_name=_("arena")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=[(Role.PARTICIPANT, Role.PARTICIPANT.label), (Role.OBSERVER, Role.OBSERVER.label)],
        default=Role.PARTICIPANT,
    )
    # A link made for one group of people (the stakeholder map's "invite this group") preselects their type.
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=20, choices=StakeholderType.choices, blank=True
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    max_uses = models.PositiveIntegerField(_("maximum uses"), null=True, blank=True)
    uses = models.PositiveIntegerField(_("uses"), default=0)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("join link")
        verbose_name_plural = _("join links")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.arena} · {self.get_role_display()}"

    @property
    def is_usable(self) -> bool:
        return (
            self.revoked_at is None
            and (self.expires_at is None or self.expires_at > timezone.now())
            and (self.max_uses is None or self.uses < self.max_uses)
        )


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    arena = models.ForeignKey(
        "Arena", on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("arena")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("user"),
    )
    note = models.TextField(_("note"), blank=True, max_length=1000)
    stakeholder_type = models.CharField(
        _("stakeholder type"),
        max_length=20,
        choices=StakeholderType.choices,
        default=StakeholderType.RESIDENT,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["arena", "user"], condition=Q(status="pending"), name="join_request_one_pending"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.arena}"
