"""Demo stakeholder map for loneliness-among-seniors (DESIGN.md section 4): three groups, one of which
nobody has joined yet, so the outcomes page shows a missing group. safer-school-routes gets none: the
issue's walk-through has its convener declare one. Idempotent: an arena that has a map keeps it."""

from arenas.models import Arena, StakeholderType

from .models import StakeholderGroup
from .services.map import stakeholder_map_set

ARENA = "loneliness-among-seniors"
CONVENER = "convener@example.org"
GROUPS = [
    {
        "stakeholder_type": StakeholderType.RESIDENT,
        "description": "Residents over 70 who live alone, and their neighbours",
        "target": 25,
    },
    {
        "stakeholder_type": StakeholderType.CIVIL_SOCIETY,
        "description": "Volunteer visiting services and the seniors' association",
        "target": 5,
    },
    {
        "stakeholder_type": StakeholderType.PUBLIC_EMPLOYEE,
        "description": "Home-care staff and the library's outreach team",
        "target": 6,
    },
]


def seed_stakeholder_maps(*, users, organisation, reset: bool) -> None:
    if reset:
        return  # the groups go with their arena
    arena = Arena.objects.filter(slug=ARENA).first()
    convener = users.get(CONVENER)
    if arena is None or convener is None or StakeholderGroup.objects.filter(arena=arena).exists():
        return
    stakeholder_map_set(arena=arena, actor=convener, groups=GROUPS)
