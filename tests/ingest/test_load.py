"""Importing writes clean, correct records: idempotent, atomic, editor-safe."""

import json

import pytest
from django.core.management import call_command

from archive.dates import DatePrecision
from archive.ingest.importer import PARALLEL_MIN, Importer
from archive.models import Article, Outlet
from archive.search import search_articles
from tests.conftest import SEEDS


def run_import(*paths, capsys=None):
    """Run the command; returns (exit code, stdout, stderr)."""
    try:
        call_command("import_articles", *map(str, paths))
        code = 0
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr() if capsys else ("", "")
    return code, out, err


@pytest.mark.django_db
def test_seeds_import_with_clean_titles_dates_and_outlets(capsys):
    code, out, _ = run_import(SEEDS, capsys=capsys)
    assert code == 0
    assert out.strip().endswith("imported 5, unchanged 0, failed 0")
    rows = {
        a.source_file: (a.date_label, a.outlet.name if a.outlet else None)
        for a in Article.objects.select_related("outlet")
    }
    assert rows == {
        "000_c6ac74b73e1760cb.txt": ("يناير 2025", None),
        "001_8d2d2c35a449af77.txt": ("19 مايو 2025", None),
        "002_142ec7222232bc80.txt": ("3 ديسمبر 2025", "Next News"),
        "003_a497809c63d4f4d8.txt": ("تاريخ غير معروف", "سانا"),
        "004_18d75c9059457d1f.txt": ("تاريخ غير معروف", "اتحاد العالم الإسلامي"),
    }


@pytest.mark.django_db
def test_raw_text_is_kept_verbatim(seeded):
    article = seeded["page:004_18d75c9059457d1f"]
    assert article.raw_text == (SEEDS / "004_18d75c9059457d1f.txt").read_text("utf-8")
    assert "rss0.xml" in article.raw_text and "rss0.xml" not in article.body


@pytest.mark.django_db
def test_a_page_saved_with_windows_line_endings_is_the_same_page(tmp_path, capsys):
    text = (SEEDS / "002_142ec7222232bc80.txt").read_text("utf-8")
    (tmp_path / "002_142ec7222232bc80.txt").write_bytes(
        text.replace("\n", "\r\n").encode()
    )
    run_import(tmp_path, capsys=capsys)
    article = Article.objects.get()
    assert article.raw_text == text  # verbatim but for the line endings
    # The same page with \n endings is no change.
    code, out, _ = run_import(SEEDS / "002_142ec7222232bc80.txt", capsys=capsys)
    assert out.strip().endswith("imported 0, unchanged 1, failed 0")


@pytest.mark.django_db
def test_reimport_changes_nothing(capsys):
    run_import(SEEDS, capsys=capsys)
    before = {a.pk: (a.updated_at, a.title) for a in Article.objects.all()}
    code, out, _ = run_import(SEEDS, capsys=capsys)
    assert code == 0
    assert out.strip().endswith("imported 0, unchanged 5, failed 0")
    assert {a.pk: (a.updated_at, a.title) for a in Article.objects.all()} == before


