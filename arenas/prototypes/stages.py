"""The prototype's stages and the one table of moves between them.

idea → design → testing → evaluation → adopted | scaled | paused | abandoned, and back to design from
evaluation or paused for another round. Adopted, scaled and abandoned are *decisions*: only conveners
(and organisation and site admins) take them, always with a reason.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    DESIGN = "design", _("Design")
    TESTING = "testing", _("Testing")
    EVALUATION = "evaluation", _("Evaluation")
    ADOPTED = "adopted", _("Adopted")
    SCALED = "scaled", _("Scaled")
    PAUSED = "paused", _("Paused")
    ABANDONED = "abandoned", _("Abandoned")


TRANSITIONS: dict[str, set[str]] = {
    Stage.IDEA: {Stage.DESIGN},
    Stage.DESIGN: {Stage.TESTING},
    Stage.TESTING: {Stage.EVALUATION},
    Stage.EVALUATION: {Stage.DESIGN, Stage.ADOPTED, Stage.SCALED, Stage.PAUSED, Stage.ABANDONED},
    Stage.PAUSED: {Stage.DESIGN},
    Stage.ADOPTED: set(),
    Stage.SCALED: set(),
    Stage.ABANDONED: set(),
}

DECISIONS = {Stage.ADOPTED, Stage.SCALED, Stage.ABANDONED}
BOARD_ORDER = [
    Stage.IDEA,
    Stage.DESIGN,
    Stage.TESTING,
    Stage.EVALUATION,
    Stage.PAUSED,
    Stage.ADOPTED,
    Stage.SCALED,
    Stage.ABANDONED,
]


def is_allowed(from_stage: str, to_stage: str) -> bool:
    return to_stage in TRANSITIONS.get(from_stage, set())


def needs_convener(to_stage: str) -> bool:
    return to_stage in DECISIONS
