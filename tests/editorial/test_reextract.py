"""Re-extraction works for every kind of source: imported pages and records, pasted
pages, articles written in the admin; what cannot be extracted is reported."""

import pytest

from archive.ingest import SourceId, SourceKind
from archive.models import Article, ArticlePerson, Person
from tests.editorial.conftest import RAW, review_data

# A person the registry does not hold yet, named in the seed page pasted below.
NEWCOMER = "شويجو"


def _reextract(client, article) -> str:
    response = client.post(
        "/admin/archive/article/",
        {"action": "reextract", "_selected_action": [article.pk]},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_pasted_article_is_extracted_again_keeping_the_editors_date(editor):
    Person.objects.filter(name__contains=NEWCOMER).delete()
    response = editor.post("/admin/archive/article/paste/", {"raw": RAW})
    data = review_data(response)
    data["date"] = "2025-12-02"  # the editor corrects the date
    editor.post("/admin/archive/article/paste/", data)
    article = Article.objects.get()
    assert SourceId.parse(article.source_id).kind == SourceKind.PASTE
    assert not article.people.filter(name__contains=NEWCOMER).exists()

    # The registry learns the person; re-extraction finds them in the pasted page.
    Person.objects.create(name="سيرغي شويجو", aliases=[NEWCOMER])
    page = _reextract(editor, article)
    assert "عدد ما تغيّر منه: 1" in page
    article.refresh_from_db()
    assert article.people.filter(name="سيرغي شويجو").exists()
    assert article.date_label == "2 ديسمبر 2025"  # the editor's, not the page's


@pytest.mark.django_db
def test_an_article_written_in_the_admin_is_extracted_again(admin_client):
    response = admin_client.post(
        "/admin/archive/article/add/",
        {
            "title": "بوتين يستقبل شي جين بينغ في الكرملين",
            "body": "قال الرئيس الروسي فلاديمير بوتين إن العلاقات مع الصين قوية.",
            "date": "2025-05-19",
            "date_precision": "day",
            **_empty_inlines(),
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert SourceId.parse(article.source_id).kind == SourceKind.EDITOR
    assert not ArticlePerson.objects.filter(article=article).exists()
    page = _reextract(admin_client, article)
    assert "تعذّرت" not in page
    speakers = article.people.filter(articleperson__role=ArticlePerson.Role.SPEAKER)
    assert list(speakers.values_list("name", flat=True)) == ["فلاديمير بوتين"]
    article.refresh_from_db()
    assert article.title == "بوتين يستقبل شي جين بينغ في الكرملين"


@pytest.mark.django_db
def test_an_article_that_cannot_be_extracted_again_is_reported(
    admin_client, make_article
):
    article = make_article(source_id="ant-1", raw_text="{not json")
    page = _reextract(admin_client, article)
    assert "تعذّرت إعادة استخراج" in page and "not valid JSON" in page
    assert "لم يُعد استخراج أي مقال." in page


def _empty_inlines() -> dict:
    data = {}
    for prefix in ("articleperson_set", "articletheme_set", "quotes"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data
