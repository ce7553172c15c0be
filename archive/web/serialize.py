"""An article as data: one function for the API's two shapes and the exports' rows.

The API names outlets, people and themes as references (slug, name, Latin name);
a CSV or JSON export names them by name. Both read the relations
``ArticleQuerySet.with_relations`` prefetches, so neither costs a query per article.
"""

from archive.models import Article, ArticlePerson
from archive.search import Highlighter

REFERENCE, NAME = "reference", "name"


def reference(obj) -> dict | None:
    """An outlet, person or theme as the API names it."""
    if obj is None:
        return None
    return {"slug": obj.slug, "name": obj.name, "name_latin": obj.name_latin}


def name(obj) -> str | None:
    """An outlet, person or theme as an export names it."""
    return obj.name if obj is not None else None


def article_data(
    request,
    article: Article,
    names: str = REFERENCE,
    fields: tuple[str, ...] = (),
    highlighter: Highlighter | None = None,
) -> dict:
    """The article's id, links, title, date, outlet, speakers and themes, then
    ``fields`` of: dateline, byline, body, source_url, source_file, mentioned, snippet.

    ``names``: REFERENCE (the API's) or NAME (the exports')."""
    ref = reference if names == REFERENCE else name
    data = {
        "id": article.pk,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "title": article.title,
        "date": article.date_iso,
        "date_precision": article.date_precision,
        "outlet": ref(article.outlet),
        "speakers": [ref(link.person) for link in article.speaker_links],
        "themes": [ref(theme) for theme in article.themes.all()],
        "authors": [ref(person) for person in article.authors.all()],
    }
    extra = {
        "dateline": lambda: article.dateline,
        "byline": lambda: article.byline,
        "body": lambda: article.body,
        "source_url": lambda: article.url,
        "source_file": lambda: article.source_file,
        "mentioned": lambda: [
            ref(p)
            for p in article.people.filter(
                articleperson__role=ArticlePerson.Role.MENTIONED
            )
        ],
        "snippet": lambda: (
            str(highlighter.snippet(article.body)) if highlighter else ""
        ),
    }
    for field in fields:
        data[field] = extra[field]()
    return data
