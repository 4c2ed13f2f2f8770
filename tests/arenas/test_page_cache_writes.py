"""Every write service is accounted for: either it makes its arena's pages afresh for signed-out visitors
(``arena_pages_changed``), shown here by the page a visitor gets before and after it, or it is listed with
why nothing a signed-out visitor reads changes. A new service that is in neither table fails
``test_every_service_is_accounted_for``: whoever adds one says which it is."""

import importlib
import inspect
import pkgutil
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

import arenas
from arenas.deliberation.services import decisions as moderation_decisions
from arenas.deliberation.services import moderation, posts, threads
from arenas.models import JoinLink, Membership, Role
from arenas.outcomes.services import decisions as outcome_decisions
from arenas.outcomes.services import map as stakeholder_map
from arenas.prototypes.services import prototypes
from arenas.services import arenas as arena_services
from arenas.services import invitations, membership
from arenas.sessions.services import minutes, registrations, sessions
from tests.arenas.deliberation.pages_helpers import start_thread
from tests.arenas.pages_helpers import html, make_arena, make_people, page_of
from tests.factories import JoinRequestFactory, PlaybookFactory, invitation_with_token

# Writes that change nothing a signed-out visitor reads, and why.
NOT_ON_VISITORS_PAGES = {
    # invitations, join requests and join links: seen by the people involved and the arena's facilitators
    **dict.fromkeys(
        [
            "invitations_create",
            "invitation_create",
            "invitation_by_token",
            "invitation_record_expiry",
            "invitation_decline",
            "invitation_revoke",
            "invitation_resend",
            "invitations_resend_many",
            "invitations_revoke_many",
            "parse_invitation_rows",
            "join_request_create",
            "join_link_create",
            "join_link_revoke",
            "group_join_link_create",
            "roles_for_form",
            "spelling_key",
            "accepted_values",
            "spellings",
            "code_for",
            "accepted_list",
            "invitation_template_rows",
        ],
        "invitations and join links are for the people involved and the facilitators",
    ),
    # one person's own settings
    **dict.fromkeys(
        ["arena_mute", "arena_is_muted_by", "thread_follow_set", "calendar_feed_of", "calendar_feed_reset"],
        "a person's own setting",
    ),
    **dict.fromkeys(["feed_token", "feed_path", "feed_by_token"], "a person's private calendar feed"),
    # telling people: notifications, not pages
    **dict.fromkeys(
        [
            "arena_notify",
            "ban_notify",
            "role_of_actor",
            "notify_mentions",
            "render_with_mentions",
            "prototype_notify",
            "prototype_group",
            "team_and_followers",
            "author_warn",
            "reminders_due",
            "reminders_send",
            "reviews_due",
            "reviews_remind",
        ],
        "tells people; no page changes",
    ),
    **dict.fromkeys(["flag_create", "flags_dismiss"], "flags are for the moderators"),
    "playbook_create_from_arena": "a playbook is the organisation's, not on the arena's pages",
    "topics_from_names": "a helper of the services that change the arena, threads and prototypes",
    "arena_export_record": "audits an export",
    "today_for": "reads",
    "contributors_of": "reads",
    "minutes_of": "reads",
    "session_of_prototype": "reads",
    "session_of_thread": "reads",
    "seats_taken": "reads",
    "waiting_position": "reads",
    # the prototype and session pages and the dashboard are not kept for visitors
    **dict.fromkeys(
        [
            "feedback_submit",
            "feedback_enter_offline",
            "indicator_create",
            "measurement_add",
            "iteration_create",
            "iteration_update",
            "iteration_set_status",
            "iteration_edit",
            "iteration_finish",
            "team_request_create",
            "team_request_decide",
            "team_member_remove",
            "team_lead_set",
            "offline_feedback_enter",
            "attendance_set",
            "walk_in_add",
            "minutes_save",
        ],
        "shows on the prototype or session page or the dashboard, which are not kept",
    ),
}


def world():
    people = make_people()
    arena = make_arena(people, title="Safer school routes")
    thread = start_thread(arena, people.participant, title="Crossing at Ring Road", kind="idea")
    post = posts.post_create(thread=thread, author=people.participant, body="The lights change too fast.")
    prototype = prototypes.prototype_create(
        arena=arena,
        creator=people.participant,
        title="Walking bus pilot",
        hypothesis="We believe that a walking bus will result in fewer cars; we will know when drop-offs fall.",
        source_threads=[thread.pk],
    )
    starts = timezone.now() + timedelta(days=2)
    session = sessions.session_create(
        arena=arena,
        actor=people.facilitator,
        announce=False,
        title="Walk the crossings",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Northbridge East School",
        capacity=1,
    )
    return SimpleNamespace(
        people=people, arena=arena, thread=thread, post=post, prototype=prototype, session=session
    )


