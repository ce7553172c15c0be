"""Search against real PostgreSQL: matching, ranking, query syntax, snippets."""

import pytest
from django.conf import settings

from archive.models import Article
from archive.search import highlight, parse_query, plans, search_articles
from archive.search.plans import needs_recheck


def titles(text, queryset=None):
    results = search_articles(queryset or Article.objects.all(), text)
    return [a.title for a in results.order_by("-rank", "title")]


@pytest.mark.django_db
def test_title_match_ranks_above_body_match(make_article):
    make_article(title="أخبار الاقتصاد", body="زار بوتين العاصمة.")
    make_article(title="بوتين يزور بكين", body="زيارة رسمية.")
    assert titles("بوتين") == ["بوتين يزور بكين", "أخبار الاقتصاد"]


@pytest.mark.django_db
def test_search_ignores_diacritics_tatweel_and_alef_forms(make_article):
    make_article(title="الْعَلاقَاتُ الصينيّة", body="مع إيران وأمريكا")
    assert titles("العلاقات") == ["الْعَلاقَاتُ الصينيّة"]
    assert titles("العلاقـــات") == ["الْعَلاقَاتُ الصينيّة"]
    assert titles("ايران") == ["الْعَلاقَاتُ الصينيّة"]


@pytest.mark.django_db
def test_all_words_must_match_or_any_with_or(make_article):
    make_article(title="الصين", body="الاقتصاد")
    make_article(title="روسيا", body="الاقتصاد")
    assert titles("الصين روسيا") == []
    assert titles("الصين OR روسيا") == ["الصين", "روسيا"]


@pytest.mark.django_db
def test_exclusion_and_quoted_phrase(make_article):
    make_article(title="الحزام والطريق", body="مبادرة صينية")
    make_article(title="الطريق الحزام", body="مقال آخر")
    assert titles('"الحزام والطريق"') == ["الحزام والطريق"]
    assert titles("الحزام -مبادرة") == ["الطريق الحزام"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "&|!:*()'<>",
        "\x00",
        "-روسيا",
        "a" * 5000,
        '"غير مغلق',
        "OR",
        "((",
    ],
)
def test_hostile_or_empty_queries_never_fail(make_article, query):
    make_article(title="روسيا", body="نص")
    list(search_articles(Article.objects.all(), query))  # must not raise


def test_parse_query_never_passes_operators_through():
    parsed = parse_query("روسيا & !الصين (امريكا):* 'x امريك*", aliases={})
    # tsquery operators are only separators; only quoted lexemes reach PostgreSQL
    # (parentheses group; a trailing * is the query language's prefix, written
    # as :* after a quote).
    assert parsed.tsquery() == (
        "('=روسيا' | '@روسيا') & ('=الصين' | '@صين') & ('=امريكا' | '@ولايات_المتحده')"
        " & 'x' & ('=امريك':* | 'امريك':*)"
    )


@pytest.mark.django_db  # the query names come from the registry
def test_snippet_marks_matches_on_escaped_text():
    text = "قال بوتين <script>alert(1)</script> إن روسيا والصين شريكان."
    assert highlight(text, "روسيا", words=None) == (
        "قال بوتين &lt;script&gt;alert(1)&lt;/script&gt; إن <mark>روسيا</mark>"
        " والصين شريكان."
    )


@pytest.mark.django_db  # the query names come from the registry
def test_snippet_is_a_window_around_the_first_match():
    text = " ".join(["كلمة"] * 100 + ["بكين"] + ["كلمة"] * 100)
    snippet = highlight(text, "بكين", words=20)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert snippet.count("<mark>بكين</mark>") == 1
    assert len(snippet.split()) == 20 + 2


@pytest.mark.django_db
def test_search_finds_the_forms_a_reader_means(make_article):
    make_article(title="لقاء", body="التقى شي وبوتين في بكين.")
    make_article(title="تجارة", body="ارتفعت صادرات روسيا بالصين.")
    make_article(title="موقف", body="قالت الخارجية الصينية إن الحوار مستمر.")
    assert titles("بوتين") == ["لقاء"]
    assert titles("الصين") == ["تجارة", "موقف"]
    assert titles("يقول") == ["موقف"]  # قالت is a form of قال / يقول


