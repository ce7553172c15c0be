"""Browsing as a reader: dates, outlets, speakers, themes, charts, feeds, exports."""

import csv
import datetime
import io
import json
import re

import pytest

from archive.models import ArticlePerson, ArticleTheme, Outlet, Person, Theme


@pytest.fixture
def dated(make_article):
    sana = Outlet.objects.get(name="سانا")
    putin = Person.objects.get(name_latin="Vladimir Putin")
    energy = Theme.objects.get(slug="energy")

    def make(title, date, precision, **fields):
        return make_article(
            title=title, body="نص عن روسيا", date=date, date_precision=precision,
            outlet=sana, **fields,
        )  # fmt: skip

    day = make("قمة بكين", datetime.date(2018, 3, 5), "day")
    month = make("مناورات مارس", datetime.date(2018, 3, 1), "month")
    year = make("حصاد العام", datetime.date(2018, 1, 1), "year")
    make("زيارة مايو", datetime.date(2018, 5, 10), "day")
    undated = make_article(title="مقال بلا تاريخ", body="نص")
    ArticlePerson.objects.create(article=day, person=putin, role="speaker")
    ArticleTheme.objects.create(article=day, theme=energy, score=0.8)
    return {"day": day, "month": month, "year": year, "undated": undated}


def html(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


@pytest.mark.django_db
def test_date_index_counts_years_and_reaches_undated_articles(client, dated):
    page = html(client, "/dates/")
    assert 'href="/dates/2018/"' in page
    assert 'href="/dates/unknown/"' in page
    assert "مقال بلا تاريخ" in html(client, "/dates/unknown/")


@pytest.mark.django_db
def test_year_page_lists_months_and_keeps_year_only_articles_out_of_months(
    client, dated
):
    page = html(client, "/dates/2018/")
    assert 'href="/dates/2018/3/"' in page  # March has two articles
    assert "مقال واحد من مقالات هذه السنة لا يُعرف منه إلا السنة" in page
    assert "حصاد العام" in page  # listed under the year


@pytest.mark.django_db
def test_month_page_calendar_never_puts_a_month_date_on_a_day(client, dated):
    page = html(client, "/dates/2018/3/")
    assert 'href="/dates/2018/3/5/"' in page
    assert "مناورات مارس" in page and "حصاد العام" not in page
    day = html(client, "/dates/2018/3/1/")
    # 1 March: the month-only article is not placed on its first day.
    assert "مناورات مارس" not in day
    assert "قمة بكين" in html(client, "/dates/2018/3/5/")
    assert 'rel="prev" href="/dates/2018/3/4/"' in html(client, "/dates/2018/3/5/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/dates/2018/13/", "/dates/2018/2/30/", "/dates/1200/", "/outlets/nope/"]
)
def test_impossible_dates_and_unknown_pages_are_404(client, db, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_outlet_speaker_and_theme_pages(client, dated):
    assert "سانا" in html(client, "/outlets/")
    assert "قمة بكين" in html(client, "/outlets/sana/")
    people = html(client, "/people/")
    assert 'href="/people/vladimir-putin/"' in people
    assert "قمة بكين" in html(client, "/people/vladimir-putin/")
    assert "قمة بكين" in html(client, "/themes/energy/")
    assert "الطاقة" in html(client, "/themes/")


@pytest.mark.django_db
def test_filters_combine_and_the_url_is_the_whole_state(client, dated):
    page = html(client, "/search/", year="2018", month="3", speaker="vladimir-putin")
    assert "قمة بكين" in page and "مناورات مارس" not in page
    # Each active filter is a chip that removes itself and keeps the others.
    assert 'aria-label="أزل المرشّح مارس"' in page
    assert 'href="?year=2018&amp;speaker=vladimir-putin"' in page


@pytest.mark.django_db
def test_month_without_year_is_a_400(client, dated):
    page = html(client, "/search/", status=400, month="3")
    assert "حدّد السنة مع الشهر" in page


@pytest.mark.django_db
def test_coverage_chart_bars_narrow_to_their_month(client, dated):
    page = html(client, "/search/", q="روسيا")
    assert "<svg" in page and 'aria-labelledby="coverage-caption"' in page
    assert 'href="?q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7&amp;year=2018&amp;month=3"' in page


@pytest.mark.django_db
def test_article_page_shows_hijri_date_quotes_related_and_citation(client, dated):
    day = dated["day"]
    day.quotes.create(person=Person.objects.get(name_latin="Vladimir Putin"),
                      text="نحن شركاء", position=0)  # fmt: skip
    page = html(client, day.get_absolute_url())
    assert (
        'الموافق <span lang="ar">17 جمادى الآخرة 1439 هـ</span>' in page
    )  # 5 March 2018
    assert "«نحن شركاء»" in page
    assert 'href="/themes/energy/"' in page
    assert "«قمة بكين». سانا، 5 مارس 2018." in page


@pytest.mark.django_db
def test_atom_feed_for_a_search(client, dated):
    response = client.get("/feed/", {"q": "قمة"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<title>قمة بكين</title>" in body and "مناورات مارس" not in body
    # The feed names itself with its query, so a reader subscribes to this search.
    self_link = re.search(r'<link href="([^"]+)" rel="self"', body).group(1)
    assert self_link.endswith("/feed/?q=%D9%82%D9%85%D8%A9")


@pytest.mark.django_db
def test_csv_export_has_a_bom_and_neutralises_formulas(client, make_article):
    make_article(title='=HYPERLINK("http://x")', body="+1 نص")
    response = client.get("/export.csv")
    data = response.content.decode("utf-8")
    assert data.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "url", "title"]
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    assert rows[1][-1] == "'+1 نص"


@pytest.mark.django_db
def test_json_export_follows_the_filters(client, dated):
    data = json.loads(
        client.get("/export.json", {"year": "2018", "month": "3"}).content
    )
    assert {r["title"] for r in data["results"]} == {"قمة بكين", "مناورات مارس"}
    assert data["cap"] == 5000
    assert client.get("/export.json", {"year": "x"}).status_code == 400


@pytest.mark.django_db
def test_a_month_holds_its_own_days_and_no_neighbours(client, make_article):
    # December: the month's range ends at the next year's first day.
    for title, when, precision in [
        ("آخر نوفمبر", datetime.date(2018, 11, 30), "day"),
        ("أول ديسمبر", datetime.date(2018, 12, 1), "day"),
        ("آخر ديسمبر", datetime.date(2018, 12, 31), "day"),
        ("ديسمبر كله", datetime.date(2018, 12, 1), "month"),
        ("سنة فقط", datetime.date(2018, 1, 1), "year"),
        ("أول يناير", datetime.date(2019, 1, 1), "day"),
    ]:
        make_article(title=title, date=when, date_precision=precision)
    for page in (
        html(client, "/dates/2018/12/"),
        html(client, "/search/", year="2018", month="12"),
    ):
        assert all(t in page for t in ("أول ديسمبر", "آخر ديسمبر", "ديسمبر كله"))
        assert not any(t in page for t in ("آخر نوفمبر", "أول يناير", "سنة فقط"))


@pytest.mark.django_db
def test_a_chart_within_one_year_names_it_once(client, dated):
    page = html(client, "/search/", q="روسيا")
    assert "عدد المقالات في كل شهر (<bdi>2018</bdi>)." in page
    assert "إلى <bdi>2018</bdi>" not in page


@pytest.mark.django_db
def test_a_quote_caption_ends_with_its_article_not_a_separator(client, dated):
    putin = Person.objects.get(name_latin="Vladimir Putin")
    dated["day"].quotes.create(person=putin, text="نحن شركاء", position=0)
    page = html(client, putin.get_absolute_url())
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.S).group(1)
    assert "قمة بكين</a>" in caption and "</a> ·" not in caption


@pytest.mark.django_db
def test_the_about_page_says_what_the_archive_holds(client, dated, make_article):
    rt = Outlet.objects.get(name="روسيا اليوم")
    make_article(title="قديم", date=datetime.date(2017, 11, 20), date_precision="day",
                 outlet=rt)  # fmt: skip
    page = html(client, "/about/")
    # every outlet with its count and its first and last dates
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page, re.S)
    assert len(rows) == 2
    sana = next(r for r in rows if "سانا" in r)
    assert "<td>4</td>" in sana  # the undated article has no outlet
    assert "2018-01-01" in sana and "2018-05-10" in sana
    assert "2017-11-20" in next(r for r in rows if "روسيا اليوم" in r)
    # the months between November 2017 and May 2018 with no article dated in them
    assert "<li>من ديسمبر 2017 إلى فبراير 2018</li>" in page
    assert "<li>أبريل 2018</li>" in page
    assert "أقدمها مؤرخ في نوفمبر 2017، وأحدثها في مايو 2018." in page
    assert 'href="/about/extraction/"' in page and "كيف تستشهد" in page
    # linked from every page's footer
    assert 'href="/about/">عن الأرشيف</a>' in html(client, "/")
