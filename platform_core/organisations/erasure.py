"""Deleting an account ends its organisation memberships."""

from platform_core.erasure import Eraser, eraser_register

from .models import OrganisationMember


def erase(user, traces) -> None:
    OrganisationMember.objects.filter(user=user).delete()


eraser_register(Eraser(key="organisations", erase=erase))
