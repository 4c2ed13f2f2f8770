"""Deleting an account ends its organisation memberships."""

from django.db.models import Q

from platform_core.erasure import Eraser, eraser_register
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import OrganisationMember


def erase(user, traces) -> None:
    OrganisationMember.objects.filter(user=user).delete()


def retained() -> Q:
    """An organisation's members (its staff) are never deleted for inactivity."""
    return Q(organisation_memberships__isnull=False)


eraser_register(Eraser(key="organisations", erase=erase, retained=retained))


def tables(user) -> dict:
    return {
        "organisations": rows_of(
            OrganisationMember.objects.filter(user=user), ["organisation__name", "organisation__slug", "role"]
        )
    }


exporter_register(Exporter(key="organisations", tables=tables))
