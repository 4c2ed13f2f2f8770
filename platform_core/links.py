"""Where every email's links point: one function for the whole platform.

An explicit ``SITE_URL`` (set in production's environment, or by a test server) wins. Without it the
address is the Sites framework's domain, which ``make run`` records at start-up from the host and port it
serves on (``manage.py site_address_record``): a command run by hand in another terminal — ``send_digests``
— then links to the server that is actually running, not to a default port.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

DEV_ADDRESS = "127.0.0.1:8000"
HOST = re.compile(r"(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?")


def site_url() -> str:
    """The platform's address, without a trailing slash (``https://cocreate.example.org``)."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    try:
        domain = Site.objects.get_current().domain  # cached per process after the first call
    except Site.DoesNotExist:
        domain = DEV_ADDRESS
    return f"{settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL}://{domain or DEV_ADDRESS}"


def absolute(path: str) -> str:
    """A path on the platform as a link an email can carry (full URLs are left as they are)."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_url()}{path}"


def _host_and_port(address: str) -> str:
    address = address.strip()
    parts = urlsplit(address if "//" in address else f"//{address}")
    try:
        parts.port  # noqa: B018 — raises on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or not HOST.fullmatch(parts.netloc) or parts.path not in ("", "/") or parts.query:
        raise ValidationError(
            _("“%(address)s” is not a host and port such as 127.0.0.1:8000.") % {"address": address}
        )
    return parts.netloc


@transaction.atomic
def site_address_record(*, address: str) -> Site:
    """Record the address the server serves on (``127.0.0.1:8401`` or ``http://127.0.0.1:8401``) as the
    site's domain, and the platform's name as the site's name (allauth's emails use both)."""
    domain = _host_and_port(address)
    site, _created = Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )
    Site.objects.clear_cache()
    return site
