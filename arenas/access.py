"""The viewer's standing in an arena, loaded once per request and cached on the objects involved.

Everything the policy needs comes from two small lookups: the viewer's membership in this arena and the
viewer's roles in organisations (one query for all of them). Selectors prefetch the membership, so a
page that checks ten permissions runs no extra query.
"""

from platform_core.organisations.models import OrganisationMember

from .models import Membership, Standing


def _cache(obj, name):
    return obj.__dict__.setdefault(name, {})


def membership_of(user, arena) -> Membership | None:
    if not getattr(user, "is_authenticated", False) or arena.pk is None:
        return None
    cache = _cache(arena, "_memberships_by_user")
    if user.pk not in cache:
        cache[user.pk] = Membership.objects.filter(arena=arena, user=user).first()
    return cache[user.pk]


def remember_membership(arena, user, membership: Membership | None) -> None:
    """Selectors that already fetched the viewer's membership put it here."""
    if getattr(user, "is_authenticated", False):
        _cache(arena, "_memberships_by_user")[user.pk] = membership


def org_roles(user) -> dict[int, str]:
    """{organisation id: role} for the user, one query per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    if "_org_roles" not in user.__dict__:
        user.__dict__["_org_roles"] = dict(
            OrganisationMember.objects.filter(user=user).values_list("organisation_id", "role")
        )
    return user.__dict__["_org_roles"]


def org_roles_remember(users) -> None:
    """``org_roles`` for many users in one query (a batch of digests), kept on each user object."""
    wanted = {user.pk: user for user in users if "_org_roles" not in user.__dict__}
    if not wanted:
        return
    roles: dict[int, dict[int, str]] = {pk: {} for pk in wanted}
    for user_id, organisation_id, role in OrganisationMember.objects.filter(
        user__in=list(wanted)
    ).values_list("user_id", "organisation_id", "role"):
        roles[user_id][organisation_id] = role
    for pk, user in wanted.items():
        user.__dict__["_org_roles"] = roles[pk]


def is_site_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def is_org_admin(user, organisation_id: int) -> bool:
    return org_roles(user).get(organisation_id) == OrganisationMember.Role.ADMIN


def is_org_staff(user, organisation_id: int) -> bool:
    return organisation_id in org_roles(user)


def standing(user, arena) -> Standing:
    """How much the viewer may do here (``Standing``): site admins and the organisation's admins above
    every member; a member by their role; ``BANNED`` below anyone without a role (``NONE``)."""
    if not getattr(user, "is_authenticated", False):
        return Standing.NONE
    if is_site_admin(user):
        return Standing.SITE_ADMIN
    if is_org_admin(user, arena.organisation_id):
        return Standing.ORG_ADMIN
    membership = membership_of(user, arena)
    if membership is None:
        return Standing.NONE
    return membership.standing
