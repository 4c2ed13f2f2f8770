"""What a person accepted, in their data export; deleting the account deletes the record with it."""

from platform_core.erasure import Eraser, eraser_register
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import Consent


def erase(user, traces) -> None:
    Consent.objects.filter(user=user).delete()


eraser_register(Eraser(key="legal", erase=erase))


def tables(user) -> dict:
    return {
        "consents": rows_of(
            Consent.objects.filter(user=user).order_by("accepted_at"),
            ["document__kind", "document__version", "accepted_at", "how"],
        )
    }


exporter_register(Exporter(key="legal", tables=tables))
