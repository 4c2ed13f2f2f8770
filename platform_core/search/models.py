"""The search index: one row per searchable thing, whatever part it comes from.

On PostgreSQL ``vector`` is a stored, generated ``tsvector`` (title weighted A, body B, each stemmed in
English and in Danish, so either language's forms are found) with a GIN index; on SQLite it is an unused
NULL and the substring fallback reads ``title`` and ``body``."""

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The stemmers every document is indexed with, and queries are parsed with (their results OR-ed).
CONFIGS = ("english", "danish")


class DocumentVector(models.Func):
    """``setweight(to_tsvector(config, title), 'A') || … body 'B'`` for each of ``CONFIGS``; NULL on SQLite,
    which has no full-text types (its search reads the text itself)."""

    def __init__(self):
        vector = None
        for field, weight in (("title", "A"), ("body", "B")):
            for config in CONFIGS:
                part = SearchVector(field, config=config, weight=weight)
                vector = part if vector is None else vector + part
        super().__init__(vector, output_field=SearchVectorField())

    def as_sql(self, compiler, connection, **extra):
        return compiler.compile(self.source_expressions[0])

    def as_sqlite(self, compiler, connection, **extra):
        return "NULL", []


class StoredGeneratedField(models.GeneratedField):
    """A persisted ``GeneratedField`` whose system check needs no database connection.

    Django's ``_check_supported`` also asks whether *virtual* generated columns exist, which on PostgreSQL
    needs the server's version, so ``check --deploy`` would connect to the database. A persisted field
    only needs stored generated columns, and ``_check_persistence`` (kept) checks exactly that."""

    def _check_supported(self, databases):
        return []


class SearchDocument(models.Model):
    """What one thing of one kind is found by, and the few facts its kind's visibility filter reads.

    ``scope_id`` is what the thing belongs to (for the arenas' kinds, the arena); ``owner`` who wrote it;
    ``restricted`` marks a document only some may find (a hidden post: its author and moderators).
    ``always_ranked`` kinds (few documents: arenas, threads) are ranked on every match; the others
    (posts) through their newest matches (see ``selectors.CANDIDATES``)."""

    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.BigIntegerField(_("object id"))
    scope_id = models.BigIntegerField(_("scope"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("owner"),
    )
    restricted = models.BooleanField(_("restricted"), default=False)
    always_ranked = models.BooleanField(default=False)
    title = models.TextField(_("title"), blank=True)
    body = models.TextField(_("text"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    vector = StoredGeneratedField(
        expression=DocumentVector(), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]
        indexes = [
            models.Index(fields=["-always_ranked", "-created", "-id"], name="search_document_recent"),
            models.Index(fields=["owner", "-created"], name="search_document_owner"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
