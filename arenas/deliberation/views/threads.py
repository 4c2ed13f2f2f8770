"""The thread list, starting a thread, the thread page and its "N new posts" poll."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from arenas.access import membership_of
from arenas.page_cache import cached_for_visitors
from arenas.pages import arena_for, sign_in_first
from arenas.parts import panels_for
from arenas.rules import can
from arenas.views.directory import querystring_without_page
from platform_core.exceptions import RateLimited
from platform_core.forms import add_service_errors
from platform_core.ratelimit_pages import rate_limited

from ..forms import PostForm, SummaryForm, ThreadFilterForm, ThreadForm
from ..parts import thread_panels
from ..rules import PostPermissions
from ..selectors import (
    follow_state,
    new_posts_for_viewer,
    page_posts,
    post_place,
    revisions_attach,
    summary_history,
    thread_page,
    thread_topic_choices,
    threads_for_arena,
)
from ..services.threads import thread_create
from .common import poll_seconds, thread_for, viewing_order

THREADS_PER_PAGE = 20
THREAD_TEMPLATE = "deliberation/thread.html"


@require_GET
@cached_for_visitors
def thread_list(request, slug):
    arena = arena_for(request, slug)
    form = ThreadFilterForm(
        request.GET, phases=arena.phases.all(), topics=thread_topic_choices(arena=arena), auto_id="filter_%s"
    )
    filters = form.filters()
    threads = threads_for_arena(arena=arena, viewer=request.user, **filters)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    filter_count = sum(1 for key, value in filters.items() if key != "sort" and value)
    return render(
        request,
        "deliberation/thread_list.html",
        {
            "arena": arena,
            "form": form,
            "page": page,
            "is_filtered": filter_count > 0,
            "filter_count": filter_count,
            "may_contribute": can(request.user, "arenas.contribute", arena),
            "may_moderate": can(request.user, "arenas.moderate", arena),
            "membership": membership_of(request.user, arena),
            "pagination_extra": querystring_without_page(request),
        },
    )


@sign_in_first
@require_http_methods(["GET", "POST"])
def thread_create_view(request, slug):
    arena = arena_for(
        request, slug, "arenas.contribute", back_to=reverse("deliberation:thread-create", args=[slug])
    )
    form = ThreadForm(request.POST or None, arena=arena)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = thread_create(
                arena=arena,
                author=request.user,
                title=data["title"],
                body=data["body"],
                kind=data["kind"],
                phase=data["phase"],
                topics=data["topics"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except RateLimited as exc:  # the form stays, with what they wrote
            return rate_limited(
                request, exc, "deliberation/thread_create.html", {"arena": arena, "form": form}
            )
        else:
            messages.success(request, _("Your thread is open. The members of the arena are told."))
            return redirect(thread)
    return render(request, "deliberation/thread_create.html", {"arena": arena, "form": form})


def _page_number(request, thread, order: str) -> tuple[int, int | None]:
    """``?post=N`` finds the page that shows post N (and, when N is a reply, the top-level post to show
    with all its replies); otherwise ``?page=`` (a number, or ``last``)."""
    wanted = request.GET.get("post", "")
    if wanted.isdigit():
        return post_place(thread=thread, number=int(wanted), order=order)
    value = request.GET.get("page", "1")
    if value == "last":
        return 10**9, None  # thread_page keeps it within the pages there are
    return (int(value) if value.isdigit() else 1), None


def thread_page_context(
    request, thread, *, order: str, number: int, expand=None, post_form=None, summary_form=None, **extra
) -> dict:
    """What the thread page (and its posts region, for HTMX) shows. A fixed number of queries. ``expand``:
    the top-level post (pk) shown with all its replies."""
    viewer, arena = request.user, thread.arena
    permissions = PostPermissions(viewer, thread)
    page = thread_page(thread=thread, viewer=viewer, page=number, order=order, expand=expand)
    revisions_attach(posts=page_posts(page), permissions=permissions)
    may_post = can(viewer, "deliberation.post_in_thread", thread)
    return {
        "arena": arena,
        "membership": membership_of(viewer, arena),
        "thread": thread,
        "page": page,
        "page_number": page.number,
        "endorsed": page.endorsed,
        "order": order,
        "post_permissions": permissions,
        "may_contribute": can(viewer, "arenas.contribute", arena),
        "may_post": may_post,
        "may_moderate": can(viewer, "deliberation.moderate_thread", thread),
        "post_form": (post_form or PostForm(auto_id="new_%s")) if may_post else None,
        "poll_seconds": poll_seconds(),
        **extra,
        # the page around the posts region (not needed when HTMX swaps the region alone)
        "summary_form": summary_form,
    }


def render_thread_page(request, thread, *, order, number, status=200, **extra):
    context = thread_page_context(request, thread, order=order, number=number, **extra)
    viewer = request.user
    if context["may_moderate"] and context["summary_form"] is None:
        initial = {"summary": thread.summary.body} if thread.summary else None
        context["summary_form"] = SummaryForm(initial=initial, auto_id="summary_%s")
    context.update(
        topics=thread.topics.all(),
        earlier_summaries=summary_history(thread=thread),
        follow=follow_state(thread=thread, viewer=viewer) if viewer.is_authenticated else None,
        panels=panels_for(thread_panels, request=request, obj=thread),
    )
    return render(request, THREAD_TEMPLATE, context, status=status)


def render_posts_region(request, thread, *, order, number, status=200, **extra):
    """The posts region alone: what HTMX swaps in after a post or a reply."""
    context = thread_page_context(request, thread, order=order, number=number, **extra)
    return render(request, f"{THREAD_TEMPLATE}#posts", context, status=status)


@require_GET
@cached_for_visitors
def thread_detail(request, slug, thread_id):
    thread = thread_for(request, slug, thread_id)
    order = viewing_order(request)
    number, expand = _page_number(request, thread, order)
    return render_thread_page(request, thread, order=order, number=number, expand=expand)


@require_GET
def new_posts(request, slug, thread_id):
    """The open thread page asks every few seconds: "anything new after post ``after``?" One query.

    Nothing new, or nothing newer than the notice already says (``seen``): 204, HTMX leaves the page as
    it is (and a screen reader does not hear the same notice again). Otherwise the notice, with the poll
    that will ask next."""
    after = request.GET.get("after", "")
    seen = request.GET.get("seen", "0")
    if not after.isdigit():
        raise Http404
    count = new_posts_for_viewer(slug=slug, thread_id=thread_id, viewer=request.user, after_number=int(after))
    if count is None:
        raise Http404
    if count == 0 or (seen.isdigit() and count == int(seen)):
        return HttpResponse(status=204)
    order = viewing_order(request)
    first_new = int(after) + 1
    thread_url = reverse("deliberation:thread", args=[slug, thread_id])
    extra = "&order=newest" if order == "newest" else ""
    return render(
        request,
        "deliberation/_new_posts.html",
        {
            "count": count,
            "poll_url": f"{request.path}?after={after}&seen={count}{extra}",
            "poll_seconds": poll_seconds(),
            "show_url": f"{thread_url}?post={first_new}{extra}#post-{first_new}",
        },
    )
