"""The dashboard's figures as charts (``arenas.outcomes.charts``), with the words people read: titles, the
summary sentence each chart is described by, the tables' headers. Built per request, in the viewer's
language; the summary's sections (``Dashboard`` fields left None) give no chart."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..charts import SERIES_CLASSES, Chart, Row, Series, Table, bar_chart, column_chart, empty_chart
from ..charts import human_number as num
from ..charts import human_share as pct
from ..dashboard.figures import Dashboard, WeeklySeries
from ..people import MEASURES


def _week_rows(series: WeeklySeries) -> list[list[str]]:
    return [[date_format(week.week, "DATE_FORMAT"), num(week.count)] for week in series.weeks]


def _columns(key: str, title: str, summary: str, series: WeeklySeries, head: str) -> Chart:
    return column_chart(
        key=key,
        title=title,
        summary=summary,
        values=[week.count for week in series.weeks],
        texts=[num(week.count) for week in series.weeks],
        dates=[date_format(week.week, "SHORT_DATE_FORMAT") for week in series.weeks],
        table=Table(caption=title, header=[_("Week starting"), head], rows=_week_rows(series)),
    )


def members_chart(dashboard: Dashboard) -> Chart:
    title = _("Members over time")
    series = dashboard.members
    if not series.total:
        return empty_chart(key="members", title=title, sentence=_("Nobody has joined the arena yet."))
    before = series.weeks_ago(4) or 0
    change = series.total - before
    members = ngettext("%(n)s member", "%(n)s members", series.total) % {"n": num(series.total)}
    if change > 0:
        then = ngettext("%(n)s more than four weeks ago.", "%(n)s more than four weeks ago.", change)
    elif change < 0:
        then = ngettext("%(n)s fewer than four weeks ago.", "%(n)s fewer than four weeks ago.", -change)
    else:
        then = _("as many as four weeks ago.")
    summary = f"{members}, {then % {'n': num(abs(change))} if change else then}"
    return _columns("members", title, summary, series, _("Members at the end of the week"))


def posts_chart(dashboard: Dashboard) -> Chart:
    title = _("Posts per week")
    series = dashboard.posts
    if not series.total:
        return empty_chart(key="posts", title=title, sentence=_("No posts in the last twelve weeks."))
    this_week = series.weeks[-1].count
    summary = ngettext(
        "%(n)s post in the last twelve weeks, %(week)s this week.",
        "%(n)s posts in the last twelve weeks, %(week)s this week.",
        series.total,
    ) % {"n": num(series.total), "week": num(this_week)}
    return _columns("posts", title, summary, series, _("Posts"))


def mix_chart(dashboard: Dashboard) -> Chart:
    title = _("Stakeholder mix against the map")
    rows = dashboard.mix
    if not rows:
        sentence = _("No members yet, and no stakeholder map: its conveners can declare the groups it needs.")
        return empty_chart(key="mix", title=title, sentence=sentence)
    declared = [row for row in rows if row.group is not None]
    if declared:
        reached = sum(1 for row in declared if row.joined >= row.target)
        missing = [row.label for row in declared if row.missing]
        summary = ngettext(
            "%(reached)s of %(n)s group on the map has reached its target.",
            "%(reached)s of %(n)s groups on the map have reached their target.",
            len(declared),
        ) % {"reached": num(reached), "n": num(len(declared))}
        if missing:
            summary += " " + _("Nobody has joined yet from: %(groups)s.") % {"groups": ", ".join(missing)}
    else:
        summary = _("The arena has no stakeholder map yet; these are its members by stakeholder type.")
    chart_rows = [
        Row(
            label=row.label,
            values=[row.joined],
            texts=[num(row.joined)],
            target=row.target,
            target_text=_("target %(n)s") % {"n": num(row.target)} if row.target else "",
        )
        for row in rows
    ]
    table = Table(
        caption=title,
        header=[_("Stakeholder type"), _("Invited"), _("Joined"), _("Active"), _("Target")],
        rows=[
            [
                row.label,
                num(row.invited),
                num(row.joined),
                num(row.active),
                num(row.target) if row.target else "–",
            ]
            for row in rows
        ],
    )
    return bar_chart(
        key="mix", title=title, summary=summary, series=[Series(_("Joined"))], rows=chart_rows, table=table
    )


def _measure_names() -> dict[str, str]:
    return {"posts": _("Posts"), "endorsements": _("Endorsements"), "feedback": _("Feedback")}


def voice_chart(dashboard: Dashboard) -> Chart:
    title = _("Voice balance")
    voices = dashboard.voice or []
    if not voices:
        return empty_chart(key="voice", title=title, sentence=_("No members and no contributions yet."))
    names = _measure_names()
    flagged = []
    for voice in voices:
        for measure in voice.flags:
            words = {
                "group": voice.label,
                "members": pct(voice.member_share),
                "share": pct(voice.shares[measure]),
                "measure": names[measure].lower(),
            }
            flagged.append(
                _("%(group)s hold %(members)s of the members but gave %(share)s of the %(measure)s.") % words
            )
    summary = (
        " ".join(flagged)
        if flagged
        else _("No group's voice is under half or over twice its share of members.")
    )
    series = [Series(_("Members"), SERIES_CLASSES[0])] + [
        Series(names[measure], SERIES_CLASSES[n]) for n, measure in enumerate(MEASURES, start=1)
    ]
    rows = [
        Row(
            label=voice.label,
            values=[voice.member_share, *(voice.shares[m] or 0 for m in MEASURES)],
            texts=[pct(voice.member_share), *(pct(voice.shares[m]) for m in MEASURES)],
        )
        for voice in voices
    ]
    flag_words = {"under": _("under half its share"), "over": _("over twice its share")}
    table = Table(
        caption=title,
        header=[_("Stakeholder type"), _("Share of members"), *(names[m] for m in MEASURES), _("Flagged")],
        rows=[
            [
                voice.label,
                f"{pct(voice.member_share)} ({num(voice.members)})",
                *(f"{pct(voice.shares[m])} ({num(voice.counts[m])})" for m in MEASURES),
                "; ".join(f"{names[m]}: {flag_words[f]}" for m, f in voice.flags.items()) or "–",
            ]
            for voice in voices
        ],
    )
    return bar_chart(
        key="voice", title=title, summary=summary, series=series, rows=rows, table=table, scale=1
    )


def _category_chart(key: str, title: str, summary: str, categories, head: str) -> Chart:
    rows = [Row(label=c.label, values=[c.count], texts=[num(c.count)]) for c in categories]
    table = Table(
        caption=title, header=[head, _("Number")], rows=[[c.label, num(c.count)] for c in categories]
    )
    return bar_chart(key=key, title=title, summary=summary, series=[Series(head)], rows=rows, table=table)


def funnel_chart(dashboard: Dashboard) -> Chart:
    title = _("Prototypes per stage")
    if not dashboard.funnel:
        return empty_chart(key="funnel", title=title, sentence=_("No prototypes yet."))
    total = sum(c.count for c in dashboard.funnel)
    tested = sum(c.count for c in dashboard.funnel if c.key not in ("idea", "design"))
    summary = ngettext(
        "%(n)s prototype, %(tested)s of them tested or further.",
        "%(n)s prototypes, %(tested)s of them tested or further.",
        total,
    ) % {"n": num(total), "tested": num(tested)}
    return _category_chart("funnel", title, summary, dashboard.funnel, _("Stage"))


def decisions_chart(dashboard: Dashboard) -> Chart:
    title = _("Decisions by kind")
    if not dashboard.decisions:
        return empty_chart(key="decisions", title=title, sentence=_("No decisions yet."))
    total = sum(c.count for c in dashboard.decisions)
    parts = ", ".join(f"{num(c.count)} {c.label.lower()}" for c in dashboard.decisions)
    summary = ngettext("%(n)s decision: %(parts)s.", "%(n)s decisions: %(parts)s.", total) % {
        "n": num(total),
        "parts": parts,
    }
    return _category_chart("decisions", title, summary, dashboard.decisions, _("Decision"))


def sessions_chart(dashboard: Dashboard) -> Chart:
    figures = dashboard.sessions
    title = _("Sessions")
    words = [
        (_("Upcoming"), figures.upcoming),
        (_("Held"), figures.held),
        (_("Cancelled"), figures.cancelled),
    ]
    summary = _("%(upcoming)s upcoming, %(held)s held and %(cancelled)s cancelled.") % {
        "upcoming": num(figures.upcoming),
        "held": num(figures.held),
        "cancelled": num(figures.cancelled),
    }
    rows = [Row(label=label, values=[n], texts=[num(n)]) for label, n in words]
    table = Table(
        caption=title, header=[_("Sessions"), _("Number")], rows=[[label, num(n)] for label, n in words]
    )
    return bar_chart(
        key="sessions", title=title, summary=summary, series=[Series(_("Sessions"))], rows=rows, table=table
    )


def attendance_chart(dashboard: Dashboard) -> Chart:
    title = _("Registered and attended, last ten sessions")
    past = dashboard.sessions.past or []
    if not past:
        return empty_chart(key="attendance", title=title, sentence=_("No session has been held yet."))
    registered, attended = sum(s.registered for s in past), sum(s.attended for s in past)
    summary = _("%(attended)s came to the last %(n)s sessions, for which %(registered)s had registered.") % {
        "attended": num(attended),
        "n": num(len(past)),
        "registered": num(registered),
    }
    series = [Series(_("Registered"), SERIES_CLASSES[0]), Series(_("Attended"), SERIES_CLASSES[1])]
    rows = [
        Row(label=s.title, values=[s.registered, s.attended], texts=[num(s.registered), num(s.attended)])
        for s in past
    ]
    table = Table(
        caption=title,
        header=[_("Session"), _("Date"), _("Registered"), _("Attended")],
        rows=[
            [s.title, date_format(s.starts_at, "DATE_FORMAT"), num(s.registered), num(s.attended)]
            for s in past
        ],
    )
    return bar_chart(key="attendance", title=title, summary=summary, series=series, rows=rows, table=table)


def feedback_chart(dashboard: Dashboard) -> Chart:
    title = _("Feedback scores")
    figures = dashboard.feedback
    if not figures.responses:
        return empty_chart(key="feedback", title=title, sentence=_("No feedback on prototypes yet."))
    summary = ngettext(
        "%(n)s response, an average rating of %(average)s out of 5.",
        "%(n)s responses, an average rating of %(average)s out of 5.",
        figures.responses,
    ) % {"n": num(figures.responses), "average": num(figures.average, 1)}
    rows = [
        Row(
            label=p.title,
            values=[p.average],
            texts=[
                ngettext("%(average)s (%(n)s response)", "%(average)s (%(n)s responses)", p.responses)
                % {"average": num(p.average, 1), "n": num(p.responses)}
            ],
        )
        for p in figures.prototypes
    ]
    table = Table(
        caption=title,
        header=[_("Prototype"), _("Average rating (1–5)"), _("Responses")],
        rows=[[p.title, num(p.average, 1), num(p.responses)] for p in figures.prototypes],
    )
    return bar_chart(
        key="feedback", title=title, summary=summary, series=[Series(_("Average rating"))], rows=rows,
        table=table, scale=5,
    )  # fmt: skip


def ratings_chart(dashboard: Dashboard) -> Chart:
    figures = dashboard.feedback
    title = _("Ratings given")
    if not figures.responses:
        return empty_chart(key="ratings", title=title, sentence=_("No ratings yet."))
    most = max(figures.ratings, key=lambda c: (c.count, c.key))
    summary = _("The most frequent rating is %(rating)s out of 5.") % {"rating": most.label}
    return _category_chart("ratings", title, summary, figures.ratings, _("Rating"))


def indicators_chart(dashboard: Dashboard) -> Chart:
    title = _("Indicators against their targets")
    indicators = dashboard.indicators or []
    if not indicators:
        return empty_chart(key="indicators", title=title, sentence=_("No indicators yet."))
    met = sum(1 for i in indicators if i.met)
    summary = ngettext(
        "%(met)s of %(n)s indicator has met its target.",
        "%(met)s of %(n)s indicators have met their target.",
        len(indicators),
    ) % {"met": num(met), "n": num(len(indicators))}

    def value(number, unit):
        return f"{num(number, 2)} {unit}".strip() if number is not None else _("not measured yet")

    rows = [
        Row(
            label=f"{i.name} · {i.prototype_title}",
            values=[i.progress or 0],
            texts=[pct(i.progress) if i.progress is not None else _("not measured yet")],
        )
        for i in indicators
    ]
    table = Table(
        caption=title,
        header=[_("Indicator"), _("Baseline"), _("Target"), _("Latest"), _("Progress")],
        rows=[
            [
                f"{i.name} ({i.prototype_title})",
                value(i.baseline, i.unit),
                value(i.target, i.unit),
                value(i.latest, i.unit),
                pct(i.progress),
            ]
            for i in indicators
        ],
    )
    return bar_chart(
        key="indicators", title=title, summary=summary, series=[Series(_("Progress"))], rows=rows,
        table=table, scale=1,
    )  # fmt: skip
