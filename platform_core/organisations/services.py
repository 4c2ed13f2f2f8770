from django.db import transaction

from platform_core.text import readable_slug

from .models import Organisation, OrganisationMember


@transaction.atomic
def organisation_create(
    *, name: str, admin, slug: str = "", description: str = "", website: str = ""
) -> Organisation:
    """Create an organisation with its first admin (site admins do this)."""
    organisation = Organisation(
        name=name, slug=slug or readable_slug(name, max_length=100), description=description, website=website
    )
    organisation.full_clean()
    organisation.save()
    OrganisationMember.objects.create(
        organisation=organisation, user=admin, role=OrganisationMember.Role.ADMIN
    )
    return organisation


@transaction.atomic
def organisation_member_set(*, organisation: Organisation, user, role: str) -> OrganisationMember:
    member, _created = OrganisationMember.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return member
