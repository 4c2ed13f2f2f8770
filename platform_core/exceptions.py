from django.core.exceptions import PermissionDenied


class RateLimited(Exception):
    """Too many of something in a window. Views answer 429 with the message and ``Retry-After``."""

    def __init__(self, message: str, retry_after: int = 60):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class Refused(PermissionDenied):
    """A policy said no. ``permission`` names what was asked; the message (``str(exc)``) says why, to the
    person refused: the API answers 403 with it, the 403 page shows it."""

    def __init__(self, permission: str, message: str):
        super().__init__(message)
        self.permission = permission
        self.message = message
