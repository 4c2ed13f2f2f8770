"""Paging for every list: a page number (``page``, ``page_size`` up to 100) or, for long feeds, a cursor.
A page, size or cursor that cannot be read is a 400 naming the parameter, never a silent default."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination

MAX_PAGE_SIZE = 100


def _page_size(request, param: str, default: int) -> int:
    raw = request.query_params.getlist(param)
    if not raw:
        return default
    if len(raw) > 1 or not raw[0].isdigit() or not 1 <= int(raw[0]) <= MAX_PAGE_SIZE:
        raise exceptions.ValidationError(
            {param: [_("Give a whole number from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE}]}
        )
    return int(raw[0])


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return _page_size(request, self.page_size_query_param, self.page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.getlist(self.page_query_param)
        if raw and (len(raw) > 1 or not (raw[0].isdigit() or raw[0] in self.last_page_strings)):
            raise exceptions.ValidationError({self.page_query_param: [_("Give a page number.")]})
        return super().paginate_queryset(queryset, request, view)


class CursorPagination(pagination.CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return _page_size(request, self.page_size_query_param, self.page_size)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ValidationError(
                {self.cursor_query_param: [_("This cursor cannot be read; use the next or previous link.")]}
            ) from None
