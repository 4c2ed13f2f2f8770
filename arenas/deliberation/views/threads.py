from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..selectors import thread_get_for_viewer, thread_page


@require_GET
def thread_detail(request, slug, thread_id):
    thread = thread_get_for_viewer(slug=slug, thread_id=thread_id, viewer=request.user)
    order = "newest" if request.GET.get("order") == "newest" else "oldest"
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    page = thread_page(thread=thread, viewer=request.user, page=number, order=order)
    return render(
        request, "deliberation/thread.html", {"arena": thread.arena, "thread": thread, "page": page}
    )
