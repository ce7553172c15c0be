"""The independent check behind speaker_support: a speaker link counts as supported
only when the article names the person by a registry spelling or title."""

import pytest

from archive.models import ArticlePerson, Person
from devtools.management.commands.speaker_support import check_links


@pytest.mark.django_db
def test_a_link_to_a_person_the_article_never_names_is_counted(make_article):
    kerry = Person.objects.create(name="جون الاختبار كيري", aliases=["كيري"])
    named = make_article(title="كيري في موسكو", body="وقال كيري إن المحادثات جيدة.")
    unnamed = make_article(title="شاعر", body="ورأت الصحيفة أن أبا تمام شاعر كبير.")
    for article in (named, unnamed):
        ArticlePerson.objects.create(
            article=article, person=kerry, role=ArticlePerson.Role.SPEAKER
        )
    result = check_links()
    assert result.by_person == {kerry.name: 1}
    assert result.examples[kerry.name] == unnamed.source_id
    assert result.links == 2 and result.share == 0.5
