"""factory_boy factories, one per model, with realistic data."""

import factory
from allauth.account.models import EmailAddress

from platform_core.accounts.models import User
from platform_core.organisations.models import Organisation, OrganisationMember

PASSWORD = "a-Strong-passw0rd"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    handle = factory.Sequence(lambda n: f"person{n}")
    display_name = factory.Faker("name")
    language = "en"
    time_zone = "Europe/Copenhagen"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def consented(obj, create, extracted, **kwargs):
        """Signed up like everyone: accepted the terms in effect (``consented=False`` for one who did not)."""
        if create and extracted is not False:
            from platform_core.legal.services import consent_record

            consent_record(user=obj, how="sign_up")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """An account whose email is confirmed (``verified=False`` for one that is not)."""
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=True if extracted is None else extracted
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Municipality {n}")
    slug = factory.Sequence(lambda n: f"municipality-{n}")
    description = "A municipality that co-creates its services with residents."
    website = "https://municipality.example.org"


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganisationMember.Role.STAFF


# --- arenas ------------------------------------------------------------------------------------------------
from django.utils import timezone  # noqa: E402

from arenas.models import (  # noqa: E402
    Arena,
    Invitation,
    JoinLink,
    JoinRequest,
    Membership,
    Phase,
    Playbook,
    Role,
    StakeholderType,
    Topic,
)
from arenas.models.membership import token_hash  # noqa: E402


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Iterator(["Mobility", "Schools", "Health", "Housing", "Climate"])
    slug = factory.LazyAttribute(lambda o: o.name.lower())


class ArenaFactory(factory.django.DjangoModelFactory):
    """An open, public arena with one phase (current). Pass ``status``/``visibility`` to vary it."""

    class Meta:
        model = Arena
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Safer school routes {n}")
    slug = factory.Sequence(lambda n: f"safer-school-routes-{n}")
    problem_statement = "Children walk to school along busy roads without safe crossings."
    problem_statement_html = "<p>Children walk to school along busy roads without safe crossings.</p>"
    goals = "Fewer cars at the school gate."
    goals_html = "<p>Fewer cars at the school gate.</p>"
    scope = "Northbridge east"
    visibility = Arena.Visibility.PUBLIC
    status = Arena.Status.OPEN

    @factory.post_generation
    def phase(obj, create, extracted, **kwargs):
        if create:
            phase = Phase.objects.create(arena=obj, order=0, name="Framing the problem")
            obj.current_phase = phase
            obj.save(update_fields=["current_phase"])


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    arena = factory.SubFactory(ArenaFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Iterator(["Ideation", "Prototyping", "Testing", "Scaling & learning"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    arena = factory.SubFactory(ArenaFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.PARTICIPANT
    stakeholder_type = StakeholderType.RESIDENT


class InvitationFactory(factory.django.DjangoModelFactory):
    """Only the token's hash is stored; use ``invitation_with_token`` when the test needs the link."""

    class Meta:
        model = Invitation
        exclude = ["token"]

    arena = factory.SubFactory(ArenaFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.PARTICIPANT
    stakeholder_type = StakeholderType.RESIDENT
    token = factory.Sequence(lambda n: f"invitation-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: token_hash(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + Invitation.VALID_FOR)
    last_sent_at = factory.LazyFunction(timezone.now)
    sent_count = 1


class JoinLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinLink

    arena = factory.SubFactory(ArenaFactory)
    role = Role.PARTICIPANT


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    arena = factory.SubFactory(ArenaFactory)
    user = factory.SubFactory(UserFactory)
    note = "I live on the school route and walk my kids every day."


class PlaybookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Playbook

    name = factory.Sequence(lambda n: f"Playbook {n}")
    slug = factory.Sequence(lambda n: f"playbook-{n}")
    phases = factory.LazyFunction(
        lambda: [{"name": "Framing the problem", "days": 7}, {"name": "Ideation", "days": 7}]
    )


def invitation_with_token(**kwargs) -> tuple[Invitation, str]:
    """An invitation and the plain token of its link (only the hash is stored)."""
    token = kwargs.pop("token", None) or f"token-{timezone.now().timestamp()}-{Invitation.objects.count()}"
    invitation = InvitationFactory(token_hash=token_hash(token), **kwargs)
    return invitation, token


# --- prototypes -----------------------------------------------------------------------------------------------
from arenas.prototypes.models import Prototype, TeamMember  # noqa: E402


class PrototypeFactory(factory.django.DjangoModelFactory):
    """A prototype with a lead (``lead``; a participant of the arena unless given)."""

    class Meta:
        model = Prototype
        skip_postgeneration_save = True

    arena = factory.SubFactory(ArenaFactory)
    title = factory.Sequence(lambda n: f"Walking bus pilot {n}")
    summary = "Parents take turns walking children to school along a fixed route."
    hypothesis = (
        "We believe that a walking bus will result in fewer cars at the gate for families within 1 km; "
        "we will know when drop-offs by car fall by a third."
    )

    @factory.post_generation
    def lead(obj, create, extracted, **kwargs):
        if create:
            user = extracted or MembershipFactory(arena=obj.arena).user
            TeamMember.objects.create(prototype=obj, user=user, role=TeamMember.Role.LEAD)