def _member(w, user):
    return Membership.objects.get(arena=w.arena, user=user)


def _banned(w):
    membership.membership_ban(
        arena=w.arena, membership=_member(w, w.people.participant), actor=w.people.convener, reason="Spam"
    )
    return _member(w, w.people.participant)


def _hidden(w):
    return posts.post_hide(post=w.post, actor=w.people.facilitator, reason="Personal data")


def _registered(w):
    registrations.registration_create(session=w.session, user=w.people.participant)
    registrations.registration_create(session=w.session, user=w.people.convener)  # waits


# name: (page, setup (before the page is kept), action, what the fresh page shows)
WRITES = {
    # the arena
    "arena_create": (
        "directory",
        None,
        lambda w: arena_services.arena_create(
            creator=w.people.org_admin,
            organisation=w.people.organisation,
            title="Quiet streets",
            problem_statement="Traffic",
        ),
        None,
    ),
    "arena_update": (
        "arena",
        None,
        lambda w: arena_services.arena_update(
            arena=w.arena, actor=w.people.convener, title="Safe routes now"
        ),
        "Safe routes now",
    ),
    "arena_edit": (
        "directory",
        None,
        lambda w: arena_services.arena_edit(arena=w.arena, actor=w.people.convener, title="Safe routes now"),
        "Safe routes now",
    ),
    "arena_status_change": (
        "arena",
        None,
        lambda w: arena_services.arena_status_change(arena=w.arena, actor=w.people.convener, status="closed"),
        None,
    ),
    "arena_phase_advance": (
        "arena",
        None,
        lambda w: arena_services.arena_phase_advance(arena=w.arena, actor=w.people.convener),
        None,
    ),
    "arena_phase_set": (
        "arena",
        None,
        lambda w: arena_services.arena_phase_set(
            arena=w.arena, actor=w.people.convener, phase=w.arena.phases.order_by("order").last()
        ),
        None,
    ),
    "arena_phases_replace": (
        "arena",
        None,
        lambda w: arena_services.arena_phases_replace(
            arena=w.arena, actor=w.people.convener, phases=[{"name": "Listening first"}]
        ),
        "Listening first",
    ),
    # who takes part (the arena page counts them)
    "arena_join": (
        "arena",
        None,
        lambda w: membership.arena_join(arena=w.arena, user=w.people.outsider),
        None,
    ),
    "arena_leave": (
        "arena",
        None,
        lambda w: membership.arena_leave(arena=w.arena, user=w.people.participant),
        None,
    ),
    "join_request_decide": (
        "arena",
        lambda w: setattr(w, "request", JoinRequestFactory(arena=w.arena, user=w.people.outsider)),
        lambda w: membership.join_request_decide(
            join_request=w.request, actor=w.people.convener, approve=True
        ),
        None,
    ),
    "membership_change_role": (
        "arena",
        None,
        lambda w: membership.membership_change_role(
            arena=w.arena,
            membership=_member(w, w.people.participant),
            actor=w.people.convener,
            role=Role.OBSERVER,
            stakeholder_type="business",
        ),
        None,
    ),
    "membership_add": (
        "arena",
        None,
        lambda w: membership.membership_add(arena=w.arena, user=w.people.outsider, actor=w.people.convener),
        None,
    ),
    "membership_remove": (
        "arena",
        None,
        lambda w: membership.membership_remove(
            arena=w.arena, membership=_member(w, w.people.participant), actor=w.people.convener
        ),
        None,
    ),
    "membership_ban": ("arena", None, _banned, None),
    "membership_unban": (
        "arena",
        lambda w: setattr(w, "banned", _banned(w)),
        lambda w: membership.membership_unban(arena=w.arena, membership=w.banned, actor=w.people.convener),
        None,
    ),
    "join_link_use": (
        "arena",
        lambda w: setattr(w, "link", JoinLink.objects.create(arena=w.arena, role=Role.PARTICIPANT)),
        lambda w: membership.join_link_use(token=w.link.token, user=w.people.outsider),
        None,
    ),
    "invitation_accept": (
        "arena",
        lambda w: setattr(
            w,
            "token",
            invitation_with_token(arena=w.arena, email=w.people.outsider.email, invited_by=w.people.convener)[
                1
            ],
        ),
        lambda w: invitations.invitation_accept(token=w.token, user=w.people.outsider),
        None,
    ),
    # deliberation
    "thread_create": (
        "arena",
        None,
        lambda w: start_thread(w.arena, w.people.participant, title="Bicycle lane on Mill Street"),
        "Bicycle lane on Mill Street",
    ),
    "threads_create_from_playbook": (
        "threads",
        None,
        lambda w: threads.threads_create_from_playbook(
            arena=w.arena,
            author=w.people.convener,
            playbook=PlaybookFactory(starter_threads=[{"title": "What worries you most?"}]),
        ),
        "What worries you most?",
    ),
    "thread_update": (
        "thread",
        None,
        lambda w: threads.thread_update(
            thread=w.thread, actor=w.people.participant, title="Crossing at Mill Road"
        ),
        "Crossing at Mill Road",
    ),
    "thread_edit": (
        "thread",
        None,
        lambda w: threads.thread_edit(
            thread=w.thread, actor=w.people.facilitator, summary="Two crossings agreed."
        ),
        "Two crossings agreed.",
    ),
    "thread_moderate": (
        "thread",
        None,
        lambda w: threads.thread_moderate(thread=w.thread, actor=w.people.facilitator, locked=True),
        None,
    ),
    "thread_summary_set": (
        "thread",
        None,
        lambda w: threads.thread_summary_set(
            thread=w.thread, actor=w.people.facilitator, body="Two crossings."
        ),
        "Two crossings.",
    ),
    "post_create": (
        "thread",
        None,
        lambda w: posts.post_create(thread=w.thread, author=w.people.facilitator, body="We will count cars."),
        "We will count cars.",
    ),
    "post_edit": (
        "thread",
        None,
        lambda w: posts.post_edit(post=w.post, actor=w.people.participant, body="The lights are too quick."),
        "The lights are too quick.",
    ),
    "post_delete": (
        "thread",
        None,
        lambda w: posts.post_delete(post=w.post, actor=w.people.participant),
        None,
    ),
    "post_hide": ("thread", None, _hidden, None),
    "post_unhide": (
        "thread",
        _hidden,
        lambda w: posts.post_unhide(post=w.post, actor=w.people.facilitator),
        "The lights change too fast.",
    ),
    "endorsement_toggle": (
        "thread",
        None,
        lambda w: posts.endorsement_toggle(post=w.post, user=w.people.facilitator),
        None,
    ),
    "author_ban": (
        "arena",
        None,
        lambda w: moderation.author_ban(post=w.post, actor=w.people.convener, reason="Spam"),
        None,
    ),
    "moderation_decide": (
        "thread",
        None,
        lambda w: moderation_decisions.moderation_decide(
            post=w.post, actor=w.people.facilitator, hide=True, reason="Personal data"
        ),
        None,
    ),
    # prototypes: the threads they came from show them
    "prototype_create": (
        "thread",
        None,
        lambda w: prototypes.prototype_create(
            arena=w.arena,
            creator=w.people.participant,
            title="Crossing guards",
            hypothesis="We believe that guards will result in safer crossings; we will know when.",
            source_threads=[w.thread.pk],
        ),
        "Crossing guards",
    ),
    "prototype_update": (
        "thread",
        None,
        lambda w: prototypes.prototype_update(
            prototype=w.prototype, actor=w.people.participant, title="School streets trial"
        ),
        "School streets trial",
    ),
    "prototype_edit": (
        "thread",
        None,
        lambda w: prototypes.prototype_edit(
            prototype=w.prototype, actor=w.people.participant, title="School streets trial"
        ),
        "School streets trial",
    ),
    "prototype_link_sources": (
        "thread",
        lambda w: setattr(
            w, "other", start_thread(w.arena, w.people.participant, title="Parking at the gate")
        ),
        lambda w: prototypes.prototype_link_sources(
            prototype=w.prototype, actor=w.people.participant, thread_ids=[w.other.pk]
        ),
        None,
    ),
    "prototype_transition": (
        "thread",
        None,
        lambda w: prototypes.prototype_transition(
            prototype=w.prototype, actor=w.people.participant, to_stage="design"
        ),
        None,
    ),
    # sessions: the arena page lists the next ones, with their seats
    "session_create": (
        "arena",
        None,
        lambda w: sessions.session_create(
            arena=w.arena,
            actor=w.people.facilitator,
            announce=False,
            title="Count the cars",
            starts_at=w.session.starts_at,
            ends_at=w.session.ends_at,
            place="Mill Street",
        ),
        "Count the cars",
    ),
    "session_update": (
        "arena",
        None,
        lambda w: sessions.session_update(
            session=w.session, actor=w.people.facilitator, title="Walk it again"
        ),
        "Walk it again",
    ),
    "session_edit": (
        "arena",
        None,
        lambda w: sessions.session_edit(session=w.session, actor=w.people.facilitator, title="Walk it again"),
        "Walk it again",
    ),
    "session_cancel": (
        "arena",
        None,
        lambda w: sessions.session_cancel(session=w.session, actor=w.people.facilitator),
        "Cancelled",
    ),
    "session_mark_held": (
        "arena",
        lambda w: sessions.Session.objects.filter(pk=w.session.pk).update(
            starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
        ),
        lambda w: sessions.session_mark_held(session=w.session, actor=w.people.facilitator),
        None,
    ),
    "registration_create": (
        "arena",
        None,
        lambda w: registrations.registration_create(session=w.session, user=w.people.participant),
        "Full",
    ),
    "registration_cancel": (
        "arena",
        _registered,
        lambda w: registrations.registration_cancel(session=w.session, user=w.people.participant),
        None,
    ),
    "waiting_promote": (
        "arena",
        lambda w: (
            _registered(w),
            sessions.Session.objects.filter(pk=w.session.pk).update(capacity=2),
        ),
        lambda w: registrations.waiting_promote(session=sessions.Session.objects.get(pk=w.session.pk)),
        None,
    ),
    "thread_from_minutes": (
        "arena",
        None,
        lambda w: minutes.thread_from_minutes(
            session=w.session, actor=w.people.facilitator, title="Ask the school"
        ),
        "Ask the school",
    ),
    "prototype_from_minutes": (
        "arena",
        None,
        lambda w: minutes.prototype_from_minutes(
            session=w.session,
            actor=w.people.facilitator,
            title="Painted crossing",
            hypothesis="We believe that paint will result in slower cars; we will know when.",
        ),
        None,
    ),
    # outcomes
    "decision_create": (
        "thread",
        None,
        lambda w: outcome_decisions.decision_create(
            arena=w.arena,
            actor=w.people.convener,
            subject=w.thread,
            outcome="adopted",
            reason="Agreed by all.",
        ),
        "Agreed by all.",
    ),
    "stakeholder_map_set": (
        "arena",
        None,
        lambda w: stakeholder_map.stakeholder_map_set(
            arena=w.arena,
            actor=w.people.convener,
            groups=[
                {"stakeholder_type": "resident", "description": "Parents at Northbridge East", "target": 5}
            ],
        ),
        None,
    ),
}


