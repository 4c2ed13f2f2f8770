"""Deleting an account: prototype work and feedback stay, by "Deleted participant"; requests to join a
team go."""

from platform_core.erasure import Eraser, eraser_register
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import Feedback, Prototype, TeamJoinRequest, TeamMember


def erase(user, traces) -> None:
    TeamJoinRequest.objects.filter(user=user).delete()


eraser_register(Eraser(key="prototypes", erase=erase))


def tables(user) -> dict:
    return {
        "prototypes_started": rows_of(
            Prototype.objects.filter(created_by=user),
            ["id", "arena__title", "title", "summary", "stage", "created"],
        ),
        "prototype_teams": rows_of(
            TeamMember.objects.filter(user=user), ["prototype_id", "prototype__title", "role", "joined"]
        ),
        "team_requests": rows_of(
            TeamJoinRequest.objects.filter(user=user),
            ["prototype_id", "prototype__title", "note", "status", "created"],
        ),
        "feedback": rows_of(
            Feedback.objects.filter(author=user),
            ["prototype_id", "prototype__title", "rating", "would_use", "comment"],
        ),
    }


exporter_register(Exporter(key="prototypes", tables=tables))
