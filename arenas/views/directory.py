"""The arena directory (/arenas/) and opening a new arena (/arenas/new/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from platform_core.exceptions import Refused
from platform_core.forms import add_service_errors

from ..forms import ArenaCreateForm, DirectoryFilterForm
from ..models import Arena
from ..page_cache import cached_for_visitors
from ..rules import may_open_arenas
from ..selectors import arena_directory, directory_choices, organisations_for_creator
from ..services.arenas import arena_create

PAGE_SIZE = 20


def querystring_without_page(request) -> str:
    """The current filters, ready to put in front of ``page=`` in a pagination link."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def _filter_form(request) -> DirectoryFilterForm:
    viewer = request.user
    choices = directory_choices(viewer=viewer)
    statuses = [
        (value, label)
        for value, label in Arena.Status.choices
        if value != Arena.Status.DRAFT or viewer.is_authenticated
    ]
    return DirectoryFilterForm(
        request.GET,
        **choices,
        statuses=statuses,
    )


@require_GET
@cached_for_visitors
def arena_list(request):
    form = _filter_form(request)
    filters = form.filters()
    arenas = arena_directory(viewer=request.user, **filters)
    page = Paginator(arenas, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "arenas/directory.html",
        {
            "form": form,
            "page": page,
            "is_filtered": any(filters.values()),
            "filter_count": sum(1 for value in filters.values() if value),
            "may_open_arenas": may_open_arenas(request.user),
            "pagination_extra": querystring_without_page(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def arena_create_view(request):
    if not may_open_arenas(request.user):
        raise Refused("arenas.create_arena", _("Only the staff of an organisation open arenas for it."))
    form = ArenaCreateForm(request.POST or None, organisations=organisations_for_creator(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            arena = arena_create(
                creator=request.user,
                organisation=data["organisation"],
                title=data["title"],
                problem_statement=data["problem_statement"],
                goals=data["goals"],
                scope=data["scope"],
                visibility=data["visibility"],
                topics=data["topics"],
                playbook=data["playbook"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” is saved as a draft: only you, its other conveners and the organisation's "
                    "admins can see it. Check the phases below, then choose “Open the arena” when it is ready."
                )
                % {"title": arena.title},
            )
            return redirect("arenas:settings", slug=arena.slug)
    return render(request, "arenas/create.html", {"form": form})
