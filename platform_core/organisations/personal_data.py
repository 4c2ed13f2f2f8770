"""Deleting an account ends its organisation memberships."""

from platform_core.erasure import Eraser, eraser_register
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import OrganisationMember


def erase(user, traces) -> None:
    OrganisationMember.objects.filter(user=user).delete()


eraser_register(Eraser(key="organisations", erase=erase))


def tables(user) -> dict:
    return {
        "organisations": rows_of(
            OrganisationMember.objects.filter(user=user), ["organisation__name", "organisation__slug", "role"]
        )
    }


exporter_register(Exporter(key="organisations", tables=tables))
