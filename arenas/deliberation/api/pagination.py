"""Posts are paged by their number in the thread (unique per thread, indexed with it): a page is "the 50
posts after number n", whatever the thread's length — never an OFFSET."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound

from platform_core.api.pagination import CursorPagination

ORDERS = {"oldest": "number", "newest": "-number"}


class PostCursorPagination(CursorPagination):
    """Oldest first; ``?order=newest`` for newest first. ``next``/``previous`` keep the order."""

    ordering = ORDERS["oldest"]

    def get_ordering(self, request, queryset, view):
        return (ORDERS.get(request.query_params.get("order", ""), ORDERS["oldest"]),)

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        if cursor is None:
            return None
        if cursor.position is not None and not str(cursor.position).isdigit():
            raise NotFound(_("Invalid cursor"))
        # Numbers are unique, so the cursor never needs an offset: a forged one must not make an OFFSET.
        return cursor._replace(offset=0)
