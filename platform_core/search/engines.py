"""The two ways a query is answered, behind one interface: ``page(matches_of, query, …)`` returns the
page's documents in order (each with ``excerpt_marked`` and ``title_marked``) and how many matched.

- PostgreSQL: ``websearch_to_tsquery`` in English OR Danish against the stored vector (GIN index); the
  candidates are every match of an ``always_ranked`` kind and the newest ``CANDIDATES`` matches overall,
  ranked with ``ts_rank`` (title A above body B), newer first on a tie; ``ts_headline`` marks the page only.
- SQLite: every alternative's terms as case-insensitive substrings; title matches first, then newer.
"""

from datetime import timedelta

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
    Window,
)

from .highlight import EXCERPT_WORDS, START, STOP, mark_terms
from .models import CONFIGS, SearchDocument
from .query import alternatives, terms_of

# How many of the newest matches are ranked when a word is everywhere (a page never ranks more). Beyond
# it the count says "more than" and the last page is the last of these.
CANDIDATES = 1000
HEADLINE_OPTIONS = {
    "start_sel": START,
    "stop_sel": STOP,
    "max_words": EXCERPT_WORDS,
    "min_words": 12,
    "short_word": 2,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}
# The stemmer that marks an excerpt, by the viewer's language (both find; one marks).
HEADLINE_CONFIG = {"da": "danish"}


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(text: str):
    query = None
    for config in CONFIGS:
        part = SearchQuery(text, config=config, search_type="websearch")
        query = part if query is None else query | part
    return query


def postgres_page(matches, text: str, *, offset: int, limit: int, language: str):
    """``matches``: the viewer's visible documents (a queryset). Returns ``(documents, count)``."""
    tsquery = _tsquery(text)
    found = matches.filter(vector=tsquery)
    # One more than the candidates: whether more than CANDIDATES matched, at no extra query.
    newest = found.order_by("-always_ranked", _newest_first(text), "-id").values("id")[: CANDIDATES + 1]
    config = HEADLINE_CONFIG.get(language, "english")
    page = list(
        SearchDocument.objects.filter(id__in=newest)
        .defer("vector", "body")
        .annotate(
            rank=SearchRank(F("vector"), tsquery),
            matched=Window(Count("id")),
            excerpt_marked=SearchHeadline("body", tsquery, config=config, **HEADLINE_OPTIONS),
            title_marked=SearchHeadline(
                "title", tsquery, config=config, start_sel=START, stop_sel=STOP, highlight_all=True
            ),
        )
        .order_by("-rank", "-created", "-id")[offset : max(offset, min(offset + limit, CANDIDATES))]
    )
    return page, (page[0].matched if page else _count_before(found, offset))


def _newest_first(text: str):
    """``-created``; for a phrase, ``created`` behind an expression no index can serve. PostgreSQL guesses a
    phrase as common as its words together, and would walk the recency index newest first for matches
    that turn out to be rare — every document, checking word positions. Behind the expression it takes
    the GIN index's matches of the words and sorts them (EXPLAIN in ``bench_search --explain``)."""
    if '"' not in text:
        return F("created").desc()
    return ExpressionWrapper(F("created") + Value(timedelta(0)), output_field=DateTimeField()).desc()


def _count_before(found, offset: int) -> int:
    """A page past the end is empty: how many matched, for its "no more results" line."""
    if not offset:
        return 0
    return found.order_by().values("id")[: CANDIDATES + 1].count()


def _substring(term: str) -> Q:
    return Q(title__icontains=term) | Q(body__icontains=term)


def substring_page(matches, text: str, *, offset: int, limit: int, language: str):
    groups = alternatives(text)
    if not groups:
        return [], 0
    condition = Q(pk__in=[])
    for group in groups:
        clause = Q()
        for term in group.include:
            clause &= _substring(term)
        for term in group.exclude:
            clause &= ~_substring(term)
        condition |= clause
    found = matches.filter(condition)
    first = groups[0].include[0]
    ordered = found.annotate(
        title_hit=Case(
            When(title__icontains=first, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by("-title_hit", "-created", "-id")
    count = found.count()
    page = list(ordered[offset : offset + limit])
    terms = terms_of(text)
    for document in page:
        document.excerpt_marked = mark_terms(document.body, terms)
        document.title_marked = mark_terms(document.title, terms, words=1000)
    return page, count


def page(matches, text: str, *, offset: int, limit: int, language: str):
    engine = postgres_page if uses_full_text() else substring_page
    return engine(matches, text, offset=offset, limit=limit, language=language)
