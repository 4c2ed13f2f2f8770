"""Download my data (GDPR articles 15 and 20): one zip of everything about a person, built in the background
from what every part registers (``platform_core.exports``), linked by email with a signed link, and gone
after ``DATA_EXPORT_DAYS`` days. One export at a time per person, and a few a day."""

import csv
import io
import json
import zipfile
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from platform_core.audit.services import audit_record
from platform_core.exports import exporters, rows_of
from platform_core.queue import enqueue_on_commit
from platform_core.ratelimits import rate_limit

from .models import DataExport, HandleChange, User

SALT = "accounts.data_export"


@transaction.atomic
def data_export_request(*, user: User) -> DataExport:
    """Ask for an archive; the task ``accounts.build_data_export`` builds it and emails the link."""
    if DataExport.objects.filter(user=user, status=DataExport.Status.PENDING).exists():
        raise ValidationError(_("Your data is already being prepared. We email you when it is ready."))
    rate_limit("data_exports", user.pk)
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user)
            audit_record(actor=user, action="account.data_export_requested", target=user)
    except IntegrityError:  # the same request twice at once
        raise ValidationError(
            _("Your data is already being prepared. We email you when it is ready.")
        ) from None
    enqueue_on_commit("accounts.build_data_export", export.pk)
    return export


def archive_tables(user: User) -> dict[str, list[dict]]:
    """Every table about ``user``: the account's own, then each registered part's."""
    tables = {
        "profile": rows_of(
            User.objects.filter(pk=user.pk),
            ["email", "handle", "display_name", "language", "time_zone", "date_joined", "last_login"],
        ),
        "email_addresses": rows_of(EmailAddress.objects.filter(user=user), ["email", "verified", "primary"]),
        "handle_changes": rows_of(
            HandleChange.objects.filter(user=user), ["old_handle", "new_handle", "reason", "created"]
        ),
    }
    for exporter in exporters.values():
        tables.update(exporter.tables(user))
    return tables


def archive_bytes(user: User) -> bytes:
    """The zip: ``<table>.json`` for every table, and ``<table>.csv`` beside each that has rows."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        tables = archive_tables(user)
        for name, rows in tables.items():
            archive.writestr(f"{name}.json", json.dumps(rows, ensure_ascii=False, indent=2, default=str))
            if rows:
                text = io.StringIO()
                writer = csv.DictWriter(text, fieldnames=list(rows[0]), extrasaction="ignore")
                writer.writeheader()
                for row in rows:
                    writer.writerow(
                        {
                            k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                            for k, v in row.items()
                        }
                    )
                archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())  # a BOM: Excel reads UTF-8
        archive.writestr("README.txt", _readme(tables))
    return buffer.getvalue()


def _readme(tables) -> str:
    lines = [
        f"Cocreate: everything the platform holds about you, as of {timezone.now():%Y-%m-%d %H:%M} UTC.",
        "Each table is a JSON file (and a CSV file, UTF-8, when it has rows).",
        "",
    ]
    lines += [f"{name}: {len(rows)} rows" for name, rows in tables.items()]
    return "\n".join(lines) + "\n"


def data_export_build(*, export_id: int) -> str:
    """Build the archive and tell the person (idempotent: a built or expired export is left alone)."""
    from platform_core.notifications.services import notify

    with transaction.atomic():
        export = DataExport.objects.select_for_update().select_related("user").filter(pk=export_id).first()
        if export is None or export.status != DataExport.Status.PENDING:
            return "skipped"
        export.file.save(
            f"{export.user_id}-{get_random_string(24)}.zip",
            ContentFile(archive_bytes(export.user)),
            save=False,
        )
        export.status = DataExport.Status.READY
        export.ready_at = timezone.now()
        export.expires_at = export.ready_at + timedelta(days=settings.DATA_EXPORT_DAYS)
        export.save()
        notify(
            recipients=[export.user],
            event="account.data_export_ready",
            target_title=_("Your data, until %(date)s") % {"date": f"{export.expires_at:%Y-%m-%d}"},
            url=data_export_link(export),
        )
    return "ready"


def data_export_link(export: DataExport) -> str:
    token = signing.dumps(export.pk, salt=SALT)
    return reverse("accounts:data-export-download", args=[token])


def data_export_hand_out(*, token: str, user) -> DataExport | None:
    """The ready export a link names, if it is the signed-in person's, has not expired and its file is
    still there; handing it out is audited."""
    try:
        export_id = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.DATA_EXPORT_DAYS))
    except signing.BadSignature:
        return None
    export = DataExport.objects.filter(
        pk=export_id, user=user, status=DataExport.Status.READY, expires_at__gt=timezone.now()
    ).first()
    if export is None or not export.file or not export.file.storage.exists(export.file.name):
        return None
    audit_record(actor=user, action="account.data_export_downloaded", target=user)
    return export


def data_exports_expire() -> int:
    """Delete the archives past their days (hourly, from beat)."""
    expired = 0
    for export in DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=timezone.now()):
        export.file.delete(save=False)
        export.status = DataExport.Status.EXPIRED
        export.save(update_fields=["file", "status"])
        expired += 1
    return expired


def data_exports_requeue_stale(*, older_than: timedelta = timedelta(minutes=15)) -> int:
    """Pending exports nobody built (the broker was down when they were asked for): queue them again."""
    stale = list(
        DataExport.objects.filter(
            status=DataExport.Status.PENDING, created__lte=timezone.now() - older_than
        ).values_list("pk", flat=True)[:100]
    )
    for export_id in stale:
        enqueue_on_commit("accounts.build_data_export", export_id)
    return len(stale)