@pytest.mark.django_db
def test_exact_form_ranks_above_a_stemmed_match(make_article):
    make_article(title="أ", body="تحدث المسؤولون الصينيون عن التجارة")
    make_article(title="ب", body="تحدث المسؤولون في الصين عن التجارة")
    assert titles("الصين") == ["ب", "أ"]


@pytest.mark.django_db
def test_all_words_together_in_the_body_beat_one_rare_word_in_the_title(
    make_article,
):
    filler = " ".join(["وأضاف المسؤول أن المحادثات مستمرة بين الجانبين."] * 6)
    make_article(
        title="قاعدة حميميم",
        body=f"وصلت الطائرات. {filler} وتحدث عن روسيا. {filler} وعن المناورات.",
    )
    make_article(
        title="تطورات جديدة",
        body=f"{filler} ووصلت المناورات الروسية إلى قاعدة حميميم في سوريا. {filler}",
    )
    # The reader remembers three words that stood together in an article's body.
    assert titles("حميميم المناورات الروسية") == ["تطورات جديدة", "قاعدة حميميم"]


@pytest.mark.django_db
def test_recency_breaks_ties_and_sorts_switch_order(client, make_article):
    import datetime

    day = "day"
    old = make_article(
        title="قمة بكين", date=datetime.date(2018, 1, 1), date_precision=day
    )
    new = make_article(
        title="قمة بكين", date=datetime.date(2024, 1, 1), date_precision=day
    )
    ids = lambda data: [r["id"] for r in data["results"]]  # noqa: E731
    assert ids(client.get("/api/search/", {"q": "قمة"}).json()) == [new.pk, old.pk]
    oldest = client.get("/api/search/", {"q": "قمة", "sort": "oldest"}).json()
    assert ids(oldest) == [old.pk, new.pk]


@pytest.mark.django_db
def test_latin_name_finds_the_arabic_article(make_article):
    make_article(title="بوتين يستقبل نظيره", body="في الكرملين")
    make_article(title="زيارة إلى بكين", body="وصل الوفد")
    assert titles("Putin") == ["بوتين يستقبل نظيره"]
    assert titles("Beijing") == ["زيارة إلى بكين"]


@pytest.mark.django_db
def test_particles_are_not_required(make_article):
    make_article(title="الحرب التجارية", body="التوتر الصيني الأمريكي يتصاعد")
    assert titles("الحرب التجارية بين الصين وأمريكا") == ["الحرب التجارية"]


def _cap(monkeypatch, rank_cap: int, exact_limit: int | None = None):
    monkeypatch.setattr(plans, "RANK_CAP", rank_cap)
    monkeypatch.setattr(plans, "ESTIMATED_RANK_CAP", rank_cap)
    if exact_limit is not None:
        monkeypatch.setattr(plans, "EXACT_LIMIT", exact_limit)
        monkeypatch.setattr(plans, "PROBE_UP_TO", exact_limit)


def _yearly(make_article, years=(2015, 2016, 2017)):
    import datetime

    for year in years:
        make_article(title="روسيا " * (2019 - year), body="نص",
                     date=datetime.date(year, 1, 1), date_precision="day")  # fmt: skip


@pytest.mark.django_db
def test_very_common_words_rank_only_the_newest_matches(
    client, make_article, monkeypatch
):
    _cap(monkeypatch, rank_cap=2)
    _yearly(make_article)
    page = client.get("/search/", {"q": "روسيا"})
    titles = [a.date.year for a in page.context["page"].object_list]
    # Three matches, all counted; only the newest two ranked (2015 ranks best but is
    # not among them, so it is left out of the relevance order).
    assert page.context["summary"]["count"] == 3
    assert titles == [2016, 2017]
    assert "أحدثُ" in page.content.decode()
    # Date order still lists them all.
    page = client.get("/search/", {"q": "روسيا", "sort": "newest"})
    assert [a.date.year for a in page.context["page"].object_list] == [2017, 2016, 2015]


