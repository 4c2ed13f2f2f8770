"""@mentions follow the handles ``accounts.0003`` renamed (they showed an email address), and every
mention link leads to the person's page (``/people/<handle>/``) instead of a search for the handle.

Text is rewritten where people wrote it (``body``) and where it is shown (``body_html``): in the HTML,
text between tags is rewritten and mention links get their new address; each part is changed once, so a
new handle that happens to be someone's old one is never renamed twice."""

import re

from django.db import migrations

from platform_core.accounts.models import HANDLE_PATTERN

MENTION = re.compile(rf"(?<![\w@/])@({HANDLE_PATTERN})\b")
TAG = re.compile(r"(<[^>]+>)")
OLD_LINK = re.compile(rf'<a class="mention" href="/search/\?q=%40({HANDLE_PATTERN})">')


def _text(text, renames):
    return MENTION.sub(lambda m: "@" + renames.get(m.group(1).lower(), m.group(1)), text)


def _html(html, renames):
    def tag(part):
        return OLD_LINK.sub(
            lambda m: f'<a class="mention" href="/people/{renames.get(m.group(1), m.group(1))}/">', part
        )

    return "".join(tag(part) if part.startswith("<") else _text(part, renames) for part in TAG.split(html))


def follow(apps, schema_editor):
    HandleChange = apps.get_model("accounts", "HandleChange")
    renames = dict(HandleChange.objects.filter(reason="email").values_list("old_handle", "new_handle"))
    for model_name, fields, kind in [
        ("Thread", ("body", "body_html"), "thread"),
        ("Post", ("body", "body_html"), "post"),
        ("ThreadSummary", ("body", "body_html"), None),
        ("PostRevision", ("body",), None),
    ]:
        model = apps.get_model("deliberation", model_name)
        changed = []
        for row in model.objects.filter(body__contains="@").only("pk", *fields).iterator(chunk_size=500):
            before = [getattr(row, field) for field in fields]
            row.body = _text(row.body, renames) if renames else row.body
            if "body_html" in fields:
                row.body_html = _html(row.body_html, renames)
            if [getattr(row, field) for field in fields] != before:
                changed.append(row)
            if len(changed) >= 500:
                _save(apps, model, changed, fields, kind, renames)
                changed = []
        _save(apps, model, changed, fields, kind, renames)


def _save(apps, model, rows, fields, kind, renames):
    """The rows, and their search documents' text (the index holds what the post says)."""
    model.objects.bulk_update(rows, fields)
    if kind and renames:
        SearchDocument = apps.get_model("search", "SearchDocument")
        documents = list(
            SearchDocument.objects.filter(kind=kind, object_id__in=[row.pk for row in rows]).only("pk", "body")
        )
        for document in documents:
            document.body = _text(document.body, renames)
        SearchDocument.objects.bulk_update(documents, ["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0001_initial"),
        ("accounts", "0003_handles_without_email"),
        ("search", "0001_initial"),
    ]

    operations = [migrations.RunPython(follow, migrations.RunPython.noop)]
