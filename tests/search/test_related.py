"""Other coverage of the same event on an article page, with copies of the same wire
story marked as near-duplicates."""

import datetime

import pytest

from archive.models import ArticlePerson, Outlet, Person
from archive.search.related import other_coverage

WIRE = (
    "أكد الرئيس الروسي فلاديمير بوتين خلال لقائه نظيره الصيني شي جين بينغ في موسكو "
    "أن العلاقات بين البلدين بلغت مستوى غير مسبوق من الثقة، مشيرا إلى أن حجم "
    "التبادل التجاري تجاوز مئة مليار دولار للمرة الأولى. وأضاف أن الجانبين اتفقا "
    "على توسيع التعاون في مجال الطاقة ومد خط جديد لنقل الغاز إلى شمال الصين، "
    "فضلا عن مشروعات مشتركة في البنية التحتية والنقل بالسكك الحديدية."
)


@pytest.mark.django_db
def test_a_copy_of_the_same_wire_story_is_marked_and_other_coverage_is_not(
    make_article,
):
    putin = Person.objects.get(name_latin="Vladimir Putin")
    sana, rt = Outlet.objects.get(name="سانا"), Outlet.objects.get(name="روسيا اليوم")
    day = datetime.date(2018, 3, 5)

    def article(title, body, outlet, date=day):
        a = make_article(
            title=title, body=body, outlet=outlet, date=date, date_precision="day"
        )
        ArticlePerson.objects.create(article=a, person=putin, role="speaker")
        return a

    original = article("بوتين وشي في موسكو", WIRE, sana)
    # The same story the next day elsewhere: its own lead, diacritics, hamza
    # spelled otherwise (أكّد, إلى/الى), the rest as the wire wrote it.
    copy_body = "موسكو - وكالات\n\n" + WIRE.replace("أكد", "أكّد").replace("إلى", "الى")
    copy = article("قمة موسكو", copy_body, rt, day + datetime.timedelta(days=1))
    other = article(
        "بوتين يتحدث عن سوريا",
        "قال الرئيس الروسي فلاديمير بوتين إن الحل السياسي في سوريا ما زال ممكنا "
        "وإن موسكو مستعدة لمواصلة المشاورات مع جميع الأطراف في جنيف وأستانا.",
        rt,
    )
    article("قمة قديمة", WIRE, rt, day - datetime.timedelta(days=30))  # too far

    # None of them has a theme: shared speakers alone find the coverage (an
    # empty theme list once emptied the whole query).
    shown = dict(other_coverage(original))
    assert shown == {copy: True, other: False}
    assert dict(other_coverage(copy))[original] is True


@pytest.mark.django_db
def test_shared_themes_alone_find_coverage_and_speakers_add_to_them(make_article):
    from archive.models import ArticleTheme, Theme

    putin = Person.objects.get(name_latin="Vladimir Putin")
    energy, economy = Theme.objects.all()[:2]
    day = datetime.date(2018, 3, 5)

    def article(title, themes=(), speakers=()):
        a = make_article(title=title, body=title, date=day, date_precision="day")
        for theme in themes:
            ArticleTheme.objects.create(article=a, theme=theme)
        for person in speakers:
            ArticlePerson.objects.create(article=a, person=person, role="speaker")
        return a

    gas = article("خط الغاز", themes=[energy])
    same_theme = article("أسعار النفط", themes=[energy])
    assert dict(other_coverage(gas)) == {same_theme: False}  # no speaker at all

    summit = article("القمة", themes=[energy, economy], speakers=[putin])
    closer = article("بوتين والطاقة", themes=[energy], speakers=[putin])
    # most shared first: a speaker and a theme before one theme alone
    assert [a for a, _ in other_coverage(summit)][:1] == [closer]
    assert set(dict(other_coverage(summit))) == {gas, same_theme, closer}
