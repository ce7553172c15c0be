"""Hostile input, one list per kind, and how the site must answer it.

Shared by tests/test_hostile.py and ``manage.py hostile_report``, so the report counts
exactly what the tests assert: records whose text is markup or SQL, search terms in
SQL and tsquery syntax, malformed parameters, unknown pages, oversized input and
spreadsheet formulas. Every answer is a 200 that shows the input as text, a 400 with a
message, or a real 404 page (JSON under /api/); never a 500.
"""

import csv
import datetime
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote
from xml.etree import ElementTree

from django.utils.html import escape

from archive.models import (
    Article,
    ArticlePerson,
    ArticleTheme,
    Outlet,
    Person,
    Quote,
    Theme,
)
from archive.web.exports import FORMULA_START

# Markup in article text, titles, names and quotes: shown as text everywhere.
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "]]></summary><script>alert(1)</script>",
    "<mark>مزيف</mark><b>عريض</b>",
    "<a href=javascript:alert(1)>رابط</a>",
]
# Stored as an article's source URL (an import takes URLs as given): never a link.
JAVASCRIPT_URLS = [
    "javascript:alert(1)",
    " JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
]
# SQL in records and in searches: data, never SQL.
SQL = [
    "'; DROP TABLE archive_article; --",
    "' OR '1'='1",
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "') UNION SELECT password FROM auth_user --",
    "\\'; DELETE FROM archive_outlet; --",
]
# PostgreSQL tsquery operators: user text never reaches to_tsquery raw.
TSQUERY = [
    "'&|!:*()<->",
    ":*",
    "!!!",
    "زعفران & !بوتين | (شي",
    "((((",
    "<->",
    "<2> <-> <0>",
    "بوتين:A*",
    "''",
    "\\",
    "-",
    '"',
    "«",
    "OR",
    "OR OR -",
    '-""',
    "\u200f\u202eزعفران\u202c",  # RTL mark and right-to-left override
    "%27%20OR%201%3D1",
]
# Spreadsheet formulas (OWASP "CSV injection"): the CSV export neutralises them.
FORMULAS = [
    '=HYPERLINK("http://example.org/x","اضغط")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
# A word per kind of planted record, in no seed page: a search for it lists them.
WORDS = {"xss": "زعفران", "urls": "قرنفل", "sql": "هيل", "formulas": "كمون"}
PLANTED_WORD = WORDS["xss"]
PLANTED_DATE = datetime.date(2025, 5, 19)

# (parameter, value, status) on /search/ and /api/search/: every filter parameter.
MALFORMED = [
    ("page", "abc", 400),
    ("page", "0", 400),
    ("page", "-1", 400),
    ("page", "1.5", 400),
    ("page", "²", 400),  # a digit int() refuses
    ("page", "\x00", 400),
    ("page", "99", 404),
    ("page", "9" * 60, 404),
    ("year", "abc", 400),
    ("year", "-1", 400),
    ("year", "0", 400),
    ("year", "1899", 400),
    ("year", "2101", 400),
    ("year", "2020.5", 400),
    ("year", "1e400", 400),
    ("year", "nan", 400),
    ("year", "inf", 400),
    ("year", "\x00", 400),
    ("month", "5", 400),  # a month without its year
    ("year=2020&month", "0", 400),
    ("year=2020&month", "13", 400),
    ("year=2020&month", "-1", 400),
    ("year=2020&month", "أيار", 400),
    ("date_from", "yesterday", 400),
    ("date_from", "2020-02-30", 400),
    ("date_from", "20200101", 400),
    ("date_from", "2020-01-01T00:00", 400),
    ("date_from", "99999-01-01", 400),
    ("date_to", "-2020-01-01", 400),
    ("date_to", "2020-13-01", 400),
    ("date_from=2021-01-01&date_to", "2020-01-01", 400),
    ("sort", "x", 400),
    ("sort", "RELEVANCE", 400),
    ("sort", "'; DROP TABLE archive_article; --", 400),
    ("outlet", "no-such-outlet", 400),
    ("outlet", "\x00", 400),
    ("speaker", "<script>", 400),
    ("speaker", "' OR '1'='1", 400),
    ("author", "no-such-author", 400),
    ("author", "<script>", 400),
    ("theme", "../../etc/passwd", 400),
    ("q", "\x00", 400),
]
# Values that look wrong but name a real, empty corner of the archive: a 200.
EDGE_VALUES = [
    ("date_from", "0001-01-01", 200),
    ("date_to", "0001-01-01", 200),
    ("date_from", "9999-12-31", 200),
    ("page", "١", 200),  # an Arabic-Indic 1
    ("page", "", 200),
]

# Unknown pages: (path, content type of the 404).
UNKNOWN_PAGES = [
    ("/authors/no-such-author/", "html"),
    ("/articles/999999999/", "html"),
    ("/articles/99999999999999999999999999/", "html"),
    ("/articles/abc/", "html"),
    ("/articles/-1/", "html"),
    ("/api/articles/999999999/", "json"),
    ("/api/articles/99999999999999999999999999/", "json"),
    ("/api/articles/abc/", "json"),
    ("/api/no-such-endpoint/", "json"),
    ("/outlets/no-such-outlet/", "html"),
    ("/outlets/%00/", "html"),
    ("/outlets/%3Cscript%3Ealert(1)%3C%2Fscript%3E/", "html"),
    ("/people/no-such-person/", "html"),
    ("/people/x%00y/", "html"),
    ("/themes/no-such-theme/", "html"),
    ("/themes/'%3B%20DROP%20TABLE%20archive_theme%3B%20--/", "html"),
    ("/dates/1899/", "html"),
    ("/dates/0/", "html"),
    ("/dates/99999999999999999999/", "html"),
    ("/dates/2025/13/", "html"),
    ("/dates/2025/0/", "html"),
    ("/dates/2025/2/30/", "html"),
    ("/dates/2025/1/99999999999999999999/", "html"),
    ("/dates/unknown/x/", "html"),
    ("/no-such-page/", "html"),
    ("/export.xml", "html"),
]

# Oversized input: (URL, acceptable statuses).
OVERSIZED = [
    ("/search/?q=" + "م" * 100_000, {200}),
    ("/search/?q=" + "بوتين " * 5_000, {200}),
    ("/api/search/?q=" + "(" * 50_000, {200}),
    ("/export.json?q=" + "a" * 100_000, {200}),
    ("/feed/?q=" + "<script>" * 5_000, {200}),
    ("/search/?page=" + "9" * 5_000, {404}),
    ("/api/search/?page=" + "9" * 5_000, {404}),
    ("/search/?year=" + "9" * 5_000, {400}),
    ("/search/?year=2020&month=" + "9" * 5_000, {400}),
    ("/search/?outlet=" + "a" * 10_000, {400}),
    ("/search/?date_from=" + "9" * 5_000, {400}),
    ("/search/?" + "&".join(["q=بوتين"] * 900), {200}),
    ("/search/?" + "&".join(["outlet=sana"] * 2_000), {400}),
    ("/api/search/?" + "&".join(["theme=x"] * 2_000), {400}),
    ("/outlets/" + "a" * 10_000 + "/", {404}),
    ("/articles/" + "9" * 5_000 + "/", {404}),
    ("/dates/2025/5/" + "9" * 5_000 + "/", {404}),
]

# The endpoints that read the filter parameters, and how they answer a 400.
FILTERED = {
    "/search/": "html",
    "/api/search/": "json",
    "/export.csv": "json",
    "/export.json": "json",
    "/feed/": "json",
}
# Where the ``page`` parameter means something.
PAGED = ["/search/", "/api/search/", "/dates/unknown/"]
PUBLIC_PAGES = ["/", "/dates/", "/outlets/", "/people/", "/themes/"]

# Raw markup that must never reach a page: the payloads' tags and handlers.
_DANGEROUS = re.compile(
    r"<script>alert|<img src=x|<svg onload|</textarea><script|<b>عريض|<mark>مزيف"
    r"|<a href=javascript"
    # A script URL as an attribute of a real tag, not as escaped text in one.
    r"|<[a-z]+(?:\s+[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>]*))?)*?"
    r"\s+(?:href|src|action)\s*=\s*[\"']?\s*(?:javascript|data):",
    re.IGNORECASE,
)


def dangerous_markup(html: str) -> list[str]:
    """The hostile tags or script URLs in ``html`` (the site's own markup has none).

    >>> dangerous_markup('<p>&lt;script&gt;</p><a href="javascript:x">')
    ['<a href="javascript:']
    """
    return [m.group(0) for m in _DANGEROUS.finditer(html)]


def shows_as_text(html: str, text: str) -> bool:
    """Whether ``text`` is in ``html`` escaped, so it reads as text."""
    return escape(text) in html


@dataclass
class Planted:
    """One hostile record: an article whose every text field holds ``text``, with
    its own outlet, speaker, theme and quote."""

    text: str
    word: str
    article: Article
    outlet: Outlet
    person: Person
    theme: Theme


def plant(text: str, key: int, word: str = PLANTED_WORD, url: str = "") -> Planted:
    """An article, outlet, person, theme and quote that all begin with ``text``;
    the article also holds ``word``."""
    name = f"{text} {key}"
    outlet = Outlet.objects.create(name=name)
    person = Person.objects.create(name=name)
    theme = Theme.objects.create(name=name, keywords=[])
    body = f"{text} {word} في السوق.\n\nقال {text} إن {word} غالٍ."
    article = Article.objects.create(
        source_id=f"hostile:{key}",
        title=f"{text} {word}",
        body=body,
        raw_text=f"{text}\n{body}",
        dateline=text[:200],
        url=url or f"https://example.org/{key}",
        outlet=outlet,
        date=PLANTED_DATE,
        date_precision="day",
    )
    ArticlePerson.objects.create(
        article=article, person=person, role=ArticlePerson.Role.SPEAKER
    )
    ArticleTheme.objects.create(article=article, theme=theme)
    Quote.objects.create(article=article, person=person, text=f"{text} قالها")
    return Planted(text, word, article, outlet, person, theme)


def plant_all() -> dict[str, list[Planted]]:
    """Every hostile record kind, planted: markup, script URLs, SQL, formulas. The
    markup last, so that it is the newest and fills the first page of every list."""
    key = iter(range(1, 1000))
    planted = {
        "urls": [
            plant("رابط", next(key), WORDS["urls"], url=url) for url in JAVASCRIPT_URLS
        ],
        "sql": [plant(text, next(key), WORDS["sql"]) for text in SQL],
        "formulas": [plant(text, next(key), WORDS["formulas"]) for text in FORMULAS],
        "xss": [plant(text, next(key), WORDS["xss"]) for text in XSS],
    }
    return planted


def record_pages(planted: Planted) -> list[str]:
    """The public HTML pages that show a planted record's text."""
    article = planted.article
    return [
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?q={planted.word}",
        planted.outlet.get_absolute_url(),
        planted.person.get_absolute_url(),
        planted.theme.get_absolute_url(),
        f"/search/?outlet={planted.outlet.slug}&speaker={planted.person.slug}",
    ]


LIST_PAGES = [
    "/",
    f"/search/?q={PLANTED_WORD}",
    "/dates/2025/5/19/",
    "/outlets/",
    "/people/",
    "/themes/",
]


def admin_pages(planted: Planted) -> list[str]:
    article = planted.article
    return [
        f"/admin/archive/article/{article.pk}/change/",
        f"/admin/archive/outlet/{planted.outlet.pk}/change/",
        f"/admin/archive/person/{planted.person.pk}/change/",
        f"/admin/archive/theme/{planted.theme.pk}/change/",
    ]


ADMIN_LISTS = [
    "/admin/archive/article/",
    "/admin/archive/outlet/",
    "/admin/archive/person/",
    "/admin/archive/theme/",
]


def csv_rows(content: bytes) -> list[dict[str, str]]:
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def neutralised(cell: str, value: str) -> bool:
    """Whether a CSV cell holds ``value`` and cannot run as a formula."""
    if value.startswith(FORMULA_START):
        return cell == "'" + value
    return cell == value


def atom_entries(content: bytes) -> list[dict[str, str]]:
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.fromstring(content)
    return [
        {
            "title": entry.findtext(f"{atom}title"),
            "summary": entry.findtext(f"{atom}summary"),
            "author": entry.findtext(f"{atom}author/{atom}name"),
        }
        for entry in root.iter(f"{atom}entry")
    ]


def is_html(response) -> bool:
    return response["Content-Type"].startswith("text/html")


def is_json(response) -> bool:
    return response["Content-Type"].startswith("application/json")


def has_message(response) -> bool:
    """A 4xx that says what was wrong: JSON ``error(s)``, or the page's alert."""
    if is_json(response):
        data = json.loads(response.content)
        return bool(data.get("errors") or data.get("error"))
    html = response.content.decode()
    return 'role="alert"' in html and '<html lang="ar"' in html


def ending(response) -> str:
    """How a response ended, as the report counts it."""
    status = response.status_code
    if status >= 500:
        return "500"
    kind = "JSON" if is_json(response) else "page"
    if status in (400, 404):
        said = "with message" if has_message(response) else "WITHOUT MESSAGE"
        return f"{status} {kind} {said}"
    return str(status)


# The report ---------------------------------------------------------------------


@dataclass
class Tally:
    name: str
    endings: Counter
    unexpected: list[str]

    @property
    def tried(self) -> int:
        return sum(self.endings.values())


def run_report(client, admin) -> Iterator[Tally]:
    """Each class of hostile input against ``client`` (a test Client in a scratch
    database); ``admin`` is a superuser for the admin's pages."""
    planted = plant_all()
    yield _tally("XSS in fields", _xss_probes(client, admin, planted))
    yield _tally("script URLs", _url_probes(client, planted["urls"]))
    yield _tally("SQL in records and search", _sql_probes(client, admin, planted))
    yield _tally("tsquery syntax in search", _search_probes(client, TSQUERY))
    yield _tally("malformed parameters", _malformed_probes(client))
    yield _tally("unknown pages", _unknown_probes(client))
    yield _tally("oversized input", _oversized_probes(client))
    yield _tally("formula cells (CSV)", _formula_probes(client, planted["formulas"]))


Probe = tuple[str, Callable[[], tuple[str, bool]]]  # (label, run -> (ending, ok))


def _tally(name: str, probes: Iterator[Probe]) -> Tally:
    endings, unexpected = Counter(), []
    for label, run in probes:
        try:
            end, ok = run()
        except Exception as exc:  # a 500 the client re-raised, or a parse failure
            end, ok = f"error {type(exc).__name__}", False
        endings[end] += 1
        if not ok:
            unexpected.append(f"{label[:90]}: {end}")
    return Tally(name, endings, unexpected)


def _page_check(client, url: str, texts: list[str]) -> tuple[str, bool]:
    response = client.get(url)
    if response.status_code != 200:
        return ending(response), False
    html = response.content.decode()
    if dangerous_markup(html):
        return "200 UNESCAPED", False
    if all(shows_as_text(html, t) for t in texts):
        return "200 escaped", True
    return "200 text missing", False


def _xss_probes(client, admin, planted) -> Iterator[Probe]:
    records = planted["xss"]
    texts = [p.text for p in records]
    for url in LIST_PAGES:
        yield url, lambda u=url: _page_check(client, u, texts)
    for record in records:
        for url in record_pages(record):
            yield url, lambda u=url, t=record.text: _page_check(client, u, [t])
        query = f"/search/?q={escape_query(record.text)}"
        yield query, lambda u=query, t=record.text: _page_check(client, u, [t])
    yield "feed", lambda: _feed_check(client, records)
    yield "export.json", lambda: _json_check(client, "/export.json", records)
    yield "api search", lambda: _json_check(client, "/api/search/", records)
    yield "export.csv", lambda: _csv_check(client, records)
    client.force_login(admin)
    try:
        for url in ADMIN_LISTS:
            yield url, lambda u=url: _page_check(client, u, texts)
        for record in records:
            for url in admin_pages(record):
                yield url, lambda u=url, t=record.text: _page_check(client, u, [t])
            query = f"/admin/archive/article/?q={escape_query(record.text)}"
            yield query, lambda u=query, t=record.text: _page_check(client, u, [t])
    finally:
        client.logout()


def escape_query(text: str) -> str:
    return quote(text, safe="")


def _feed_check(client, records) -> tuple[str, bool]:
    response = client.get(f"/feed/?q={PLANTED_WORD}")
    if response.status_code != 200:
        return ending(response), False
    entries = {e["title"]: e for e in atom_entries(response.content)}
    for record in records:
        entry = entries.get(record.article.title)
        # <summary type="html">: a reader renders it, so it must be escaped text.
        if entry is None or entry["summary"] != escape(record.article.body[:600]):
            return "200 UNESCAPED", False
    return "200 escaped", True


def _json_check(client, url: str, records) -> tuple[str, bool]:
    response = client.get(f"{url}?q={PLANTED_WORD}")
    if response.status_code != 200 or not is_json(response):
        return ending(response), False
    titles = {r["title"] for r in json.loads(response.content)["results"]}
    # JSON carries the text as it is; nosniff keeps a browser from reading it as
    # HTML.
    ok = all(r.article.title in titles for r in records)
    ok = ok and response.get("X-Content-Type-Options") == "nosniff"
    return ("200 JSON string", True) if ok else ("200 data changed", False)


def _csv_check(client, records) -> tuple[str, bool]:
    response = client.get(f"/export.csv?q={PLANTED_WORD}")
    if response.status_code != 200:
        return ending(response), False
    rows = {row["id"]: row for row in csv_rows(response.content)}
    for record in records:
        row = rows.get(str(record.article.pk))
        if row is None or not neutralised(row["title"], record.article.title):
            return "200 data changed", False
    return "200 CSV text", True


def _url_probes(client, records) -> Iterator[Probe]:
    for record in records:
        url = record.article.get_absolute_url()
        text = record.article.url

        def run(u=url, t=text):
            end, ok = _page_check(client, u, [t.strip()[:60]])
            return ("200 shown, not linked", True) if ok else (end, False)

        yield url, run


def _sql_probes(client, admin, planted) -> Iterator[Probe]:
    before = Article.objects.count()
    records = planted["sql"]
    for record in records:
        for url in record_pages(record):
            yield url, lambda u=url, t=record.text: _page_check(client, u, [t])
    yield from _search_probes(client, SQL, found={r.text: r for r in records})
    client.force_login(admin)
    try:
        for record in records:
            query = f"/admin/archive/article/?q={escape_query(record.text)}"
            yield query, lambda u=query, t=record.text: _page_check(client, u, [t])
    finally:
        client.logout()
    yield (
        "tables intact",
        lambda: (
            ("rows unchanged", True)
            if Article.objects.count() == before
            else ("ROWS CHANGED", False)
        ),
    )


def _search_probes(client, terms, found=None) -> Iterator[Probe]:
    """Each term on every endpoint that searches; with ``found``, the planted
    record holding the term is found in its outlet (the SQL is just words)."""
    for term in terms:
        for endpoint in FILTERED:
            url = f"{endpoint}?q={escape_query(term)}"
            record = (found or {}).get(term)
            if record is not None:
                url += f"&outlet={escape_query(record.outlet.slug)}"

            def run(u=url, r=record):
                response = client.get(u)
                if response.status_code != 200:
                    return ending(response), False
                if r is not None and u.startswith("/api/search/"):
                    results = json.loads(response.content)["results"]
                    if [x["title"] for x in results] != [r.article.title]:
                        return "200 not found", False
                if is_html(response) and dangerous_markup(response.content.decode()):
                    return "200 UNESCAPED", False
                return "200", True

            yield url, run


def _malformed_probes(client) -> Iterator[Probe]:
    for name, value, status in MALFORMED + EDGE_VALUES:
        for endpoint in FILTERED if name != "page" else PAGED:
            url = f"{endpoint}?{name}={escape_query(value)}"

            def run(u=url, s=status):
                response = client.get(u)
                end = ending(response)
                return end, response.status_code == s and "WITHOUT" not in end

            yield url, run


def _unknown_probes(client) -> Iterator[Probe]:
    for url, kind in UNKNOWN_PAGES:

        def run(u=url, k=kind):
            response = client.get(u)
            end = ending(response)
            want = "JSON" if k == "json" else "page"
            return end, end == f"404 {want} with message"

        yield url, run


def _oversized_probes(client) -> Iterator[Probe]:
    for url, statuses in OVERSIZED:

        def run(u=url, s=statuses):
            response = client.get(u)
            end = ending(response)
            return end, response.status_code in s and "WITHOUT" not in end

        yield url[:60], run


def _formula_probes(client, records) -> Iterator[Probe]:
    response = client.get(f"/export.csv?q={WORDS['formulas']}")
    rows = {row["id"]: row for row in csv_rows(response.content)}
    columns = {
        "title": lambda r: r.article.title,
        "outlet": lambda r: r.outlet.name,
        "speakers": lambda r: r.person.name,
        "themes": lambda r: r.theme.name,
        "dateline": lambda r: r.article.dateline,
        "body": lambda r: r.article.body,
    }
    for record in records:
        row = rows.get(str(record.article.pk), {})
        for column, value in columns.items():
            expected = value(record)

            def run(c=column, v=expected, row=row):
                cell = row.get(c)
                if cell is not None and neutralised(cell, v):
                    return "neutralised", True
                return "LIVE FORMULA" if cell == v else "missing", False

            yield f"{record.text!r} {column}", run
