"""Facets and filters: counts over the result set, and the filters they lead to."""

import datetime

import pytest

from archive.models import ArticlePerson, ArticleTheme, Outlet, Person, Theme


@pytest.fixture
def corpus(make_article):
    sana = Outlet.objects.get(name="سانا")
    rt = Outlet.objects.get(name="روسيا اليوم")
    putin = Person.objects.get(name_latin="Vladimir Putin")
    energy = Theme.objects.get(slug="energy")

    def dated(title, outlet, date, precision):
        return make_article(
            title=title, body="نص", outlet=outlet, date=date, date_precision=precision
        )

    a = dated("روسيا والغاز", sana, datetime.date(2018, 3, 5), "day")
    b = dated("روسيا والصين", rt, datetime.date(2018, 3, 1), "month")
    c = dated("روسيا وأوروبا", rt, datetime.date(2017, 1, 1), "year")
    make_article(title="روسيا اليوم", body="نص")  # no date, no outlet
    ArticlePerson.objects.create(article=a, person=putin, role="speaker")
    ArticlePerson.objects.create(article=b, person=putin, role="mentioned")
    ArticleTheme.objects.create(article=a, theme=energy, score=0.9)
    return {"a": a, "b": b, "c": c, "energy": energy}


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_facets_count_the_result_set(client, corpus):
    data = api(client, q="روسيا")
    assert data["count"] == 4
    facets = data["facets"]
    assert facets["outlet"] == [
        {"slug": "rt-arabic", "name": "روسيا اليوم", "count": 2},
        {"slug": "sana", "name": "سانا", "count": 1},
    ]
    # Only speakers count, not people merely mentioned.
    assert facets["speaker"] == [
        {"slug": "vladimir-putin", "name": "فلاديمير بوتين", "count": 1}
    ]
    assert facets["theme"] == [{"slug": "energy", "name": "الطاقة", "count": 1}]
    assert facets["year"] == [
        {"slug": "2018", "name": "2018", "count": 2},
        {"slug": "2017", "name": "2017", "count": 1},
    ]


@pytest.mark.django_db
def test_facets_follow_the_filters(client, corpus):
    data = api(client, q="روسيا", outlet="rt-arabic")
    assert data["count"] == 2
    assert data["facets"]["outlet"] == [
        {"slug": "rt-arabic", "name": "روسيا اليوم", "count": 2}
    ]


@pytest.mark.django_db
def test_filters_by_speaker_theme_and_year(client, corpus):
    assert [r["title"] for r in api(client, speaker="vladimir-putin")["results"]] == [
        "روسيا والغاز"
    ]
    assert api(client, theme="energy")["count"] == 1
    assert api(client, year="2017")["count"] == 1
    assert api(client, outlet=["sana", "rt-arabic"])["count"] == 3  # either outlet


@pytest.mark.django_db
def test_date_range_finds_month_and_year_precision_without_inventing_days(
    client, corpus
):
    # "مارس 2018" may be any day of March: a range inside March finds it.
    titles = {
        r["title"]
        for r in api(client, date_from="2018-03-10", date_to="2018-03-20")["results"]
    }
    assert titles == {"روسيا والصين"}
    titles = {r["title"] for r in api(client, date_from="2017-06-01")["results"]}
    assert titles == {"روسيا والغاز", "روسيا والصين", "روسيا وأوروبا"}


@pytest.mark.django_db
def test_a_date_typed_as_an_arabic_reader_writes_it(client, corpus):
    iso = api(client, date_from="2018-03-10", date_to="2018-03-20")
    # the day first, Arabic-Indic digits, slashes or dots
    for date_from, date_to in (
        ("10/3/2018", "20/3/2018"),
        ("١٠/٣/٢٠١٨", "٢٠-٠٣-٢٠١٨"),
        ("10.03.2018", "2018-03-20"),
    ):
        same = api(client, date_from=date_from, date_to=date_to)
        assert same["count"] == iso["count"] == 1, (date_from, date_to)
    page = client.get("/search/", {"date_from": "٢٠١٨-٠٣-١٠"}).content.decode()
    assert 'type="text" name="date_from"' in page and 'dir="ltr"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"outlet": "no-such-outlet"},
        {"speaker": "nobody"},
        {"date_from": "yesterday"},
        {"date_from": "2018-13-01"},
        {"date_from": "31/2/2018"},
        {"year": "abc"},
        {"year": "1800"},
        {"date_from": "2018-05-01", "date_to": "2018-04-01"},
    ],
)
def test_bad_filter_values_are_a_400_with_the_reason(client, corpus, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["errors"]
    page = client.get("/search/", params)
    assert page.status_code == 400
    assert "تعذّر تنفيذ الطلب" in page.content.decode()


@pytest.mark.django_db
def test_search_page_shows_facets_and_removable_chips(client, corpus):
    html = client.get("/search/", {"q": "روسيا", "outlet": "sana"}).content.decode()
    assert "وسيلة الإعلام" in html
    # The chip removes the filter and keeps the query.
    assert 'href="?q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7"' in html
