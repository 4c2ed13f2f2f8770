"""The arena directory (/arenas/) and opening a new arena (/arenas/new/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from platform_core.organisations.models import Organisation

from ..access import is_site_admin, org_roles
from ..forms import ArenaCreateForm, DirectoryFilterForm, add_service_errors
from ..models import Arena, Topic
from ..selectors import arena_directory, arenas_visible_to
from ..services.arenas import arena_create

PAGE_SIZE = 20


def may_open_arenas(user) -> bool:
    """Organisation staff and admins, and site admins, open arenas (arena_create checks it again)."""
    return is_site_admin(user) or bool(org_roles(user))


def organisations_for_creator(user):
    organisations = Organisation.objects.order_by("name")
    if is_site_admin(user):
        return organisations
    return organisations.filter(pk__in=list(org_roles(user)))


def querystring_without_page(request) -> str:
    """The current filters, ready to put in front of ``page=`` in a pagination link."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def _filter_form(request) -> DirectoryFilterForm:
    viewer = request.user
    visible = arenas_visible_to(viewer)
    topics = Topic.objects.filter(arenas__in=visible).distinct().values_list("slug", "name")
    phases = (
        visible.exclude(current_phase=None)
        .order_by("current_phase__name")
        .values_list("current_phase__name", flat=True)
        .distinct()
    )
    statuses = [
        (value, label)
        for value, label in Arena.Status.choices
        if value != Arena.Status.DRAFT or viewer.is_authenticated
    ]
    return DirectoryFilterForm(
        request.GET,
        organisations=Organisation.objects.order_by("name").values_list("slug", "name"),
        topics=topics,
        phases=list(dict.fromkeys(phases)),
        statuses=statuses,
    )


@require_GET
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
            "may_open_arenas": may_open_arenas(request.user),
            "pagination_extra": querystring_without_page(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def arena_create_view(request):
    if not may_open_arenas(request.user):
        raise PermissionDenied("arenas.create_arena")
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
