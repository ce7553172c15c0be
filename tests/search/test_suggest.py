"""Did you mean: a search that finds (almost) nothing offers the archive's own
nearest words, Arabic-aware, each a link that runs the search again."""

import re

import pytest

from archive.search import vocabulary


@pytest.fixture
def archive(make_article):
    for i in range(3):
        make_article(title=f"تقرير {i}", body="زار الوفد روسيا ثم بيونغيانغ.")
    make_article(title="آخر", body="زار الوفد روسيا وحدها.")
    vocabulary.refresh()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed, meant",
    [
        ("روسياا", "روسيا"),  # a doubled letter
        ("بيونجيانج", "بيونغيانغ"),  # ج for غ, as Egyptian papers write it
        ("بيونكيانك", "بيونغيانغ"),  # ك for غ
        ("بيونغيانع", "بيونغيانغ"),  # one letter wrong
    ],
)
def test_a_misspelt_word_gets_the_archives_word(client, archive, typed, meant):
    html = client.get("/search/", {"q": typed}).content.decode()
    said = re.search(r'<p class="suggestions"[^>]*>(.*?)</p>', html).group(1)
    assert said.startswith("هل تقصد: ")
    link = re.search(r'<a href="\?([^"]+)"><bdi>([^<]+)</bdi>', said)
    assert link.group(2) == meant
    again = client.get("/search/?" + link.group(1).replace("&amp;", "&"))
    assert again.context["page"].paginator.count >= 3  # the link finds them


@pytest.mark.django_db
def test_the_api_says_the_suggestions_and_a_good_search_gets_none(client, archive):
    found = client.get("/api/search/", {"q": "روسياا", "year": "2001"}).json()
    assert found["count"] == 0
    assert found["suggestions"][0]["form"] == "روسيا"
    assert found["suggestions"][0]["q"] == "روسيا"
    assert client.get("/api/search/", {"q": "روسيا"}).json()["suggestions"] == []
