from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from platform_core.markdown import render_markdown

from .forms import ConsentForm
from .models import Consent
from .selectors import document_versions, documents_to_accept, text_for
from .services import consent_record


@require_GET
def legal_document(request, kind: str, version: int | None = None):
    """``/terms/`` and ``/privacy/``: the version in effect (or an earlier one), and the list of them."""
    versions = document_versions(kind)
    if not versions:
        raise Http404
    document = versions[0] if version is None else next((v for v in versions if v.version == version), None)
    text = text_for(document, get_language()) if document else None
    if text is None:
        raise Http404
    return render(
        request,
        "legal/document.html",
        {
            "document": document,
            "text": text,
            "body_html": render_markdown(text.body),  # sanitised (nh3): the template marks it safe
            "versions": versions,
            "current": versions[0],
        },
    )


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=False)
    return wanted if safe else "/"


@login_required
@require_http_methods(["GET", "POST"])
def consent(request):
    """Asked once per new version: what changed, the documents, and "I accept"."""
    documents = documents_to_accept(request.user)
    if not documents:
        return redirect(_next_url(request))
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        initial={"documents": ",".join(str(d.pk) for d in documents)},
    )
    if request.method == "POST" and form.is_valid():
        chosen = [d for d in documents if d.pk in set(form.cleaned_data["documents"])]
        consent_record(user=request.user, how=Consent.How.PROMPT, documents=chosen)
        return redirect(_next_url(request))
    language = get_language()
    return render(
        request,
        "legal/consent.html",
        {
            "form": form,
            "next": _next_url(request),
            "documents": [{"document": d, "text": text_for(d, language)} for d in documents],
        },
    )
