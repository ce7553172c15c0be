"""How a reader cites an article."""

from archive.models import Article


def citation(article: Article, url: str) -> str:
    """A reference a researcher can paste: «Title». Outlet, date. and the URL on
    a line of its own, which the page shows left to right."""
    outlet = article.outlet.name if article.outlet else "وسيلة غير معروفة"
    source = article.url or url
    return f"«{article.title}». {outlet}، {article.date_label}.\n{source}"
