"""Page numbers from the query string, with a 400 for nonsense instead of a 500."""

import math

from django.conf import settings
from django.core.paginator import EmptyPage, Page

from archive.search.listing import Listing

MAX_PAGE_DIGITS = 9


class BadPage(Exception):
    """A page number no list has: the message and the status to answer with."""

    def __init__(self, message: str, status: int, last_url: str = ""):
        super().__init__(message)
        self.status = status
        self.last_url = last_url  # the list's last page, past its end


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


def listing_page(request, listing: Listing) -> Page:
    """The requested page of a list, with its articles, or BadPage."""
    number = page_number(request)
    try:
        return listing.page(number, settings.PAGE_SIZE)
    except EmptyPage:
        last = max(1, math.ceil(listing.count / settings.PAGE_SIZE))
        message = f"لا توجد صفحة رقم {number}: آخر صفحات القائمة {last}."
        raise BadPage(message, 404, page_url(request, last)) from None


def page_url(request, number: int) -> str:
    """The absolute URL of page ``number`` of the current list."""
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
