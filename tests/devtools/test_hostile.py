"""Hostile input (devtools.hostile): no parameter, path or record ever gets a 500;
bad input gets a 400 with its message or a real 404; markup, script URLs and SQL in
records and searches are shown as text on every page, feed, export and admin page;
the CSV export neutralises spreadsheet formulas."""

import doctest
import json
from urllib.parse import quote

import pytest
from django.http import Http404
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, Outlet
from archive.web import errors
from archive.web.exports import spreadsheet_cell
from devtools import hostile

# Bounded for CI: the whole file runs in well under a minute.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PARAMS = [
    "q", "outlet", "speaker", "theme", "year", "month", "undated",
    "date_from", "date_to", "sort", "page",
]  # fmt: skip
# Every public URL that reads the query string, and the pages that ignore it.
LISTINGS = [
    *hostile.FILTERED,
    "/dates/unknown/",
    "/dates/2025/",
    "/dates/2025/12/",
    "/dates/2025/12/3/",
    "/outlets/sana/",
    "/themes/",
    *hostile.PUBLIC_PAGES,
]
# What a request can carry: any text but lone surrogates, which no UTF-8 (and so
# no URL) holds (st.characters() alone yields them; st.text() does not).
characters = st.characters(codec="utf-8")
huge_numbers = st.one_of(
    st.integers(),
    st.integers(min_value=10**9, max_value=10**40),
    st.integers(max_value=-1),
)
malformed_dates = st.builds(
    "{}{}{}{}{}".format,
    st.integers(-10, 10**6),
    st.sampled_from(["-", "/", ".", " ", "", "--"]),
    st.integers(-1, 99),
    st.sampled_from(["-", "/", ""]),
    st.integers(-1, 99),
)
values = st.one_of(
    st.text(max_size=40),  # any unicode but surrogates: NUL, RTL marks, Arabic
    st.text(alphabet="'&|!:*()<->\\\"-«»“” ORor", max_size=30),  # tsquery syntax
    st.sampled_from(hostile.XSS + hostile.SQL + hostile.TSQUERY + hostile.FORMULAS),
    huge_numbers.map(str),
    st.floats().map(str),  # nan, inf, 1e+300, -0.0
    malformed_dates,
    st.builds(lambda c, n: c * n, characters, st.integers(500, 20_000)),
    st.sampled_from(["", " ", "\x00", "\u200f", "\u202e", "١٢", "²", "sana", "2025"]),
)
raw_query = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "%",
                "%0",
                "%00",
                "%zz",
                "%ff",
                "%fe%ff",
                "%D9",
                "%D9%85",
                "%C0%AE",
                "%E2%80%AE",
                "&",
                "=",
                "+",
                ";",
                "%26",
                "%3D",
                "&&",
                "==",
            ]
        ),  # fmt: skip
        st.sampled_from([f"{p}=" for p in PARAMS]),
        st.text(alphabet=characters.filter(lambda c: c != "#"), max_size=8),
    ),
    max_size=12,
).map("".join)


def answer_problems(response, path: str) -> list[str]:
    """What is wrong with an answer to hostile input: empty when it is a 200 with no
    unescaped markup, a 400 that says why, or a 404 page (JSON under /api/)."""
    status = response.status_code
    if status not in (200, 400, 404):
        return [f"{path}: {status}"]
    json_expected = path.startswith("/api/") or (
        status == 400 and path.startswith(("/export.", "/feed/"))
    )
    if status in (400, 404):
        problems = []
        if not hostile.has_message(response):
            problems.append(f"{path}: {status} without a message")
        if hostile.is_json(response) != json_expected:
            problems.append(f"{path}: {status} as {response['Content-Type']}")
        return problems
    if hostile.is_html(response):
        found = hostile.dangerous_markup(response.content.decode())
        return [f"{path}: unescaped {found}"] if found else []
    return []


def get(client, path: str, data=None):
    response = client.get(path, data)
    assert not answer_problems(response, path), answer_problems(response, path)
    return response


# Fuzzing: parameters ----------------------------------------------------------------


@pytest.mark.django_db
@FUZZ
@given(path=st.sampled_from(LISTINGS), name=st.sampled_from(PARAMS), value=values)
def test_no_parameter_value_gets_a_500(client, seeded, path, name, value):
    get(client, path, {name: value})


