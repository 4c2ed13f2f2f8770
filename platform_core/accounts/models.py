import re
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HANDLE_PATTERN = r"[a-z0-9](?:[a-z0-9_-]{0,28}[a-z0-9])?"
handle_validator = RegexValidator(
    rf"^{HANDLE_PATTERN}$",
    _(
        "Use 1–30 lowercase letters, digits, hyphens or underscores, starting and ending with a letter or digit."
    ),
)


_HANDLE_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def handle_suggest(self, *, email: str) -> str:
        """A free handle derived from the local part of an email address (``anna.berg@…`` → ``anna-berg``)."""
        base = _HANDLE_UNSAFE.sub("-", email.split("@", 1)[0].lower()).strip("-_")[:24] or "user"
        taken = set(self.filter(handle__startswith=base).values_list("handle", flat=True))
        if base not in taken:
            return base
        suffix = 2
        while f"{base}-{suffix}" in taken:
            suffix += 1
        return f"{base}-{suffix}"

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        fields.setdefault("handle", self.handle_suggest(email=email))
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
        """What other people see: the display name, or the handle when there is none."""
        return self.display_name or self.handle

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name
