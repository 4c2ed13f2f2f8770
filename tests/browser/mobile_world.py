"""One arena in full use for the phone, touch-target and console tests: a participant, a facilitator and a
convener; topics; 21 threads (two pages of the thread list), one with posts, a reply and an open flag; a
prototype the participant can give feedback on; a notification for the participant."""

from types import SimpleNamespace

from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from tests.arenas.pages_helpers import make_arena, make_people
from tests.factories import PrototypeFactory, TopicFactory

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
EXTRA_THREADS = 20  # with the one in use: more than a page (20) of the thread list


def make_world():
    people = make_people()
    arena = make_arena(people, title="Safer school routes", slug="safer-school-routes")
    arena.topics.add(TopicFactory(name="Mobility"), TopicFactory(name="Schools"))
    thread = thread_create(
        arena=arena,
        author=people.participant,
        title="Crossing at Ring Road",
        body="Where do the children cross today?",
        kind="question",
        topics=["Mobility"],
        notify_members=False,
    )
    first = post_create(thread=thread, author=people.participant, body="At the lights by the bakery.")
    reply = post_create(thread=thread, author=people.facilitator, body="How long is the wait?", parent=first)
    spam = post_create(thread=thread, author=people.convener, body="Cheap bikes at example.com")
    flag_create(post=spam, reporter=people.participant, reason="spam")
    for number in range(EXTRA_THREADS):
        thread_create(
            arena=arena,
            author=people.facilitator,
            title=f"Idea number {number}",
            kind="idea",
            notify_members=False,
        )
    prototype = PrototypeFactory(arena=arena, title="Walking bus pilot", lead=people.facilitator)
    return SimpleNamespace(
        **vars(people),
        arena=arena,
        thread=thread,
        first=first,
        reply=reply,
        prototype=prototype,
        threads_url=f"/arenas/{arena.slug}/threads/",
        thread_url=thread.get_absolute_url(),
        prototype_url=prototype.get_absolute_url(),
    )