@pytest.mark.django_db
@FUZZ
@given(
    path=st.sampled_from(LISTINGS),
    pairs=st.lists(st.tuples(st.sampled_from(PARAMS), values), max_size=8),
)
def test_repeated_and_combined_parameters_never_get_a_500(client, seeded, path, pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    get(client, path, data)


@pytest.mark.django_db
@FUZZ
@given(path=st.sampled_from(LISTINGS), query=raw_query)
def test_broken_percent_encoding_never_gets_a_500(client, seeded, path, query):
    get(client, f"{path}?{query}")


# Fuzzing: path segments -------------------------------------------------------------


@pytest.mark.django_db
@FUZZ
@given(
    prefix=st.sampled_from(["/outlets/", "/people/", "/themes/"]),
    slug=st.one_of(st.text(min_size=1, max_size=60), st.sampled_from(hostile.XSS)),
)
def test_unknown_slugs_get_a_404_page(client, seeded, prefix, slug):
    path = f"{prefix}{quote(slug, safe='')}/"
    response = get(client, path)
    if response.status_code == 404:
        assert "الصفحة غير موجودة" in response.content.decode()


@pytest.mark.django_db
@FUZZ
@given(number=st.integers(min_value=0, max_value=10**40))
def test_unknown_article_ids_get_a_404(client, seeded, number):
    get(client, f"/articles/{number}/")
    get(client, f"/api/articles/{number}/")


@pytest.mark.django_db
@FUZZ
@given(
    year=st.one_of(st.integers(0, 3000), st.integers(min_value=0, max_value=10**30)),
    month=st.one_of(st.integers(0, 13), st.integers(min_value=0, max_value=10**30)),
    day=st.one_of(st.integers(0, 32), st.integers(min_value=0, max_value=10**30)),
)
def test_any_date_path_gets_a_page_or_a_404(client, seeded, year, month, day):
    for path in [f"/dates/{year}/", f"/dates/{year}/{month}/"]:
        get(client, path)
    get(client, f"/dates/{year}/{month}/{day}/")


@pytest.mark.django_db
@FUZZ
@given(
    segment=st.text(min_size=1, max_size=30).filter(
        lambda s: not s.isdecimal() and s != "unknown"
    )
)
def test_non_numeric_ids_and_dates_get_a_404_page(client, db, segment):
    for prefix in ["/articles/", "/dates/", "/dates/2025/"]:
        response = get(client, f"{prefix}{quote(segment, safe='')}/")
        assert response.status_code == 404


# Fixed lists (the report's inputs) ------------------------------------------------


@pytest.mark.django_db
def test_malformed_parameters_get_a_400_with_the_reason(client, seeded):
    wrong = []
    for name, value, status in hostile.MALFORMED + hostile.EDGE_VALUES:
        for path in hostile.FILTERED if name != "page" else hostile.PAGED:
            url = f"{path}?{name}={quote(value, safe='')}"
            response = client.get(url)
            if response.status_code != status or answer_problems(response, path):
                wrong.append(
                    (url, response.status_code, answer_problems(response, path))
                )
    assert not wrong


@pytest.mark.django_db
def test_a_400_page_names_the_bad_parameter(client, seeded):
    response = client.get(
        "/search/", {"year": "1899", "q": "<script>alert(1)</script>"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<li>السنة عدد صحيح بين 1900 و2100.</li>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = client.get("/api/search/", {"page": "²"}).json()
    assert data == {"error": "رقم الصفحة غير صالح: ²"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "kind"),
    hostile.UNKNOWN_PAGES,
)
def test_unknown_pages_get_a_real_404(client, db, path, kind):
    response = get(client, path)
    assert response.status_code == 404
    if kind == "json":
        assert response.json()["error"]
    else:
        html = response.content.decode()
        assert '<html lang="ar" dir="rtl">' in html
        assert "الصفحة غير موجودة" in html


def test_the_404_handler_answers_json_under_api(rf):
    api = errors.page_not_found(rf.get("/api/nothing/"), Http404())
    assert api.status_code == 404
    assert json.loads(api.content) == {"error": "لا يوجد شيء بهذا العنوان."}
    page = errors.page_not_found(rf.get("/nothing/<b>"), Http404())
    assert page.status_code == 404
    assert "/nothing/%3Cb%3E" in page.content.decode()


@pytest.mark.django_db
def test_oversized_input_gets_a_clear_answer(client, seeded):
    wrong = []
    for url, statuses in hostile.OVERSIZED:
        response = client.get(url)
        problems = answer_problems(response, url.split("?")[0])
        if response.status_code not in statuses or problems:
            wrong.append((url[:60], response.status_code, problems))
    assert not wrong


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(hostile.FILTERED))
def test_tsquery_syntax_in_a_search_is_just_text(client, seeded, path):
    for term in hostile.TSQUERY:
        response = get(client, path, {"q": term})
        assert response.status_code == 200, term


# Injection: records ----------------------------------------------------------------


@pytest.fixture
def planted(seeded):
    return hostile.plant_all()


@pytest.mark.django_db
def test_markup_in_records_is_text_on_every_page(client, planted):
    records = planted["xss"]
    for url in hostile.LIST_PAGES:
        html = get(client, url).content.decode()
        for record in records:
            assert escape(record.text) in html, (url, record.text)
    for record in records:
        for url in hostile.record_pages(record):
            html = get(client, url).content.decode()
            assert escape(record.text) in html, (url, record.text)


@pytest.mark.django_db
def test_article_page_shows_markup_as_text_in_every_field(client, planted):
    html = get(client, planted["xss"][0].article.get_absolute_url()).content.decode()
    text = "&lt;script&gt;alert(1)&lt;/script&gt;"  # XSS[0], escaped
    assert f'<h1 class="article__title">{text} زعفران</h1>' in html
    assert f"<p>{text} زعفران في السوق.</p>" in html
    assert f"<bdi>{text}</bdi>" in html  # the dateline
    assert f"<blockquote>«{text} قالها»</blockquote>" in html
    record = planted["xss"][0]
    assert f">{escape(record.person.name)}</a></li>" in html  # the speaker tag
    assert f">{escape(record.theme.name)}</a></li>" in html


@pytest.mark.django_db
def test_snippets_mark_matches_on_escaped_text(client, planted):
    article = planted["xss"][0].article
    html = get(client, "/search/", {"q": "زعفران"}).content.decode()
    # A snippet opens on a word: the leading "<" is left out, the rest escaped.
    assert (
        '<p class="card__snippet">script&gt;alert(1)&lt;/script&gt; '
        "<mark>زعفران</mark> في السوق."
    ) in html
    html = get(client, article.get_absolute_url(), {"q": "alert"}).content.decode()
    assert '&lt;script&gt;<mark id="first-match">alert</mark>(1)&lt;/script&gt;' in html
    html = get(client, article.get_absolute_url(), {"q": "script"}).content.decode()
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;" in html


@pytest.mark.django_db
def test_search_terms_with_markup_are_echoed_as_text(client, planted):
    for term in hostile.XSS:
        html = get(client, "/search/", {"q": term}).content.decode()
        assert f'value="{escape(term)}"' in html  # the search box
        assert f"<bdi>{escape(term)}</bdi>" in html  # the heading


@pytest.mark.django_db
def test_script_urls_are_shown_never_linked(client, planted):
    for record in planted["urls"]:
        html = get(client, record.article.get_absolute_url()).content.decode()
        url = record.article.url
        assert f'<bdi dir="ltr">{escape(url)}</bdi>' in html
        assert not hostile.dangerous_markup(html)
    html = get(client, planted["xss"][0].article.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/' in html  # a web URL is still a link


@pytest.mark.django_db
def test_atom_feed_carries_markup_as_text(client, planted):
    response = get(client, "/feed/", {"q": hostile.PLANTED_WORD})
    assert b"<script>" not in response.content
    entries = {e["title"]: e for e in hostile.atom_entries(response.content)}
    for record in planted["xss"]:
        entry = entries[record.article.title]
        # <summary type="html"> is rendered by feed readers: it must be escaped.
        assert entry["summary"] == escape(record.article.body)
        assert entry["author"] == record.outlet.name


@pytest.mark.django_db
def test_json_exports_and_api_carry_the_text_unchanged(client, planted):
    records = planted["xss"]
    for url in ["/export.json", "/api/search/"]:
        response = get(client, url, {"q": hostile.PLANTED_WORD})
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        results = {r["title"]: r for r in json.loads(response.content)["results"]}
        for record in records:
            outlet = results[record.article.title]["outlet"]
            name = outlet if url == "/export.json" else outlet["name"]
            assert name == record.outlet.name
    for record in records:
        data = get(client, f"/api/articles/{record.article.pk}/").json()
        assert data["title"] == record.article.title
        assert data["body"] == record.article.body
        assert data["dateline"] == record.text
        assert data["speakers"][0]["name"] == record.person.name
    # The API's snippet is HTML (with <mark>): escaped like the page's.
    data = get(client, "/api/search/", {"q": hostile.PLANTED_WORD}).json()
    snippets = "".join(r["snippet"] for r in data["results"])
    for record in records:
        assert escape(record.text) in snippets
    assert not hostile.dangerous_markup(snippets)


@pytest.mark.django_db
def test_csv_export_keeps_markup_and_sql_as_plain_cells(client, planted):
    response = get(client, "/export.csv", {"q": hostile.PLANTED_WORD})
    assert response["Content-Disposition"].startswith("attachment;")
    rows = {row["id"]: row for row in hostile.csv_rows(response.content)}
    for record in planted["xss"]:
        row = rows[str(record.article.pk)]
        assert row["title"] == record.article.title
        assert row["outlet"] == record.outlet.name
        assert row["speakers"] == record.person.name


@pytest.mark.django_db
def test_csv_export_neutralises_formulas_in_every_column(client, planted):
    response = get(client, "/export.csv", {"q": hostile.WORDS["formulas"]})
    rows = {row["id"]: row for row in hostile.csv_rows(response.content)}
    for record in planted["formulas"]:
        row = rows[str(record.article.pk)]
        for column, value in [
            ("title", record.article.title),
            ("outlet", record.outlet.name),
            ("speakers", record.person.name),
            ("themes", record.theme.name),
            ("dateline", record.article.dateline),
            ("body", record.article.body),
        ]:
            assert row[column] == "'" + value, (column, value)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (["=cmd", "شي"], "'=cmd؛ شي"),
        ("a=b", "a=b"),
        ("بوتين", "بوتين"),
        (None, ""),
        ("", ""),
        (42, "42"),
    ],
)
def test_csv_cells_cannot_run_as_formulas(value, cell):
    assert spreadsheet_cell(value) == cell


