"""Demo deliberation (DESIGN.md section 4), added to ``seed_demo`` after the demo arenas: threads of every
kind, one long thread (60+ posts) with replies, endorsements, mentions, a summary and an open flag."""

from arenas.models import Arena
from platform_core.accounts.models import User

from .models import Thread
from .services.moderation import flag_create
from .services.posts import endorsement_toggle, post_create
from .services.threads import thread_create, thread_moderate, thread_summary_set

LONG_THREAD = "Where should the new crossing on Ring Road go?"

THREADS = {
    "safer-school-routes": [
        (
            "citizen@example.org",
            "idea",
            "A walking bus from the sports hall",
            "Parents take turns walking a group of children to school along a fixed route, with stops where "
            "others join.",
        ),
        (
            "amira@example.org",
            "question",
            "Is the cycle path by the canal lit in winter?",
            "My daughter cycles at 7:45 and it is pitch dark in December.",
        ),
        (
            "facilitator@example.org",
            "decision",
            "Which two prototypes do we test first?",
            "We agreed to test at most two prototypes this spring. This thread records the decision.",
        ),
    ],
    "loneliness-among-seniors": [
        (
            "amira@example.org",
            "discussion",
            "What makes a visit feel like an inspection?",
            "Several of you said the visits feel like checks. What exactly makes them feel that way?",
        ),
        (
            "citizen@example.org",
            "idea",
            "Lunch clubs in the school canteens",
            "The canteens are empty after 13:00. Seniors and pupils could eat together once a week.",
        ),
    ],
    "youth-employment-taskforce": [
        (
            "facilitator@example.org",
            "discussion",
            "What do employers need to hear from us?",
            "Before we draft the proposal: what would make a local employer take on an apprentice?",
        ),
    ],
}

VOICES = [
    "The crossing by the bakery is where most children cross already.",
    "Cars come round the bend too fast there; a crossing further north is safer.",
    "I counted 140 children between 7:30 and 8:00 on Tuesday.",
    "Could we try a temporary crossing with paint and cones first?",
    "The bus stop would have to move if the crossing goes by the bakery.",
    "My son uses the underpass, but it floods after rain.",
    "Lights with a push button work better than a zebra crossing on a road this busy.",
    "Let us ask the school council what the children think.",
    "The shopkeepers worry about losing parking spaces.",
    "A raised crossing slows everyone down, not only at school time.",
]


def seed_threads(*, users, organisation, reset: bool) -> None:
    if reset:
        return  # the threads go with their arenas
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    for slug, threads in THREADS.items():
        arena = Arena.objects.filter(slug=slug).first()
        if arena is None or Thread.objects.filter(arena=arena, title__in=[t[2] for t in threads]).exists():
            continue
        for author, kind, title, body in threads:
            thread = thread_create(arena=arena, author=people[author], title=title, body=body, kind=kind)
            post_create(
                thread=thread,
                author=people["facilitator@example.org"],
                body="Thank you for starting this. @cecilie, what do you think?",
            )
    arena = Arena.objects.filter(slug="safer-school-routes").first()
    if arena is not None and not Thread.objects.filter(arena=arena, title=LONG_THREAD).exists():
        _long_thread(arena, people)


def _long_thread(arena: Arena, people: dict) -> None:
    voices = [
        people[e]
        for e in (
            "citizen@example.org",
            "amira@example.org",
            "bent@example.org",
            "chen@example.org",
            "dorte@example.org",
            "facilitator@example.org",
        )
    ]
    facilitator = people["facilitator@example.org"]
    thread = thread_create(
        arena=arena,
        author=people["citizen@example.org"],
        title=LONG_THREAD,
        kind="discussion",
        body="The municipality has money for **one** new crossing this year. Where should it go?",
    )
    posts = []
    stances = ["supports", "concerns", "question", ""]
    for n in range(64):
        author = voices[n % len(voices)]
        parent = posts[n - 3] if n % 7 == 6 and n >= 3 else None
        body = VOICES[n % len(VOICES)]
        if n % 13 == 5:
            body += " @frederik, can we get traffic counts?"
        posts.append(
            post_create(thread=thread, author=author, body=body, stance=stances[n % 4], parent=parent)
        )
    for n, post in enumerate(posts[:20]):
        for fan in voices[: (n % 4) + 1]:
            if fan.pk != post.author_id:
                endorsement_toggle(post=post, user=fan)
    thread_summary_set(
        thread=thread,
        actor=facilitator,
        body=(
            "**Where we stand:** most favour a crossing by the bakery, with lights. **Open questions:** the bus "
            "stop, parking. **Next step:** a painted trial crossing for two weeks in March."
        ),
    )
    thread_moderate(thread=thread, actor=facilitator, pinned=True)
    flag_create(
        post=posts[8],
        reporter=people["dorte@example.org"],
        reason="off_topic",
        note="This is about parking, not the crossing.",
    )
