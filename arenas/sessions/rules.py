"""The sessions' part of the one policy (DESIGN.md section 3): announcing and running sessions is for
the arena's facilitators and up; registering for its members (observers too) while registration is
open; access needs, attendance and the online link (for those who did not register) stay with
facilitators. The arena's visibility, writability and bans apply on top (``on_arena``)."""

import rules
from django.utils.translation import gettext_lazy

from arenas.policy import on_arena, permission_register

from .models import Registration


@rules.predicate
def registration_is_open(user, session):
    return session.registration_open()


@rules.predicate
def is_registered(user, session):
    """Holds a seat (the waiting list does not count). Reads ``session.mine`` when a selector set it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if "mine" not in session.__dict__:
        session.__dict__["mine"] = session.registrations.filter(user=user).first()
    mine = session.__dict__["mine"]
    return mine is not None and mine.status == Registration.Status.REGISTERED


READS_MODERATED = on_arena("arenas.read_moderated")  # facilitators and up, also in a closed arena
RUNS_SESSIONS = gettext_lazy("Only the arena's facilitators and conveners announce and run its sessions.")


def _runs(arena_of=None):
    """Facilitators and up of a writable arena they are not banned from (``arenas.moderate``), refused
    with the sessions' own sentence when it is the role that is missing."""
    arena_of = arena_of or (lambda session: session.arena)
    return (
        on_arena("arenas.act", arena_of),
        (on_arena("arenas.moderate", arena_of).predicate, RUNS_SESSIONS),
    )


permission_register("sessions.add_session", *_runs(lambda arena: arena))
permission_register("sessions.view_session", on_arena("arenas.view_arena"))
permission_register("sessions.change_session", *_runs())
permission_register(
    "sessions.register",
    on_arena("arenas.act"),  # sees the arena, signed in, arena writable, not banned
    (
        on_arena("arenas.view_members").predicate,
        gettext_lazy("Only the arena's members register for its sessions: join the arena first."),
    ),
    (registration_is_open, gettext_lazy("Registration for this session is closed.")),
)
# Reading them is not writing: facilitators still read access needs once the arena is closed.
permission_register(
    "sessions.see_access_needs", on_arena("arenas.view_arena"), (READS_MODERATED.predicate, RUNS_SESSIONS)
)
permission_register("sessions.take_attendance", *_runs())
permission_register(
    "sessions.see_online_link",
    on_arena("arenas.view_arena"),
    (
        is_registered | READS_MODERATED.predicate,
        gettext_lazy("The online link is for the people who registered."),
    ),
)
