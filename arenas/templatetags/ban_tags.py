"""How a ban is described to the person banned: by the role of who banned them, never the name."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def ban_role(role_key: str) -> str:
    """ "a facilitator", "a convener", ...: the role of the moderator (``role_of_actor``'s key)."""
    return {
        "convener": _("a convener"),
        "org_admin": _("an administrator of the organisation"),
        "site_admin": _("a site administrator"),
    }.get(role_key, _("a facilitator"))
