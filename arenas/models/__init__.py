from .arena import Arena, Phase, Topic
from .membership import Invitation, JoinLink, JoinRequest, Membership, Role, StakeholderType, Standing
from .playbook import Playbook

__all__ = [
    "Arena",
    "Invitation",
    "JoinLink",
    "JoinRequest",
    "Membership",
    "Phase",
    "Playbook",
    "Role",
    "StakeholderType",
    "Standing",
    "Topic",
]
