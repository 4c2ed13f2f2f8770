"""Fixtures of the outcomes tests: the stakeholder map's (``map_helpers``)."""

from .map_helpers import arena, convener, facilitator, mapped, participant  # noqa: F401
