"""Pages and API as a reader and a script see them."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_lists_the_seed_articles_newest_first(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    positions = [html.index(a.title.replace('"', "&quot;")) for a in seeded.values()]
    assert len(positions) == 5
    # Dated articles first (newest first); unknown dates after them.
    assert html.index("تعزيز الثقة الاستراتيجية") < html.index("شي وبوتين يؤكدان")
    assert html.index("شي وبوتين يؤكدان") < html.index("تعليق: مواصلة قيادة")
    assert html.index("تعليق: مواصلة قيادة") < html.index("بوتين في بكين")
    assert '<time datetime="2025-12-03">3 ديسمبر 2025</time>' in html


@pytest.mark.django_db
def test_article_page_shows_clean_body_and_raw_text(client, seeded):
    article = seeded["page:003_a497809c63d4f4d8"]
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<h1 class="article__title">بوتين في بكين: تعزيز الشراكة في مختلف المجالات</h1>'
        in html
    )
    assert "<bdi>سانا</bdi>" in html
    assert "تاريخ غير معروف" in html
    assert "النص الخام كما استُورد" in html


@pytest.mark.django_db
def test_article_page_highlights_the_search(client, make_article):
    article = make_article(title="قمة", body="التقى بوتين نظيره.")
    response = client.get(article.get_absolute_url(), {"q": "بوتين"})
    html = response.content.decode()
    # The first match is the target of the "first match" link.
    assert 'التقى <mark id="first-match">بوتين</mark> نظيره.' in html
    assert 'href="#first-match"' in html


@pytest.mark.django_db
def test_search_page_finds_and_marks(client, seeded):
    response = client.get(reverse("article-list"), {"q": "شويجو"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "نتيجة واحدة" in html
    assert "تعزيز الثقة الاستراتيجية" in html
    assert "<mark>شويجو</mark>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"page": "abc"}, 400),
        ({"page": "0"}, 400),
        ({"page": "99"}, 404),
        ({"sort": "x"}, 400),
    ],
)
def test_bad_parameters_get_a_clear_4xx(client, seeded, params, status):
    response = client.get(reverse("article-list"), params)
    assert response.status_code == status
    assert "تعذّر تنفيذ الطلب" in response.content.decode()


@pytest.mark.django_db
def test_unknown_article_is_404(client, db):
    assert client.get("/articles/999999/").status_code == 404
    assert client.get("/api/articles/999999/").status_code == 404


@pytest.mark.django_db
def test_api_search_empty_query_lists_newest_first_unknown_last(client, seeded):
    data = client.get("/api/search/").json()
    assert data["count"] == 5
    assert data["next"] is None and data["previous"] is None
    assert [r["date"] for r in data["results"]] == [
        "2025-12-03",
        "2025-05-19",
        "2025-01",  # known only to the month: after the days of May, before none
        None,
        None,
    ]
    first = data["results"][0]
    assert set(first) == {
        "id", "url", "title", "date", "date_precision", "outlet", "speakers", "themes",
        "authors", "snippet",
    }  # fmt: skip
    assert first["outlet"] == {
        "slug": "next-news",
        "name": "Next News",
        "name_latin": "Next News",
    }
    assert first["date_precision"] == "day"
    assert first["url"] == f"http://testserver/articles/{first['id']}/"


@pytest.mark.django_db
def test_api_search_pages_and_snippets(client, make_article, settings):
    settings.PAGE_SIZE = 2
    for i in range(3):
        make_article(title=f"بوتين {i}", body="قال <b>بوتين</b> إن")
    data = client.get("/api/search/", {"q": "بوتين"}).json()
    assert data["count"] == 3
    assert (
        data["next"]
        == "http://testserver/api/search/?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86&page=2"
    )
    assert (
        data["results"][0]["snippet"] == "قال &lt;b&gt;<mark>بوتين</mark>&lt;/b&gt; إن"
    )
    page2 = client.get(data["next"]).json()
    assert len(page2["results"]) == 1 and page2["previous"] is not None


@pytest.mark.django_db
def test_api_bad_page_is_a_json_400(client, db):
    response = client.get("/api/search/", {"page": "x"})
    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.django_db
def test_api_article_returns_the_full_record(client, seeded):
    article = seeded["page:001_8d2d2c35a449af77"]
    data = client.get(f"/api/articles/{article.pk}/").json()
    assert data["title"] == article.title
    assert data["body"] == article.body
    assert data["date"] == "2025-05-19" and data["date_precision"] == "day"
    assert data["outlet"] is None


@pytest.mark.django_db
def test_static_font_is_served(client):
    response = client.get("/static/fonts/noto-naskh-arabic-arabic-400-normal.woff2")
    assert response.status_code == 200


@pytest.mark.django_db
def test_counts_follow_a_write_made_by_another_process(client, make_article):
    make_article(title="الأول")
    assert client.get("/").context["total"] == 1
    # Another process writes (an import in another shell): no signal reaches this
    # one, the database's generation number does.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO archive_article (source_id, title, body, dateline, byline,"
            " raw_text, date_precision, url, source_file, content_hash,"
            " editor_fields, created_at, updated_at)"
            " VALUES ('other:1', 'الثاني', 'نص', '', '', 'نص', 'unknown', '', '',"
            " '', '{}', now(), now())"
        )
    assert client.get("/").context["total"] == 2


@pytest.mark.django_db
def test_a_search_with_no_result_says_so_and_offers_a_way_out(client, make_article):
    make_article(title="قمة بكين", body="التقى الرئيسان في بكين.", url="")
    page = client.get("/search/", {"q": "روسياا"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "لا يوجد في الأرشيف مقال يطابق «<bdi>روسياا</bdi>»" in html
    assert "تحقّق من الإملاء" in html
    assert 'class="search-help"' in html
    # A filter that leaves nothing: its chip removes it.
    page = client.get("/search/", {"q": "بكين", "year": "2001"})
    html = page.content.decode()
    assert "مع المرشّحات المطبّقة" in html
    assert "أزل المرشّح" in html and "ابحث دون مرشّحات" in html


@pytest.mark.django_db
def test_the_forms_that_matched_are_listed_and_each_searches_alone(
    client, make_article
):
    make_article(title="زيارة إلى الصين", body="وقال إن الصين والصين شريكان.")
    make_article(title="تقرير", body="وصل الوفد إلى بالصين أمس.")
    page = client.get("/search/", {"q": "الصين"})
    forms = {f["form"]: f["count"] for f in page.context["matched_forms"][0]["forms"]}
    assert forms == {"الصين": 2, "والصين": 1, "بالصين": 1}
    html = page.content.decode()
    assert "الصيغ المطابقة" in html
    assert 'href="/search/?q=%22%D9%88%D8%A7%D9%84%D8%B5%D9%8A%D9%86%22"' in html
    # The link searches that form alone.
    alone = client.get("/search/", {"q": '"بالصين"'})
    assert [a.title for a in alone.context["page"].object_list] == ["تقرير"]
    api = client.get("/api/search/", {"q": "الصين"}).json()
    assert api["matched_forms"][0]["word"] == "الصين"
    assert {f["form"] for f in api["matched_forms"][0]["forms"]} == set(forms)


@pytest.mark.django_db
def test_the_page_says_how_it_read_the_search(client, make_article):
    make_article(title="الحرب في أوكرانيا", body="روسيا والصين")
    html = client.get("/search/", {"q": "الصين|روسيا -أوكرانيا في"}).content.decode()
    said = re.search(r'<p class="understood">(.*?)</p>', html).group(1)
    assert said.startswith("بحثنا عن: (<strong><bdi>الصين</bdi></strong> بأي صيغة")
    assert " أو <strong><bdi>روسيا</bdi></strong> بأي صيغة" in said
    assert "(ومعها <bdi>جمهورية الصين الشعبية" in said  # the names it also searched
    # What is left out is said the same way: every form, and the other names.
    assert said.endswith(
        "، دون ما فيه <strong><bdi>أوكرانيا</bdi></strong> بأي صيغة"
        " (ومعها <bdi>ukraine</bdi>)؛ ولم نشترط كلمة «<bdi>في</bdi>»."
    )
    html = client.get("/search/", {"q": "-أوكرانيا"}).content.decode()
    assert (
        "بحثنا عن: كل المقالات، دون ما فيه <strong><bdi>أوكرانيا</bdi></strong>"
        " بأي صيغة (ومعها <bdi>ukraine</bdi>)." in html
    )
    api = client.get("/api/search/", {"q": '"الحزام والطريق"'}).json()
    assert api["understood"]["all_of"] == [
        [{"text": "الحزام والطريق", "exact": True, "also": []}]
    ]
