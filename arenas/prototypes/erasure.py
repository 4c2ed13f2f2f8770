"""Deleting an account: prototype work and feedback stay, by "Deleted participant"; requests to join a
team go."""

from platform_core.erasure import Eraser, eraser_register

from .models import TeamJoinRequest


def erase(user, traces) -> None:
    TeamJoinRequest.objects.filter(user=user).delete()


eraser_register(Eraser(key="prototypes", erase=erase))