@pytest.mark.django_db
def test_too_many_matches_are_counted_approximately_and_said_so(
    client, make_article, monkeypatch
):
    _cap(monkeypatch, rank_cap=2, exact_limit=2)
    _yearly(make_article)
    page = client.get("/search/", {"q": "روسيا"})
    html = page.content.decode()
    assert page.context["summary"]["exact"] is False
    assert "نحو" in html and "تقديري" in html
    # Facets describe the newest two matches, and say so.
    years = {row["name"]: row["count"] for row in page.context["facets"]["year"]}
    assert years == {"2017": 1, "2016": 1}
    assert "الأعداد في أحدث" in html
    api = client.get("/api/search/", {"q": "روسيا"}).json()
    assert api["count_exact"] is False and api["count"] >= 3
    # Few enough to count: exact again, with no «نحو».
    page = client.get("/search/", {"q": "روسيا", "year": 2017})
    assert page.context["summary"] == page.context["summary"] | {
        "count": 1,
        "exact": True,
    }
    assert "نحو" not in page.content.decode()


@pytest.mark.django_db
def test_an_overestimate_that_finds_few_matches_becomes_an_exact_count(
    client, make_article, monkeypatch
):
    # The probe is skipped (the planner's estimate is above PROBE_UP_TO), but the
    # newest matches turn out to be fewer than RANK_CAP: they are all of them.
    _cap(monkeypatch, rank_cap=10, exact_limit=0)
    _yearly(make_article)
    page = client.get("/search/", {"q": "روسيا"})
    assert page.context["summary"]["count"] == 3
    assert page.context["summary"]["exact"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("walk_cost", [0, 10**9])  # always walk / never walk
def test_both_date_plans_list_the_same_articles(
    client, make_article, monkeypatch, walk_cost
):
    import datetime

    monkeypatch.setattr(plans, "WALK_COST", walk_cost)
    for day in range(1, 8):
        make_article(title=f"روسيا {day}", body="نص", date=datetime.date(2020, 5, day),
                     date_precision="day")  # fmt: skip
    make_article(title="بلا تاريخ عن روسيا", body="نص")
    make_article(title="الصين", body="نص", date=datetime.date(2021, 1, 1),
                 date_precision="day")  # fmt: skip
    page = client.get("/search/", {"q": "روسيا", "sort": "newest"})
    titles = [a.title for a in page.context["page"].object_list]
    assert titles == [f"روسيا {d}" for d in range(7, 0, -1)] + ["بلا تاريخ عن روسيا"]
    page = client.get("/search/", {"q": "روسيا", "sort": "oldest"})
    titles = [a.title for a in page.context["page"].object_list]
    assert titles == [f"روسيا {d}" for d in range(1, 8)] + ["بلا تاريخ عن روسيا"]
    feed = client.get("/export.json", {"q": "روسيا", "sort": "oldest"})
    assert [r["title"] for r in feed.json()["results"]][:2] == ["روسيا 1", "روسيا 2"]


@pytest.mark.django_db
def test_both_plans_rank_the_same_newest_matches(
    client, make_article, monkeypatch, settings
):
    """Beyond EXACT_LIMIT the newest matches come from a walk down the date index
    or from the GIN index, whichever is cheaper; the page must not tell which."""
    import datetime

    settings.PAGE_CACHE = False  # the same page twice, under two plans

    _cap(monkeypatch, rank_cap=4, exact_limit=2)
    for day, title in enumerate(
        ["روسيا", "روسيا روسيا روسيا", "الصين", "روسيا روسيا", "روسيا والصين", "روسيا"],
        start=1,
    ):
        make_article(title=title, body="نص", date=datetime.date(2020, 5, day),
                     date_precision="day")  # fmt: skip

    def relevance(walk_cost):
        monkeypatch.setattr(plans, "WALK_COST", walk_cost)
        assert plans.walk_dates(5, 4, True, False) is (walk_cost == 0)
        page = client.get("/search/", {"q": "روسيا"})
        assert page.context["summary"]["exact"] is False
        return [(a.title, a.date.day) for a in page.context["page"].object_list]

    walked = relevance(0)
    assert walked == relevance(10**9)
    # The newest four matches (days 6, 5, 4, 2), best first; day 1 is too old.
    assert sorted(day for _, day in walked) == [2, 4, 5, 6]
    assert walked[0] == ("روسيا روسيا روسيا", 2)


def test_only_phrases_make_the_index_recheck_every_match():

    aliases = {("روسيا",): [("روسيا",), ("russian", "federation")]}
    assert needs_recheck(parse_query('"الحزام والطريق"', aliases={}))
    assert needs_recheck(parse_query('الصين "الحزام والطريق"', aliases={}))
    assert not needs_recheck(parse_query("الحزام والطريق", aliases={}))
    assert not needs_recheck(parse_query("روسيا", aliases=aliases))
    assert not needs_recheck(None)


@pytest.mark.django_db
def test_the_date_window_finds_the_same_newest_matches(make_article, monkeypatch):
    import datetime

    from archive.models import Article

    start = datetime.date(2020, 1, 1)
    for day in range(40):
        title = "روسيا" if day % 2 else "الصين"
        make_article(title=f"{title} {day}", body="نص", date_precision="day",
                     date=start + datetime.timedelta(days=day))  # fmt: skip
    monkeypatch.setattr(plans, "WALK_COST", 10**9)  # the GIN index, not the walk
    monkeypatch.setattr(plans, "table_rows", lambda: 40)
    floors = []
    real_floor = plans._date_floor
    monkeypatch.setattr(
        plans, "_date_floor", lambda n: floors.append(real_floor(n)) or floors[-1]
    )
    results = search_articles(Article.objects.all(), "روسيا")
    newest = plans.newest_ids(results, matches=20, searched=True, cap=5)
    titles = list(Article.objects.filter(pk__in=newest).values_list("title", flat=True))
    assert sorted(titles) == sorted(f"روسيا {d}" for d in (39, 37, 35, 33, 31))
    assert floors == [start + datetime.timedelta(days=19)]  # 20 rows, twice enough
    # An estimate far too high: the window is too narrow, and all are read instead.
    newest = plans.newest_ids(results, matches=4000, searched=True, cap=5)
    assert len(floors) == 2 and len(newest) == 5
    assert set(newest) == set(
        Article.objects.filter(title__in=titles).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_a_list_without_a_search_is_counted_exactly_and_pages_end_there(
    client, make_article, monkeypatch
):
    # Over the caps, a search is estimated; the archive without one is one count.
    _cap(monkeypatch, rank_cap=2, exact_limit=2)
    monkeypatch.setattr(settings, "PAGE_SIZE", 2)
    _yearly(make_article, years=(2013, 2014, 2015, 2016, 2017))
    api = client.get("/api/search/").json()
    assert (api["count"], api["count_exact"]) == (5, True)
    last = client.get("/search/", {"page": 3})
    assert last.status_code == 200 and "من <bdi>3</bdi>" in last.content.decode()
    past = client.get("/search/", {"page": 4})
    assert past.status_code == 404
    assert "انتقل إلى الصفحة الأخيرة" in past.content.decode()
    assert "page=3" in past.context["last_page_url"]
    api_past = client.get("/api/search/", {"page": 4})
    assert api_past.status_code == 404 and "page=3" in api_past.json()["last"]


@pytest.mark.django_db
def test_a_query_of_exclusions_only_means_everything_but(client, make_article):
    make_article(title="أوكرانيا والغاز", body="الحرب في أوكرانيا")
    make_article(title="قمة بكين", body="التقى الرئيسان في بكين")
    make_article(title="منتدى الطاقة", body="شركات الغاز الروسية")
    for q in ("-أوكرانيا", "NOT أوكرانيا"):
        page = client.get("/search/", {"q": q})
        found = {a.title for a in page.context["page"].object_list}
        assert found == {"قمة بكين", "منتدى الطاقة"}
        assert page.context["summary"]["count"] == 2
    api = client.get("/api/search/", {"q": "-أوكرانيا -الغاز"}).json()
    assert [r["title"] for r in api["results"]] == ["قمة بكين"]


@pytest.mark.django_db
def test_the_sort_offers_relevance_only_to_a_search_it_can_rank(client, make_article):
    import re

    make_article(title="قمة بكين", body="التقى الرئيسان في بكين")

    def sorts(params):
        html = client.get("/search/", params).content.decode()
        select = re.search(r'<select id="sort".*?</select>', html, re.S).group(0)
        chosen = re.findall(r'<option value="(\w+)" selected', select)
        return re.findall(r'<option value="(\w+)"', select), chosen

    assert sorts({"q": "بكين"}) == (["relevance", "newest", "oldest"], ["relevance"])
    # exclusions alone, or no search at all: listed by date, and the form says so
    assert sorts({"q": "-أوكرانيا"}) == (["newest", "oldest"], ["newest"])
    assert sorts({}) == (["newest", "oldest"], ["newest"])
    assert sorts({"sort": "oldest"}) == (["newest", "oldest"], ["oldest"])


@pytest.mark.django_db
def test_a_long_list_of_exclusions_only_is_walked_newest_first(
    client, make_article, monkeypatch
):
    # Beyond the caps the list is the archive less the index's matches, walked by
    # date; its count is the archive's less the matches, exact while they are few.
    import datetime

    _cap(monkeypatch, 2, exact_limit=6)
    for day in range(1, 9):
        about = "أوكرانيا" if day % 4 == 0 else "بكين"
        when = datetime.date(2018, 3, day)
        make_article(title=f"{about} {day}", body="نص", date=when, date_precision="day")
    page = client.get("/search/", {"q": "-أوكرانيا"})
    assert [a.title for a in page.context["page"].object_list][:3] == [
        "بكين 7", "بكين 6", "بكين 5",
    ]  # fmt: skip
    assert page.context["summary"]["count"] == 6
    assert page.context["summary"]["exact"] is True
    oldest = client.get("/search/", {"q": "-أوكرانيا", "sort": "oldest"})
    listed = [a.title for a in oldest.context["page"].object_list]
    assert listed[:2] == ["بكين 1", "بكين 2"] and "أوكرانيا 4" not in listed
    api = client.get("/api/search/", {"q": "-أوكرانيا", "sort": "oldest"}).json()
    assert [r["title"] for r in api["results"]] == [
        f"بكين {d}" for d in (1, 2, 3, 5, 6, 7)
    ]
    assert api["count"] == 6

    for day in range(10, 16):  # now the matches are too many to read: an estimate
        when = datetime.date(2018, 3, day)
        make_article(
            title=f"أوكرانيا {day}", body="نص", date=when, date_precision="day"
        )
    page = client.get("/search/", {"q": "-أوكرانيا"})
    assert page.context["summary"]["exact"] is False  # 14 less the index's ~8
    assert "نحو" in page.content.decode()
    assert page.context["page"].object_list[0].title == "بكين 7"


@pytest.mark.django_db
def test_exclusions_with_an_outlet_page_through_that_outlet_only(
    client, make_article, monkeypatch
):
    # The walk reads the outlet's rows in date order a batch at a time and drops
    # the matches: every page holds the outlet's next articles without أوكرانيا,
    # none of another outlet's, none twice, however many batches it takes.
    import datetime

    from archive.models import Article, Outlet

    _cap(monkeypatch, 2, exact_limit=30)  # the outlet's 75 rows are walked
    sana = Outlet.objects.get(name="سانا")
    rt = Outlet.objects.get(name="روسيا اليوم")
    start = datetime.date(2016, 1, 1)
    wanted = []
    for n in range(150):
        when = start + datetime.timedelta(days=n)
        outlet = sana if n % 2 else rt
        about = "أوكرانيا" if n % 3 == 0 else "بكين"
        make_article(
            title=f"{about} {n}", body="نص", date=when, date_precision="day",
            outlet=outlet,
        )  # fmt: skip
        if outlet == sana and about == "بكين":
            wanted.append(f"بكين {n}")
    wanted.reverse()  # newest first
    from archive.search import matching

    batches = []
    checked = matching.matching_ids
    monkeypatch.setattr(
        matching,
        "matching_ids",
        lambda model, ids, q: batches.append(ids) or checked(model, ids, q),
    )
    listed = []
    for number in (1, 2, 3):
        page = client.get(
            "/search/", {"q": "-أوكرانيا", "outlet": sana.slug, "page": number}
        )
        assert page.status_code == 200
        listed += [a.title for a in page.context["page"].object_list]
    assert len(wanted) == 50 and listed == wanted
    # only the outlet's own rows had their vectors read, a batch at a time
    read = [pk for b in batches for pk in b]
    assert batches and set(
        Article.objects.filter(pk__in=read).values_list("outlet", flat=True)
    ) == {sana.pk}
    assert page.context["summary"] == {
        **page.context["summary"],
        "count": 50,
        "exact": True,
    }
    past = client.get("/search/", {"q": "-أوكرانيا", "outlet": sana.slug, "page": 4})
    assert past.status_code == 404


@pytest.mark.parametrize(
    ("query", "titles_found"),
    [
        ("بكين | الطاقة", {"قمة بكين", "منتدى الطاقة"}),
        ("بكين|الطاقة", {"قمة بكين", "منتدى الطاقة"}),
        ("بكين أو الطاقة", {"قمة بكين", "منتدى الطاقة"}),
        ("الغاز AND الروسية", {"منتدى الطاقة"}),
        ("الغاز NOT أوكرانيا", {"منتدى الطاقة"}),
    ],
)
@pytest.mark.django_db
def test_or_and_not_in_every_spelling(make_article, query, titles_found):
    make_article(title="أوكرانيا والغاز", body="الحرب في أوكرانيا")
    make_article(title="قمة بكين", body="التقى الرئيسان في بكين")
    make_article(title="منتدى الطاقة", body="شركات الغاز الروسية")
    assert set(titles(query)) == titles_found


@pytest.mark.django_db
def test_a_prefix_finds_every_word_that_starts_so(client, make_article):
    make_article(title="تقرير", body="النمو الاقتصادي في الصين")
    make_article(title="منتدى", body="والاقتصاد الروسي يتعافى")
    make_article(title="قمة", body="اقتصرت المحادثات على الطاقة")
    assert set(titles("اقتصا*")) == {"تقرير", "منتدى"}
    page = client.get("/search/", {"q": "اقتصا*"})
    assert "كل كلمة تبدأ بـ<strong><bdi>اقتصا</bdi></strong>" in page.content.decode()
    snippets = [str(a.snippet) for a in page.context["page"].object_list]
    assert any("<mark>الاقتصادي</mark>" in s for s in snippets)
    assert any("<mark>والاقتصاد</mark>" in s for s in snippets)
    forms = {f["form"] for f in page.context["matched_forms"][0]["forms"]}
    assert forms == {"الاقتصادي", "والاقتصاد"}
    # Under three letters the prefix would name half the language: said so.
    short = client.get("/search/", {"q": "ا* الصين"})
    assert "البادئة أقصر من 3 أحرف" in short.content.decode()


@pytest.mark.django_db
def test_a_prefix_search_over_a_text_with_a_lone_tatweel_is_shown(client, make_article):
    make_article(title="بيان اقتصادي", body="قال ـ في بيان ً اقتصادي إن الاقتصاد ينمو")
    page = client.get("/search/", {"q": "اقتصا*"})
    assert page.status_code == 200
    assert "<mark>اقتصادي</mark>" in page.content.decode()
