"""The query language as a reader uses it: parentheses, proximity, fields and
keywords find what they say; what the grammar cannot place is said, never a 500."""

import pytest

from archive.models import Article
from archive.search import parse_query, read_query, search_articles


def titles(query: str) -> list[str]:
    return sorted(a.title for a in search_articles(Article.objects.all(), query))


@pytest.fixture
def articles(make_article):
    make_article(title="لقاء القمة", body="التقى بوتين الرئيس شي في بكين أمس.")
    make_article(
        title="جولة",
        body="وصل بوتين إلى موسكو صباحا. "
        + "ثم تحدث الوزراء طويلا عن التجارة والطاقة والنقل والزراعة والمصارف. " * 3
        + "وفي المساء وصل شي إلى المدينة.",
    )
    make_article(title="روسيا وأوكرانيا", body="حرب في أوكرانيا.")
    make_article(title="الصين", body="تقرير عن روسيا.")
    make_article(title="تقرير", body="الصين والهند.")


@pytest.mark.django_db
def test_proximity_finds_the_words_close_together_in_either_order(articles):
    assert titles('"بوتين شي"~5') == ["لقاء القمة"]
    assert titles("بوتين NEAR/5 شي") == ["لقاء القمة"]
    assert titles("شي NEAR/5 بوتين") == ["لقاء القمة"]  # either order
    assert titles("بوتين قرب/5 شي") == ["لقاء القمة"]
    # Far apart, they are still both there: without proximity, both articles.
    assert titles("بوتين شي") == ["جولة", "لقاء القمة"]
    assert titles("بوتين NEAR/20 شي") == ["لقاء القمة"]  # 36 words apart in جولة


@pytest.mark.django_db
def test_a_field_searches_the_title_or_the_body_only(articles):
    assert titles("روسيا") == ["الصين", "روسيا وأوكرانيا"]
    assert titles("title:روسيا") == ["روسيا وأوكرانيا"]
    assert titles("عنوان:روسيا") == ["روسيا وأوكرانيا"]
    assert titles("body:روسيا") == ["الصين"]
    assert titles("نص:روسيا") == ["الصين"]
    assert titles("title:(روسيا OR الصين)") == ["الصين", "روسيا وأوكرانيا"]


@pytest.mark.django_db
def test_parentheses_and_keywords(articles):
    assert titles("(الصين OR أوكرانيا) روسيا") == ["الصين", "روسيا وأوكرانيا"]
    assert titles("(الصين OR أوكرانيا) AND NOT روسيا") == ["تقرير"]
    assert titles("الصين (الهند OR روسيا) -title:الصين") == ["تقرير"]
    # Without parentheses OR binds the two words beside it, as it always has.
    assert titles("روسيا OR الهند الصين") == ["الصين", "تقرير"]


@pytest.mark.django_db
def test_negated_groups_follow_de_morgan(make_article):
    make_article(title="أ", body="روسيا والصين")
    make_article(title="ب", body="روسيا وحدها")
    make_article(title="ج", body="الصين وحدها")
    make_article(title="د", body="لا شيء")
    assert titles("NOT (روسيا OR الصين) OR د") == ["د"]
    # Exclusions only: everything but the articles having both.
    from archive.web.filters import ArticleFilter

    found = ArticleFilter({"q": "-(روسيا الصين)"}, queryset=Article.objects.all()).qs
    assert sorted(a.title for a in found) == ["ب", "ج", "د"]


@pytest.mark.parametrize(
    "query, note",
    [
        ("الصين OR", "«OR» في غير موضعه، فتجاهلناه."),
        ("(الصين", "أغلقنا القوس المفتوح في آخر البحث."),
        ("الصين)", "تجاهلنا قوسًا مغلقًا لم يُفتح."),
        ("الصين title:", "«title:» بلا كلمة بعده، فتجاهلناه."),
        ('"الحزام والطريق', "أغلقنا علامة التنصيص المفتوحة في آخر البحث."),
        ("بوتين NEAR/99 شي", "أبعد مسافة نبحث فيها 20 كلمة، فبحثنا عنها."),
        ("NEAR/5 الصين", "«NEAR/5» في غير موضعه، فتجاهلناه."),
    ],
)
def test_what_the_grammar_cannot_place_is_said(query, note):
    parsed = read_query(query, aliases={})
    assert note in parsed.notes
    assert parsed.groups  # and the rest is still searched


def test_proximity_with_a_group_is_read_as_and_and_said():
    parsed = parse_query("بوتين NEAR/5 (شي OR مودي)", aliases={})
    assert parsed.notes == [
        "«NEAR» يصل بين كلمتين أو عبارتين، فبحثنا عن كل ما حوله دون شرط القرب."
    ]
    assert [len(g) for g in parsed.groups] == [1, 2]


def test_names_stay_one_clause_beside_or():
    table = {("فلاديمير", "بوتين"): [("بوتين",)], ("شي", "جين", "بينغ"): [("شي",)]}
    parsed = parse_query("فلاديمير بوتين OR شي جين بينغ", aliases=table)
    assert [[c.written for c in g] for g in parsed.groups] == [
        ["فلاديمير بوتين", "شي جين بينغ"]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["title:", "NEAR/5", '"a"~', '"بوتين شي"~0', "((((", "))))", "a NEAR b NEAR",
     "-(", "NOT NOT NOT", "title:body:روسيا", "(a OR (b AND (c", "~5", "«»~3",
     "بوتين NEAR/5", "|||", "+", "+روسيا", "AND OR NOT", "(" * 300],
)  # fmt: skip
def test_odd_queries_answer_200(client, articles, query):
    for path in ("/search/", "/api/search/", "/feed/", "/export.csv"):
        assert client.get(path, {"q": query}).status_code == 200, path


@pytest.mark.django_db
def test_the_api_says_proximity_and_fields(client, articles):
    found = client.get("/api/search/", {"q": 'body:"بوتين شي"~3'}).json()
    clause = found["understood"]["all_of"][0][0]
    assert clause["near"] == 3
    assert clause["where"] == "body"
    assert [p["text"] for p in clause["parts"]] == ["بوتين", "شي"]
    html = client.get("/search/", {"q": '"بوتين شي"~2'}).content.decode()
    assert "على بعد كلمتين أو أقل، بأي ترتيب وصيغة" in html


@pytest.mark.django_db
def test_a_word_no_lexicon_knows_meets_its_forms_through_the_archive(make_article):
    # Lucene's Arabic stemmer tests use the invented root ساهد: no frequency table
    # knows it, so the analyzer alone keeps every form whole.
    from archive.search import vocabulary

    for title, body in [
        ("أ", "قالوا إن الساهدات وصلن."),
        ("ب", "رأينا ساهدين في المدينة."),
        ("ج", "وساهدون كثيرون هنا."),
        ("د", "كان هناك ساهد واحد."),
        ("هـ", "لا شيء هنا."),
    ]:
        make_article(title=title, body=body)
    assert titles("ساهد") == ["د"]  # before the archive's vocabulary is read
    vocabulary.refresh()
    assert titles("ساهد") == ["أ", "ب", "ج", "د"]
    assert titles("ساهدون") == ["أ", "ب", "ج", "د"]  # never written so, alone
    assert titles('"ساهد"') == ["د"]  # quotes: that form only
