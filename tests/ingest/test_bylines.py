"""Bylines become authors; a line that only looks like one names nobody."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.ingest.bylines import byline_author
from archive.ingest.parse import split_sections
from archive.models import Article
from tests.conftest import SEED_FILES

SEED_PAGE = SEED_FILES[1]
BODY = "قال الرئيس الروسي إن العلاقات مع الصين في أفضل حالاتها منذ سنوات."


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("بقلم: محجوبة كرم", "محجوبة كرم"),
        ("بقلم محمد بن علي", "محمد بن علي"),
        ("كتب - أحمد عبد الحميد", "أحمد عبد الحميد"),
        ("إعداد: رنا منصور", "رنا منصور"),
        ("مراسل العربية في موسكو، مازن عباس", "مازن عباس"),
        ("مقال لمراسل الشؤون الدولية لدى CNN، بن ويدمان", "بن ويدمان"),
        ("مراسلة فرانس 24 في باريس، محجوبة كرم", "محجوبة كرم"),
    ],
)
def test_a_byline_names_its_author(line, author):
    assert byline_author(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "كتب - وكالات",  # no person
        "بقلم: المحرر",
        "كتب محمد",  # one word is no full name
        "قال الوزير إن المحادثات جيدة",
        "مازن عباس",  # a name alone may be anyone
    ],
)
def test_a_line_that_is_no_byline_names_no_author(line):
    assert byline_author(line) is None


def test_a_byline_that_names_the_outlet_names_no_author():
    assert byline_author("كتب - سكاي نيوز عربية", {"سكاي نيوز عربيه"}) is None


def test_bylines_above_the_body_and_at_its_end_are_read():
    page = f"عنوان الخبر الطويل هنا\nبقلم: سارة الأحمد\n{BODY}\nإعداد: رنا منصور"
    assert split_sections(page).authors == ["سارة الأحمد", "رنا منصور"]


@pytest.mark.django_db
def test_an_imported_page_keeps_its_author_and_shows_the_byline(tmp_path, client):
    page = tmp_path / "byline.txt"
    page.write_text(f"الصين وروسيا توقعان اتفاقا للطاقة\nبقلم: سارة الأحمد\n{BODY}")
    call_command("import_articles", str(page), quiet=True)
    article = Article.objects.get()
    assert [p.name for p in article.authors.all()] == ["سارة الأحمد"]
    html = client.get(article.get_absolute_url()).content.decode()
    assert "بقلم" in html and "سارة الأحمد" in html
    api = client.get(f"/api/articles/{article.pk}/").json()
    assert [a["name"] for a in api["authors"]] == ["سارة الأحمد"]


@pytest.mark.django_db
def test_a_byline_line_the_body_drops_stays_in_the_record(tmp_path, client):
    line = "مقال لمراسل الشؤون الدولية لدى CNN، بن ويدمان"
    page = tmp_path / "byline.txt"
    page.write_text(f"الصين وروسيا توقعان اتفاقا للطاقة\n{line}\n{BODY}")
    call_command("import_articles", str(page), quiet=True)
    article = Article.objects.get()
    assert line not in article.body
    assert article.byline == line
    author = article.authors.get()
    html = client.get(article.get_absolute_url()).content.decode()
    # Shown as written, the name a link to the author's page.
    assert (
        "مقال لمراسل الشؤون الدولية لدى CNN، "
        f'<a href="{reverse("author-detail", args=[author.slug])}">بن ويدمان</a>'
    ) in html
    api = client.get(f"/api/articles/{article.pk}/").json()
    assert api["byline"] == line


@pytest.mark.django_db
def test_an_authors_articles_are_listed_filtered_and_counted(tmp_path, client):
    for n in (1, 2):
        page = tmp_path / f"byline{n}.txt"
        page.write_text(
            f"الصين وروسيا توقعان اتفاقا رقم {n}\nبقلم: سارة الأحمد\n{BODY}"
        )
        call_command("import_articles", str(page), quiet=True)
    call_command("import_articles", str(SEED_PAGE), quiet=True)
    author = Article.objects.filter(authors__isnull=False).first().authors.get()
    listing = client.get(f"/authors/{author.slug}/")
    assert listing.status_code == 200
    assert "مقالات بقلم سارة الأحمد" in listing.content.decode()
    api = client.get("/api/search/", {"author": author.slug}).json()
    assert api["count"] == 2
    assert api["facets"]["author"] == [
        {"slug": author.slug, "name": "سارة الأحمد", "count": 2}
    ]
    assert client.get("/api/search/", {"author": "nobody-at-all"}).status_code == 400


@pytest.mark.parametrize(
    ("title", "author"),
    [
        ("كامليا انتخابي فرد تكتب لـCNN: روسيا لم تعد بحاجة لإيران في سوريا",
         "كامليا انتخابي فرد"),
        ("رأي.. بشار جرار يكتب لـCNN: هل تطيح الفضائح بترامب؟", "بشار جرار"),
        ("عامر السبايلة يكتب لـCNN: مخطئ من يعتقد ذلك", "عامر السبايلة"),
        ("خطيبة جمال خاشقجي لـCNN: التقينا قبل 5 شهور", None),  # an interview
        ("روسيا والصين تكتبان فصلا جديدا: شراكة بلا حدود", None),
    ],
)  # fmt: skip
def test_an_opinion_headline_names_its_writer(title, author):
    assert split_sections(f"{title}\n{BODY}").authors == ([author] if author else [])
