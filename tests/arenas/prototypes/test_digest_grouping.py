"""In a digest, what happened to a prototype stands under the prototype: its feedback together, busiest
first, each item saying who did what."""

import pytest
from django.core.management import call_command

from arenas.models import Arena, Role
from arenas.prototypes.services.evidence import feedback_submit
from tests.arenas.members_helpers import deliver_emails
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_feedback_on_a_prototype_is_grouped_under_it(mailoutbox):
    arena = ArenaFactory(title="Safer school routes", status=Arena.Status.OPEN)
    lead = MembershipFactory(arena=arena, role=Role.PARTICIPANT, user=UserFactory(time_zone="UTC")).user
    busy = PrototypeFactory(arena=arena, title="Walking bus", lead=lead)
    quiet = PrototypeFactory(arena=arena, title="Painted crossing", lead=lead)
    for name in ("Anna", "Bo"):
        person = MembershipFactory(arena=arena, user=UserFactory(display_name=name)).user
        feedback_submit(prototype=busy, author=person, rating=4, would_use="yes")
    feedback_submit(prototype=quiet, author=MembershipFactory(arena=arena).user, rating=3, would_use="unsure")

    call_command("send_digests", "--now", "--user", lead.email)

    text = deliver_emails(mailoutbox)[-1].body
    assert "* Walking bus (2)\n  - Bo gave feedback on your prototype <" in text
    assert "  - Anna gave feedback on your prototype <" in text
    assert text.index("* Walking bus (2)") < text.index("* Painted crossing")