@pytest.mark.django_db
def test_editor_correction_survives_reimport_of_a_changed_page(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("عنوان أول\n19/5/2025\nنص الخبر.", encoding="utf-8")
    run_import(page, capsys=capsys)
    article = Article.objects.get()
    article.title = "عنوان صححه المحرر"
    article.editor_fields = ["title"]
    article.save()

    page.write_text("عنوان ثان\n20/5/2025\nنص الخبر المعدل.", encoding="utf-8")
    code, out, _ = run_import(page, capsys=capsys)
    article.refresh_from_db()
    assert code == 0
    assert article.title == "عنوان صححه المحرر"  # the editor's value stays
    assert article.date_iso == "2025-05-20"  # automatic fields follow the page
    assert article.body == "نص الخبر المعدل."


@pytest.mark.django_db
def test_bad_files_are_reported_and_the_rest_import(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("عنوان\nنص الخبر.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "title-only.txt").write_text("عنوان فقط", encoding="utf-8")
    code, out, err = run_import(tmp_path, capsys=capsys)
    assert code == 1
    assert out.strip().endswith("imported 1, unchanged 0, failed 3")
    assert "empty.txt: the file is empty" in err
    assert "binary.txt: the file is binary" in err
    assert "title-only.txt: no article found" in err
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_windows_1256_page_is_decoded(tmp_path, capsys):
    (tmp_path / "legacy.txt").write_bytes("عنوان الخبر\nنص الخبر.".encode("cp1256"))
    code, _, _ = run_import(tmp_path, capsys=capsys)
    assert code == 0
    assert Article.objects.get().title == "عنوان الخبر"


def corpus_line(**overrides):
    record = {
        "id": "ant-SK-internationalNews-100-20180223",
        "title": "مالي.. عشرات القتلى من الإرهابيين في عملية عسكرية فرنسية",
        "date": "2018-02-23",
        "outlet": "سكاي نيوز عربية",
        "url": "https://www.skynewsarabia.com/web/article/1024332",
        "body": "قتل الجيش الفرنسي عشرات المسلحين.\nوقال المتحدث إن العملية مستمرة.",
        "source_dataset": "ANT Corpus v2.1 (multi-source)",
        "outlet_en": "Sky News Arabia",
    }
    record.update(overrides)
    return json.dumps(record, ensure_ascii=False)


@pytest.mark.django_db
def test_jsonl_records_import_and_bad_lines_fail_alone(tmp_path, capsys):
    lines = [
        corpus_line(),
        "{not json",
        corpus_line(id="ant-x-2", date="2018-02-30"),
        corpus_line(
            id="ant-x-3", date=None, outlet="منفذ جديد", outlet_en="New Outlet"
        ),
    ]
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run_import(path, capsys=capsys)
    assert code == 1
    assert out.strip().endswith("imported 2, unchanged 0, failed 2")
    assert "sample.jsonl:2: not valid JSON" in err
    assert "sample.jsonl:3: date '2018-02-30' is not YYYY-MM-DD" in err
    first = Article.objects.get(source_id="ant-SK-internationalNews-100-20180223")
    assert first.outlet.name == "سكاي نيوز عربية"  # the registry entry, not a copy
    assert first.date_iso == "2018-02-23"
    assert (
        first.body
        == "قتل الجيش الفرنسي عشرات المسلحين.\n\nوقال المتحدث إن العملية مستمرة."
    )
    third = Article.objects.get(source_id="ant-x-3")
    assert third.date_precision == DatePrecision.UNKNOWN and third.date is None
    assert Outlet.objects.get(name="منفذ جديد").name_latin == "New Outlet"


@pytest.mark.django_db
def test_search_vector_follows_the_text(make_article):
    article = make_article(title="قمة", body="نص عن الاقتصاد")
    article.body = "نص عن الطاقة"
    article.save()
    assert list(search_articles(Article.objects.all(), "الطاقة")) == [article]
    assert list(search_articles(Article.objects.all(), "الاقتصاد")) == []


PAGE = """بوتين وشي يبحثان التعاون في مجال الطاقة
موسكو - سانا
19/5/2025
قال الرئيس الروسي فلاديمير بوتين إن روسيا مستعدة لزيادة صادرات الغاز إلى الصين.
وأضاف: «نحن نعمل معا على مشروع خط أنابيب قوة سيبيريا الثاني».
وقال الناطق باسم وزارة الخارجية الصينية تشانغ جيانمين للصحفيين إن الزيارة ناجحة.
وتلتقي بكين وموسكو في إطار منظمة شنغهاي للتعاون ومجموعة بريكس.
"""


@pytest.mark.django_db
def test_import_records_speakers_quotes_and_suggestions(tmp_path, capsys):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    run_import(tmp_path, capsys=capsys)
    article = Article.objects.get()
    assert [p.name for p in article.speakers()] == ["فلاديمير بوتين"]
    quote = article.quotes.get()
    assert quote.person.name == "فلاديمير بوتين"
    assert quote.text == "نحن نعمل معا على مشروع خط أنابيب قوة سيبيريا الثاني"
    # The position points into the body.
    assert article.body[quote.position :].startswith("«نحن نعمل")
    assert list(article.speaker_suggestions.values_list("name", flat=True)) == [
        "تشانغ جيانمين"
    ]


@pytest.mark.django_db
def test_reextract_refreshes_automatic_fields_and_keeps_the_editors(capsys):
    from django.core.management import call_command

    call_command("import_articles", str(SEEDS), quiet=True)
    article = Article.objects.get(source_id="page:003_a497809c63d4f4d8")
    article.title = "عنوان المحرر"
    article.editor_fields = ["title"]
    article.dateline = "مكان خاطئ"  # an automatic field gone stale
    article.save()
    article.articleperson_set.all().delete()
    capsys.readouterr()
    call_command("reextract")
    out = capsys.readouterr().out
    article.refresh_from_db()
    assert article.title == "عنوان المحرر"
    assert article.dateline == "بكين-سانا"
    assert "dateline 1" in out and "people 1" in out
    assert {p.name for p in article.speakers()} == {"فلاديمير بوتين", "شي جين بينغ"}


@pytest.mark.django_db
def test_editor_set_people_survive_reimport(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    run_import(page, capsys=capsys)
    article = Article.objects.get()
    article.articleperson_set.all().delete()
    article.editor_fields = ["people"]
    article.save()
    page.write_text(PAGE + "وأكد بوتين أن التعاون سيستمر.\n", encoding="utf-8")
    run_import(page, capsys=capsys)
    assert not article.articleperson_set.exists()  # the editor removed them


@pytest.mark.django_db(transaction=True)
def test_large_jsonl_extracts_in_worker_processes_with_the_same_result(tmp_path):

    body = "قال الرئيس الروسي فلاديمير بوتين إن صادرات الغاز إلى الصين سترتفع."
    lines = [
        corpus_line(id=f"ant-x-{i}", title=f"الغاز الروسي {i}", body=body)
        for i in range(PARALLEL_MIN + 6)
    ]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    importer = Importer(workers=2)
    try:
        statuses = {r.status for r in importer.import_path(path)}
    finally:
        importer.close()
    assert statuses == {"imported"}
    serial = Article(title="الغاز الروسي 0", body=body).build_search_vector()
    article = Article.objects.get(source_id="ant-x-0")
    assert [p.name for p in article.speakers()] == ["فلاديمير بوتين"]
    assert "energy" in set(article.themes.values_list("slug", flat=True))
    # The vector a worker built is the one the article would build itself.
    assert list(search_articles(Article.objects.filter(pk=article.pk), "الغاز"))
    assert article.build_search_vector() == serial
