"""Writes to arenas: keyword-only, atomic, checking the policy, recording notifications and audit entries
in the same transaction. Views, API and admin call these and nothing else to change state."""

from platform_core.exceptions import RateLimited

__all__ = ["RateLimited"]
