from django.db.models import Prefetch
from django.utils import timezone

from .models import Consent, LegalDocument, LegalText


def documents_in_effect() -> list[LegalDocument]:
    """The version in effect of each document (the highest number whose day has come), texts loaded."""
    newest: dict[str, LegalDocument] = {}
    documents = LegalDocument.objects.filter(effective_at__lte=timezone.now()).prefetch_related(
        Prefetch("texts", queryset=LegalText.objects.order_by("language"))
    )
    for document in documents:
        if document.kind not in newest or document.version > newest[document.kind].version:
            newest[document.kind] = document
    return [newest[kind] for kind in LegalDocument.Kind.values if kind in newest]


def documents_to_accept(user, current: list[LegalDocument] | None = None) -> list[LegalDocument]:
    """The versions in effect (``current``, when already looked up) that ``user`` has not accepted."""
    current = documents_in_effect() if current is None else current
    accepted = set(
        Consent.objects.filter(user=user, document__in=current).values_list("document_id", flat=True)
    )
    return [document for document in current if document.pk not in accepted]


def document_versions(kind: str) -> list[LegalDocument]:
    """Every version of a document that has come into effect, newest first, texts loaded."""
    return list(
        LegalDocument.objects.filter(kind=kind, effective_at__lte=timezone.now())
        .prefetch_related("texts")
        .order_by("-version")
    )


def text_for(document: LegalDocument, language: str) -> LegalText | None:
    """The document's text in ``language``, else in the site's default, else any (texts prefetched)."""
    from django.conf import settings

    texts = {text.language: text for text in document.texts.all()}
    return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or next(iter(texts.values()), None)
