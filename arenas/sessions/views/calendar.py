"""Calendars: a session's ``.ics``, a person's private feed, and the page that shows (and resets) it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from platform_core.links import absolute

from ..calendar import MIMETYPE, calendar_bytes, ics_filename, session_event, session_ics
from ..selectors import feed_sessions, session_get_for_viewer
from ..services.feeds import calendar_feed_of, calendar_feed_reset, feed_by_token, feed_path


@require_safe  # calendar apps may ask with HEAD first
def session_calendar(request, slug, session_id):
    session = session_get_for_viewer(slug=slug, session_id=session_id, viewer=request.user)
    response = HttpResponse(session_ics(session, viewer=request.user), content_type=MIMETYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(session)}"'
    return response


@require_safe
def calendar_feed(request, token):
    """Fetched by calendar apps, without a session cookie: the signed URL is the key."""
    feed = feed_by_token(token)
    if feed is None:
        raise Http404
    events = [session_event(s, viewer=feed.user) for s in feed_sessions(user=feed.user)]
    response = HttpResponse(calendar_bytes(events, name=_("My sessions")), content_type=MIMETYPE)
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    if request.method == "POST":
        calendar_feed_reset(user=request.user)
        messages.success(request, _("Your calendar has a new address. The old one no longer works."))
        return redirect("sessions:calendar-settings")
    feed = calendar_feed_of(user=request.user)
    return render(request, "sessions/calendar_settings.html", {"feed_url": absolute(feed_path(feed))})
