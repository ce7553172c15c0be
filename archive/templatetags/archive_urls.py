"""Links that change one parameter of the current URL: the URL is the whole state.

A results page holds hundreds of them (a chart bar per month, a link per facet row):
the rest of the query string is encoded once per request and parameter
(``_encoded_without``), and each link only adds its own part, which moves to the end.
"""

from urllib.parse import urlencode

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


def _encoded_without(request, names: frozenset) -> str:
    """The request's query string less ``page`` and ``names``, encoded once."""
    memo = request.__dict__.setdefault("_archive_query_without", {})
    if names not in memo:
        params = request.GET.copy()
        for name in names | {"page"}:
            params.pop(name, None)
        memo[names] = params.urlencode()
    return memo[names]


def _joined(base: str, extra: list[tuple[str, object]]) -> str:
    tail = urlencode([(k, str(v)) for k, v in extra])
    return "?" + "&".join(part for part in (base, tail) if part)


@register.simple_tag(takes_context=True)
def toggle_param(context, name: str, value) -> str:
    """The current query string with ``name=value`` added, or removed if present."""
    request = context["request"]
    values = request.GET.getlist(name)
    value = str(value)
    values = [v for v in values if v != value] if value in values else values + [value]
    base = _encoded_without(request, frozenset({name}))
    return _joined(base, [(name, v) for v in values])


@register.simple_tag(takes_context=True)
def without_param(context, name: str) -> str:
    params = context["request"].GET.copy()
    params.pop("page", None)
    params.pop(name, None)
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def with_page(context, number: int) -> str:
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def is_active(context, name: str, value) -> bool:
    return str(value) in context["request"].GET.getlist(name)


@register.simple_tag(takes_context=True)
def set_params(context, **values) -> str:
    """The current query string with these parameters set (a chart bar's link)."""
    base = _encoded_without(context["request"], frozenset(values))
    return _joined(base, list(values.items()))


@register.filter
def is_web_url(url: str) -> bool:
    """Whether ``url`` is an http(s) link: an imported record's URL is stored as
    given, and a ``javascript:`` one must be shown as text, never linked."""
    return str(url).strip().lower().startswith(("http://", "https://"))


@register.simple_tag(takes_context=True)
def coverage_marks(context, bars) -> str:
    """The chart's bars, each a link to its month: built here in one pass (as
    template nodes, ten lookups a bar cost milliseconds over a decade of months)."""
    request = context["request"]
    base = _encoded_without(request, frozenset({"year", "month"}))
    return format_html_join(
        "",
        '<a href="{}" aria-label="{}"><rect {}><title>{}</title></rect></a>',
        (
            (
                _joined(base, [("year", bar.year), ("month", bar.month)]),
                bar.label,
                format_html(
                    'x="{}" y="{}" width="{}" height="{}"',
                    f"{bar.x:.2f}",
                    f"{bar.y:.2f}",
                    f"{bar.width:.2f}",
                    f"{bar.height:.2f}",
                ),
                bar.label,
            )
            for bar in bars
            if bar.count
        ),
    )
