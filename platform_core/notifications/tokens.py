"""Signed unsubscribe links that work without signing in."""

from django.core import signing

SALT = "cocreate.notifications.unsubscribe"
DIGEST = "digest"


def unsubscribe_token_make(*, user_id: int, category: str | None) -> str:
    return signing.dumps({"u": user_id, "c": category or DIGEST}, salt=SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[int, str | None]:
    """Returns (user id, category or None for the digest); raises ``signing.BadSignature`` when tampered."""
    payload = signing.loads(token, salt=SALT)
    try:
        user_id, category = int(payload["u"]), str(payload["c"])
    except (KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("malformed unsubscribe token") from exc
    return user_id, None if category == DIGEST else category