@pytest.mark.django_db
def test_admin_shows_markup_as_text(client, planted, admin_user):
    client.force_login(admin_user)
    records = planted["xss"]
    for url in hostile.ADMIN_LISTS:
        html = get(client, url).content.decode()
        for record in records:
            assert escape(record.text) in html, (url, record.text)
    for record in records:
        for url in hostile.admin_pages(record):
            html = get(client, url).content.decode()
            assert escape(record.text) in html, (url, record.text)
        html = get(client, "/admin/archive/article/", {"q": record.text}).content
        assert escape(record.text) in html.decode()


# Injection: SQL ---------------------------------------------------------------------


@pytest.mark.django_db
def test_sql_in_searches_and_records_is_just_words(client, planted):
    articles, outlets = Article.objects.count(), Outlet.objects.count()
    for record in planted["sql"]:
        params = {"q": record.text, "outlet": record.outlet.slug}
        data = get(client, "/api/search/", params).json()
        # The words of the SQL find the one article that holds them.
        assert [r["title"] for r in data["results"]] == [record.article.title]
        for path in hostile.FILTERED:
            get(client, path, {"q": record.text})
        html = get(client, record.article.get_absolute_url()).content.decode()
        assert escape(record.article.title) in html
    assert (Article.objects.count(), Outlet.objects.count()) == (articles, outlets)


# The report ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db
def test_report_finds_nothing_unexpected(client, seeded, admin_user):
    tallies = list(hostile.run_report(client, admin_user))
    assert [t.name for t in tallies][:2] == ["XSS in fields", "script URLs"]
    unexpected = [line for t in tallies for line in t.unexpected]
    assert not unexpected
    assert sum(t.tried for t in tallies) > 500
    assert not any("500" in t.endings for t in tallies)


def test_docstring_examples_hold():
    assert doctest.testmod(hostile).failed == 0
