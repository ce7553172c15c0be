"""Page numbers from the query string, with a 400 for nonsense instead of a 500."""

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator

MAX_PAGE_DIGITS = 9


class BadPage(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def paginate(
    request, queryset, per_page: int | None = None, count: int | None = None
) -> Page:
    """The requested page; ``count`` spares the COUNT query when it is known."""
    number = page_number(request)
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    try:
        return paginator.page(number)
    except EmptyPage:
        raise BadPage(f"لا توجد صفحة رقم {number}.", 404) from None


def page_number(request) -> int:
    """The ``page`` parameter as a number from 1, or BadPage."""
    raw = request.GET.get("page", "1") or "1"
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if not raw.isdecimal():
        raise BadPage(f"رقم الصفحة غير صالح: {raw[:20]}", 400)
    if len(raw) > MAX_PAGE_DIGITS:
        # No list has that many pages, and int() refuses 4,300 digits and more.
        raise BadPage(f"لا توجد صفحة رقم {raw[:20]}….", 404)
    if int(raw) < 1:
        raise BadPage(f"رقم الصفحة غير صالح: {raw}", 400)
    return int(raw)
