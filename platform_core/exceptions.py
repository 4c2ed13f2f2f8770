class RateLimited(Exception):
    """Too many of something in a window. Views answer 429 with the message and ``Retry-After``."""

    def __init__(self, message: str, retry_after: int = 60):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
