"""Links that change one parameter of the current URL: the URL is the whole state."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def toggle_param(context, name: str, value) -> str:
    """The current query string with ``name=value`` added, or removed if present."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    values = params.getlist(name)
    value = str(value)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params.setlist(name, values)
    return "?" + params.urlencode()


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
    params = context["request"].GET.copy()
    params.pop("page", None)
    for name, value in values.items():
        params[name] = value
    return "?" + params.urlencode()


@register.filter
def is_web_url(url: str) -> bool:
    """Whether ``url`` is an http(s) link: an imported record's URL is stored as
    given, and a ``javascript:`` one must be shown as text, never linked."""
    return str(url).strip().lower().startswith(("http://", "https://"))
