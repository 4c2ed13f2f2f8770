"""What an arena's open data holds: one definition per table — its name, title, description, columns
(name, Frictionless type, description) and how its rows are read (``reads``) — used by the zip of CSV
files, its ``datapackage.json`` and the JSON alike, so the three never disagree.

People are user ids in the rows and pseudonyms in the files (``PERSON`` columns); free text has its
@mentions rewritten (``TEXT`` columns)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from arenas.models import Arena

from . import reads

# How a column's cells are written: a person (user id → pseudonym), free text (mentions rewritten), or as is.
PERSON, TEXT, PLAIN = "person", "text", "plain"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type: string, integer, number, boolean, date, datetime, yearmonth
    description: str
    kind: str = PLAIN


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    read: Callable[[Arena], Iterable[tuple]]  # rows as tuples, in the columns' order
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, its column); table "" = itself
    one_row: bool = False  # the JSON gives it as an object, not a list

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


C = Column

TABLES: tuple[Table, ...] = (
    Table(
        "arena",
        _("Arena"),
        _("The arena: the public problem it is about, what it aims for, and who runs it. One row."),
        (
            C("slug", "string", _("the arena's short name, as in its web address")),
            C("title", "string", _("title"), TEXT),
            C("organisation", "string", _("the public organisation that runs the arena")),
            C("status", "string", _("draft, open, closed or archived")),
            C("visibility", "string", _("public, restricted or private")),
            C("problem_statement", "string", _("the public problem the arena is about (Markdown)"), TEXT),
            C("goals", "string", _("what the arena should achieve (Markdown)"), TEXT),
            C("scope", "string", _("the scope or area"), TEXT),
            C("current_phase_id", "integer", _("the phase the arena is in (phases.id)")),
            C("created", "datetime", _("when the arena was opened, in UTC (ISO 8601)")),
        ),
        reads.arena,
        primary_key=("slug",),
        one_row=True,
    ),
    Table(
        "phases",
        _("Phases"),
        _("The arena's phases, in order."),
        (
            C("id", "integer", _("the phase's id")),
            C("order", "integer", _("its place in the order, from 0")),
            C("name", "string", _("name"), TEXT),
            C("description", "string", _("description"), TEXT),
            C("starts", "date", _("the day it starts")),
            C("ends", "date", _("the day it ends")),
            C("current", "boolean", _("true for the phase the arena is in")),
        ),
        reads.phases,
    ),
    Table(
        "threads",
        _("Threads"),
        _("The conversations: discussions, questions, ideas and decisions."),
        (
            C("id", "integer", _("the thread's id")),
            C("title", "string", _("title"), TEXT),
            C("kind", "string", _("discussion, question, idea or decision")),
            C("phase_id", "integer", _("the phase it belongs to (phases.id), if any")),
            C("author", "string", _("who started it (a pseudonym, as in participants)"), PERSON),
            C("body", "string", _("its opening text (Markdown)"), TEXT),
            C("created", "datetime", _("when it was started, in UTC (ISO 8601)")),
            C("post_count", "integer", _("how many posts it has")),
            C("locked", "boolean", _("true when it takes no new posts")),
            C("resolved", "boolean", _("true when it was marked resolved")),
        ),
        reads.threads,
        foreign_keys=(("phase_id", "phases", "id"),),
    ),
    Table(
        "posts",
        _("Posts"),
        _(
            "Every post in the threads. A post hidden by a moderator or deleted by its author keeps its row "
            "(the conversation's shape) with an empty body."
        ),
        (
            C("id", "integer", _("the post's id")),
            C("thread_id", "integer", _("its thread (threads.id)")),
            C("parent_id", "integer", _("the post it replies to (posts.id), if any")),
            C("number", "integer", _("its number in the thread, from 1")),
            C("author", "string", _("who wrote it (a pseudonym, as in participants)"), PERSON),
            C("stance", "string", _("supports, concerns, question, or empty")),
            C("body", "string", _("its text (Markdown); empty when hidden or deleted"), TEXT),
            C("created", "datetime", _("when it was written, in UTC (ISO 8601)")),
            C("edited", "datetime", _("when it was last edited, in UTC (ISO 8601), if ever")),
            C("endorsement_count", "integer", _("how many people endorsed it")),
            C("hidden", "boolean", _("true when a moderator hid it")),
            C("deleted", "boolean", _("true when its author deleted it")),
        ),
        reads.posts,
        foreign_keys=(("thread_id", "threads", "id"), ("parent_id", "", "id")),
    ),
    Table(
        "prototypes",
        _("Prototypes"),
        _("The concrete solutions designed and tested with their users."),
        (
            C("id", "integer", _("the prototype's id")),
            C("title", "string", _("title"), TEXT),
            C(
                "stage",
                "string",
                _("idea, design, testing, evaluation, adopted, scaled, paused or abandoned"),
            ),
            C("summary", "string", _("summary"), TEXT),
            C("problem", "string", _("the problem it addresses"), TEXT),
            C(
                "hypothesis",
                "string",
                _("what the team believes it will achieve, and how they will know"),
                TEXT,
            ),
            C("created", "datetime", _("when it was created, in UTC (ISO 8601)")),
            C("stage_changed", "datetime", _("when it last changed stage, in UTC (ISO 8601)")),
        ),
        reads.prototypes,
    ),
    Table(
        "rounds",
        _("Test rounds"),
        _("The prototypes' numbered test rounds, with what was learnt and decided."),
        (
            C("id", "integer", _("the round's id")),
            C("prototype_id", "integer", _("its prototype (prototypes.id)")),
            C("number", "integer", _("the round's number for its prototype, from 1")),
            C("goal", "string", _("goal"), TEXT),
            C("test_what", "string", _("what was tested"), TEXT),
            C("test_where", "string", _("where"), TEXT),
            C("test_with_whom", "string", _("with whom"), TEXT),
            C("starts", "date", _("the day it starts")),
            C("ends", "date", _("the day it ends")),
            C("status", "string", _("planned, running or done")),
            C("outcome", "string", _("outcome"), TEXT),
            C("learnings", "string", _("learnings"), TEXT),
            C("decision", "string", _("iterate, pivot, scale, stop, or empty")),
        ),
        reads.rounds,
        foreign_keys=(("prototype_id", "prototypes", "id"),),
    ),
    Table(
        "feedback",
        _("Feedback"),
        _("Structured feedback on the prototypes: a rating, whether people would use it, and a comment."),
        (
            C("id", "integer", _("the feedback's id")),
            C("prototype_id", "integer", _("its prototype (prototypes.id)")),
            C("round", "integer", _("the number of the round it was given in (rounds.number), if any")),
            C("author", "string", _("who gave it (a pseudonym); empty when given on paper"), PERSON),
            C("stakeholder_type", "string", _("the giver's stakeholder type")),
            C("rating", "integer", _("the rating, 1 to 5")),
            C("would_use", "string", _("would they use it: yes, no or unsure")),
            C("comment", "string", _("comment"), TEXT),
            C("created", "datetime", _("when it was given, in UTC (ISO 8601)")),
            C("entered_offline", "boolean", _("true when given on paper and entered by a facilitator")),
        ),
        reads.feedback,
        foreign_keys=(("prototype_id", "prototypes", "id"),),
    ),
    Table(
        "indicators",
        _("Indicators"),
        _("What the prototypes measure of their public value, with a baseline and a target."),
        (
            C("id", "integer", _("the indicator's id")),
            C("prototype_id", "integer", _("its prototype (prototypes.id)")),
            C("name", "string", _("name"), TEXT),
            C("unit", "string", _("unit"), TEXT),
            C("baseline", "number", _("the value before")),
            C("target", "number", _("the value aimed for")),
            C("direction", "string", _("higher or lower: which way is better")),
        ),
        reads.indicators,
        foreign_keys=(("prototype_id", "prototypes", "id"),),
    ),
    Table(
        "measurements",
        _("Measurements"),
        _("The indicators' dated measurements."),
        (
            C("id", "integer", _("the measurement's id")),
            C("indicator_id", "integer", _("its indicator (indicators.id)")),
            C("date", "date", _("the day it was measured")),
            C("value", "number", _("the value measured")),
            C("note", "string", _("note"), TEXT),
        ),
        reads.measurements,
        foreign_keys=(("indicator_id", "indicators", "id"),),
    ),
    Table(
        "decisions",
        _("Decisions"),
        _("What the conveners decided about threads, ideas and prototypes (“you said, we did”), and why."),
        (
            C("id", "integer", _("the decision's id")),
            C("subject", "string", _("what it answers: thread or prototype")),
            C("subject_id", "integer", _("the thread's (threads.id) or prototype's (prototypes.id) id")),
            C("outcome", "string", _("adopted, adapted, declined or deferred")),
            C("reason", "string", _("the reason given"), TEXT),
            C("review_on", "date", _("the day it is to be reviewed, if any")),
            C("created", "datetime", _("when it was decided, in UTC (ISO 8601)")),
        ),
        reads.decisions,
    ),
    Table(
        "sessions",
        _("Sessions"),
        _("Workshops, test sessions, public meetings and online meetings, with how many came."),
        (
            C("id", "integer", _("the session's id")),
            C("kind", "string", _("workshop, test_session, public_meeting or online")),
            C("title", "string", _("title"), TEXT),
            C("starts", "datetime", _("when it starts, in UTC (ISO 8601)")),
            C("ends", "datetime", _("when it ends, in UTC (ISO 8601)")),
            C("status", "string", _("planned, cancelled or held")),
            C("capacity", "integer", _("how many seats it has, if limited")),
            C("registered", "integer", _("how many people registered (not counting the waiting list)")),
            C("attended", "integer", _("how many people came, walk-ins included")),
        ),
        reads.sessions,
    ),
    Table(
        "participants",
        _("Participants"),
        _("The arena's members, as pseudonyms: no names, emails or handles."),
        (
            C(
                "pseudonym",
                "string",
                _("the person's id in this arena's data: the same in every table and every export"),
                PERSON,
            ),
            C("stakeholder_type", "string", _("their stakeholder type in this arena")),
            C("role", "string", _("convener, facilitator, participant or observer")),
            C("joined", "yearmonth", _("the month they joined (YYYY-MM)")),
        ),
        reads.participants,
        primary_key=("pseudonym",),
    ),
    Table(
        "stakeholder_counts",
        _("Stakeholder counts"),
        _(
            "Per stakeholder type: members, invitations, active members (posted, gave feedback or attended in "
            "the last 30 days) and the target the conveners set for it, if any."
        ),
        (
            C("stakeholder_type", "string", _("the stakeholder type")),
            C("members", "integer", _("how many members of this type")),
            C("invited", "integer", _("how many invited (pending or accepted)")),
            C("active", "integer", _("how many active in the last 30 days")),
            C("target", "integer", _("how many the conveners aim for, if they declared the group")),
        ),
        reads.stakeholder_counts,
        primary_key=("stakeholder_type",),
    ),
)
