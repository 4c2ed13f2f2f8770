"""The session page (/arenas/<slug>/sessions/<id>/) as one context: what it shows and the forms the viewer
may use. Each action posts to its own URL; when the service refuses the input, the page is shown again
with that form bound and its errors next to the fields."""

from django.shortcuts import render
from django.utils import timezone

from arenas.models import StakeholderType
from arenas.policy import can, refusal

from ..forms import (
    AttendanceForm,
    MinutesForm,
    OfflineFeedbackForm,
    PrototypeFromMinutesForm,
    RegisterForm,
    ThreadFromMinutesForm,
    WalkInForm,
)
from ..models import Registration, Session
from ..selectors import minutes_count, outcomes_of, session_page
from ..services.minutes import minutes_of
from ..services.registrations import waiting_position

TEMPLATE = "sessions/detail.html"


def with_seats(sessions):
    """Each session's free seats (``seats_left``; None without a limit) for the status line."""
    for session in sessions:
        session.seats_left = None if session.capacity is None else max(session.capacity - session.seated, 0)
    return sessions


def _mix(rows) -> list[dict]:
    return [{"label": StakeholderType(row["stakeholder_type"]).label, "count": row["count"]} for row in rows]


def _attendance_people(registrations, attendance) -> list[tuple[int, str]]:
    """Whom the attendance form lists: the registered and waiting, then members ticked as present who
    did not register."""
    people = {r.user_id: r.user.name for r in registrations}
    for row in attendance:
        if row.user_id and row.user_id not in people:
            people[row.user_id] = row.user.name
    return list(people.items())


def detail_context(request, session: Session, **forms) -> dict:
    """``forms`` replaces a form by a bound one with errors: ``register_form``, ``attendance_form``,
    ``walk_in_form``, ``minutes_form``, ``thread_form``."""
    viewer = request.user
    facilitates = can(viewer, "sessions.see_access_needs", session)
    page = session_page(session=session, viewer=viewer, with_registrations=facilitates)
    with_seats([session])
    mine = session.__dict__["mine"]
    if mine is not None and mine.status == Registration.Status.CANCELLED:
        mine = None
    may_register = mine is None and can(viewer, "sessions.register", session)
    register_refusal = ""
    if mine is None and not may_register and viewer.is_authenticated and session.registration_open():
        register_refusal = refusal(viewer, "sessions.register", session)
    now = timezone.now()
    planned = session.status == Session.Status.PLANNED
    may_change = can(viewer, "sessions.change_session", session)
    may_attend = can(viewer, "sessions.take_attendance", session)
    minutes = minutes_of(session)
    revisions = minutes_count(session=session) if minutes else 0

    attendance_form = forms.get("attendance_form")
    if may_attend:
        people = _attendance_people(page["registrations"], page["attendance"])
        if attendance_form is None:
            present = [str(row.user_id) for row in page["attendance"] if row.user_id]
            attendance_form = AttendanceForm(
                people=people, initial={"present": present}, auto_id="attendance-%s"
            )
        else:
            attendance_form.show_people(people)
    minutes_form = forms.get("minutes_form")
    if minutes_form is None and may_change:
        minutes_form = MinutesForm(initial={"minutes": minutes.body if minutes else ""}, auto_id="minutes-%s")
    thread_form = forms.get("thread_form")
    if thread_form is None and may_change and minutes:
        thread_form = ThreadFromMinutesForm(auto_id="thread-%s")
    prototype_form = forms.get("prototype_form")
    if prototype_form is None and may_change and minutes and can(viewer, "arenas.contribute", session.arena):
        prototype_form = PrototypeFromMinutesForm(auto_id="prototype-%s")
    offline_form, offline_count = forms.get("offline_form"), 0
    round_ = session.iteration
    if round_ is not None:
        round_.prototype.arena = session.arena  # the policy asks the arena it already has
    if round_ is not None and can(viewer, "prototypes.enter_offline_feedback", round_.prototype):
        offline_form = offline_form or OfflineFeedbackForm(auto_id="offline-%s")
        offline_count = round_.feedback.filter(entered_offline=True).count()

    return {
        "arena": session.arena,
        "session": session,
        "mine": mine,
        "position": waiting_position(mine) if mine else None,
        "may_see_link": can(viewer, "sessions.see_online_link", session),
        "may_register": may_register,
        "register_refusal": register_refusal,
        "register_form": forms.get("register_form") or RegisterForm(auto_id="register-%s"),
        "may_unregister": mine is not None and planned and session.starts_at > now,
        "facilitates": facilitates,
        "registrations": page["registrations"],
        "attendance": page["attendance"],
        "walk_ins": [row for row in page["attendance"] if not row.user_id],
        "mix": _mix(page["mix"]),
        "attendee_count": len(page["attendance"]),
        "may_attend": may_attend,
        "attendance_form": attendance_form,
        "walk_in_form": forms.get("walk_in_form")
        or (WalkInForm(auto_id="walk-in-%s") if may_attend else None),
        "may_change": may_change,
        "may_cancel": may_change and planned,
        "may_mark_held": may_change and planned and session.starts_at <= now,
        "minutes": minutes,
        "earlier_versions": max(revisions - 1, 0),
        "minutes_form": minutes_form,
        "minutes_open": "minutes_form" in forms,
        "thread_form": thread_form,
        "thread_open": "thread_form" in forms,
        "prototype_form": prototype_form,
        "prototype_open": "prototype_form" in forms,
        "offline_form": offline_form,
        "offline_count": offline_count,
        "outcomes": outcomes_of(session=session),
    }


def render_detail(request, session: Session, *, status: int = 200, **forms):
    return render(request, TEMPLATE, detail_context(request, session, **forms), status=status)
