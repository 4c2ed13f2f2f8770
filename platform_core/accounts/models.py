import os
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.files.storage import FileSystemStorage
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import handles

HANDLE_PATTERN = r"[a-z0-9](?:[a-z0-9_-]{0,28}[a-z0-9])?"
handle_validator = RegexValidator(
    rf"^{HANDLE_PATTERN}$",
    _(
        "Use 1–30 lowercase letters, digits, hyphens or underscores, starting and ending with a letter or digit."
    ),
)


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def handle_new(self, *, display_name: str = "", email: str = "") -> str:
        """A free handle from the display name, or a neutral one; never from the email (``handles``)."""
        return handles.handle_new(display_name=display_name, email=email, taken=self.handles_taken)

    def handles_taken(self, candidates) -> set[str]:
        return set(self.filter(handle__in=list(candidates)).values_list("handle", flat=True))

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        if not fields.get("handle"):
            fields["handle"] = self.handle_new(display_name=fields.get("display_name", ""), email=email)
        user = self.model(email=email, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Email is the login; the handle is how others @mention them."""

    email = models.EmailField(_("email address"), unique=True)
    handle = models.CharField(
        _("handle"),
        max_length=30,
        unique=True,
        validators=[handle_validator],
        help_text=_("How others mention you, as @handle."),
    )
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zone_choices, default=settings.TIME_ZONE
    )
    is_staff = models.BooleanField(
        _("site admin access"), default=False, help_text=_("May sign in to the Django admin.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    inactive_warned_at = models.DateTimeField(
        _("warned of inactivity"),
        null=True,
        blank=True,
        help_text=_("When they were told the account will be deleted unless they sign in."),
    )
    consent_due = models.BooleanField(
        _("to accept new terms"),
        default=False,
        help_text=_(
            "A new version of the terms or the privacy notice is in effect that they have not accepted."
        ),
    )
    deleted_at = models.DateTimeField(
        _("deleted"),
        null=True,
        blank=True,
        help_text=_("The account was deleted: only its contributions remain."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self):
        return self.email

    @property
    def name(self):
        """What other people see: the display name, or the handle when there is none; "Deleted
        participant" once the account is deleted."""
        if self.deleted_at is not None:
            return str(_("Deleted participant"))
        return self.display_name or self.handle

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name


class HandleChange(models.Model):
    """A handle someone used to have. Links to the old @handle keep working (the person's page sends
    them on), and a rename made for them rather than by them is told to them once (``told_at``)."""

    class Reason(models.TextChoices):
        CHOSEN = "chosen", _("They chose a new one")
        EMAIL = "email", _("It showed part of their email address")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="handle_changes", verbose_name=_("user")
    )
    old_handle = models.CharField(_("old handle"), max_length=30)
    new_handle = models.CharField(_("new handle"), max_length=30)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    created = models.DateTimeField(_("changed"), default=timezone.now)
    told_at = models.DateTimeField(_("told"), null=True, blank=True)

    class Meta:
        verbose_name = _("handle change")
        verbose_name_plural = _("handle changes")
        indexes = [
            models.Index(fields=["old_handle", "-created"], name="accounts_handle_change_old"),
            models.Index(
                fields=["created"], condition=models.Q(told_at__isnull=True), name="accounts_handle_untold"
            ),
        ]

    def __str__(self):
        return f"@{self.old_handle} → @{self.new_handle}"


class ExportsStorage(FileSystemStorage):
    """Archives live apart from the uploaded media (never served as files): only the signed link of
    ``accounts.data_export`` hands one out, to its person. Where is read from ``DATA_EXPORT_ROOT`` at
    each use, so that a worker and the web agree whatever their settings were when they started."""

    @property
    def base_location(self):
        return settings.DATA_EXPORT_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def exports_storage():
    return ExportsStorage()


class DataExport(models.Model):
    """One "download my data" request: built in the background, linked by email, gone after 7 days."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="data_exports", verbose_name=_("user")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("archive"), storage=exports_storage, blank=True)
    created = models.DateTimeField(_("requested"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="pending"), name="accounts_one_pending_export"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.created:%Y-%m-%d %H:%M} {self.status}"
