"""What arenas tell people (DESIGN: notifications). Registered from ArenasConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from platform_core.notifications.registry import Category, EmailMode, EventType, registry

INVITATIONS = registry.category_register(
    Category("invitations", _("Invitations to arenas"), default=EmailMode.IMMEDIATELY)
)
MEMBERSHIP = registry.category_register(
    Category(
        "arena_membership", _("Your membership: requests answered, role changes"), default=EmailMode.DIGEST
    )
)
REQUESTS = registry.category_register(
    Category(
        "arena_requests",
        _("Requests waiting for you (facilitators and conveners)"),
        default=EmailMode.DIGEST,
    )
)
BANS = registry.category_register(
    Category(
        "arena_bans",
        _("Bans from an arena"),
        default=EmailMode.IMMEDIATELY,
        can_turn_off=False,
        help_text=_("Why you were banned and how to ask for a review. Always emailed."),
    )
)
UPDATES = registry.category_register(
    Category("arena_updates", _("Arena news: phases, closing"), default=EmailMode.DIGEST)
)

for key, category, verb in [
    ("arenas.invitation_received", INVITATIONS, _("invited you to an arena")),
    ("arenas.join_request_received", REQUESTS, _("asked to join")),
    ("arenas.join_request_approved", MEMBERSHIP, _("approved your request to join")),
    ("arenas.join_request_declined", MEMBERSHIP, _("declined your request to join")),
    ("arenas.role_changed", MEMBERSHIP, _("changed your role")),
    ("arenas.phase_changed", UPDATES, _("moved the arena to a new phase")),
    ("arenas.arena_closed", UPDATES, _("closed the arena")),
]:
    registry.event_register(EventType(key, category.key, verb))

registry.event_register(
    EventType(
        "arenas.banned",
        BANS.key,
        _("You were banned from this arena"),
        subject_template="arenas/email/banned_subject.txt",
        text_template="arenas/email/banned.txt",
        html_template="arenas/email/banned.html",
    )
)
