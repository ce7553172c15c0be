"""Page numbers from the query string, with a 400 for nonsense instead of a 500."""

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator


class BadPage(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def paginate(
    request, queryset, per_page: int | None = None, count: int | None = None
) -> Page:
    """The requested page; ``count`` spares the COUNT query when it is known."""
    raw = request.GET.get("page", "1") or "1"
    if not raw.isdigit() or int(raw) < 1:
        raise BadPage(f"رقم الصفحة غير صالح: {raw[:20]}", 400)
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    try:
        return paginator.page(int(raw))
    except EmptyPage:
        raise BadPage(f"لا توجد صفحة رقم {int(raw)}.", 404) from None
