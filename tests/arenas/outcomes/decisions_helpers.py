"""People, an arena, a thread with posts and a prototype with a team and feedback, for the decisions'
tests; and who was told what."""

from arenas.deliberation.models import Post
from arenas.deliberation.services.posts import post_create
from arenas.models import Role
from arenas.prototypes.models import Feedback, TeamMember
from platform_core.notifications.models import Notification
from tests.arenas.deliberation.pages_helpers import start_thread
from tests.arenas.pages_helpers import make_arena, make_people
from tests.factories import MembershipFactory, PrototypeFactory, UserFactory

# A Danish reason with an emoji, then one in Arabic: kept exactly, shown in their own direction.
DANISH = "Vi indfører gåbussen på alle skoler 🚸\nFordi forældrene bad om det."
ARABIC = "قررنا تجربة الحافلة المشي لمدة شهر"


def world(**arena_fields):
    people = make_people()
    arena = make_arena(people, title="Safer school routes", **arena_fields)
    people.arena = arena
    people.poster = member(arena, "Pia Poster")
    people.reader = member(arena, "Rune Reader")
    people.thread = start_thread(arena, people.participant, title="Ideas for the bakery crossing")
    post_create(thread=people.thread, author=people.poster, body="A crossing guard, please.")
    post_create(thread=people.thread, author=people.poster, body="And a zebra crossing.")
    post_create(thread=people.thread, author=people.convener, body="Thank you, we look at it.")
    people.prototype = PrototypeFactory(arena=arena, lead=people.participant, title="Walking bus")
    people.teammate = member(arena, "Tove Team")
    TeamMember.objects.create(prototype=people.prototype, user=people.teammate)
    people.giver = member(arena, "Gitte Giver")
    Feedback.objects.create(prototype=people.prototype, author=people.giver, rating=4, would_use="yes")
    return people


def member(arena, name: str, role=Role.PARTICIPANT):
    user = UserFactory(display_name=name)
    MembershipFactory(arena=arena, user=user, role=role)
    return user


def told(event: str = "outcomes.decided") -> list[int]:
    """Who was told of ``event``, one id per notification (a person told twice shows twice)."""
    return sorted(Notification.objects.filter(event=event).values_list("recipient_id", flat=True))


def delete_post(post: Post) -> None:
    from django.utils import timezone

    Post.objects.filter(pk=post.pk).update(deleted_at=timezone.now())