def _services():
    """Every public function defined in a module of a ``services`` package under ``arenas``."""
    found = {}
    for info in pkgutil.walk_packages(arenas.__path__, "arenas."):
        if ".services." not in info.name and not info.name.endswith(".services"):
            continue
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found[name] = module.__name__
    return found


def test_every_service_is_accounted_for():
    services = _services()
    assert len(services) > 80
    unlisted = sorted(set(services) - set(WRITES) - set(NOT_ON_VISITORS_PAGES))
    assert not unlisted, f"Say whether these change a signed-out visitor's pages: {unlisted}"
    assert not set(WRITES) & set(NOT_ON_VISITORS_PAGES)
    assert not (set(WRITES) | set(NOT_ON_VISITORS_PAGES)) - set(services), "a listed service is gone"


def _url(w, page):
    return {
        "arena": page_of(w.arena),
        "thread": w.thread.get_absolute_url(),
        "threads": f"{page_of(w.arena)}threads/",
        "directory": "/arenas/",
    }[page]


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.ARENA_PAGE_CACHE_SECONDS = 300


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_write_makes_the_visitors_page_afresh(name, client, db, django_capture_on_commit_callbacks):
    page, setup, action, shows = WRITES[name]
    with django_capture_on_commit_callbacks(execute=True):
        w = world()
        if setup:
            setup(w)
    url = _url(w, page)
    assert client.get(url)["X-Page-Cache"] == "miss"
    before = client.get(url)
    assert before["X-Page-Cache"] == "hit"
    if shows:
        assert shows not in html(before)

    with django_capture_on_commit_callbacks(execute=True):
        action(w)

    after = client.get(url)
    assert after.status_code == 200
    assert after["X-Page-Cache"] == "miss", f"{name} left the visitors' {page} page as it was"
    if shows:
        assert shows in html(after)


def test_nothing_is_bumped_by_a_write_listed_as_not_shown(client, db, django_capture_on_commit_callbacks):
    """The other side of the table, for one of them: following a thread keeps the cached page."""
    with django_capture_on_commit_callbacks(execute=True):
        w = world()
    url = w.thread.get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        threads.thread_follow_set(thread=w.thread, user=w.people.facilitator, state="muted")
    assert client.get(url)["X-Page-Cache"] == "hit"
