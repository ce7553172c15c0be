"""Speakers, people mentioned, quotes and suggestions, from paragraphs alone."""

import pytest

from archive.ingest.people import build_entry, find_people

REGISTRY = [
    build_entry(
        "فلاديمير بوتين", ["بوتين", "بوتن"], "Vladimir Putin", ["الرئيس الروسي|2012"]
    ),
    build_entry(
        "شي جين بينغ",
        ["شي جين بينج", "جين بينغ", "الرئيس شي"],
        "Xi Jinping",
        ["الرئيس الصيني|2013"],
    ),
    build_entry("سيرغي لافروف", ["لافروف"], "Sergey Lavrov", []),
    build_entry(
        "دونالد ترامب",
        ["ترامب", "ترمب"],
        "Donald Trump",
        ["الرئيس الأمريكي|2017|2020", "الرئيس الأمريكي|2025"],
    ),  # fmt: skip
    build_entry("لويس إيناسيو لولا دا سيلفا", ["لولا"], "Lula", []),
]


def people(*paragraphs, year=2018):
    return find_people(list(paragraphs), REGISTRY, year)


@pytest.mark.parametrize(
    "sentence",
    [
        "قال الرئيس الروسي فلاديمير بوتين إن العلاقات جيدة.",
        "وأكد بوتين أن روسيا مستعدة للحوار.",
        "وأوضح بوتن، الجمعة، أن الاتفاق نهائي.",
        "بوتين قال إن المحادثات كانت مثمرة.",
        "وفقا لبوتين فإن المشروع سيكتمل قريبا.",
        "وشدد الرئيس الروسي على أهمية الحوار.",  # the title alone, in 2018
    ],
)
def test_verbs_of_saying_make_a_speaker(sentence):
    found = people(sentence)
    assert found.speakers == ["فلاديمير بوتين"]


@pytest.mark.parametrize(
    "sentence",
    [
        "التقى لافروف بوتين في موسكو.",
        "قال لافروف إن بوتين سيزور الصين.",  # Lavrov speaks; Putin is talked about
        "وكان ترامب قال إن توقعاته من لقائه ببوتن منخفضة.",
        "الكرملين يعلق على عدم تهنئة ترامب لبوتن",
    ],
)
def test_people_talked_about_are_only_mentioned(sentence):
    assert "فلاديمير بوتين" in people(sentence).mentioned


def test_a_title_names_its_holder_of_that_year():
    assert people("وقال الرئيس الأمريكي إن الرسوم باقية.", year=2018).speakers == [
        "دونالد ترامب"
    ]
    # In 2022 the title had another holder, unknown to this registry: nobody.
    assert people("وقال الرئيس الأمريكي إن الرسوم باقية.", year=2022).speakers == []


def test_quotes_go_to_their_speaker_including_the_next_sentence():
    found = people(
        "وقال شي جين بينغ: «إن العلاقات الصينية الروسية في أفضل مراحلها».",
        "وأضاف: «سنعمل معا من أجل السلام والاستقرار».",
    )
    assert found.speakers == ["شي جين بينغ"]
    assert [(q.speaker, q.text) for q in found.quotes] == [
        ("شي جين بينغ", "إن العلاقات الصينية الروسية في أفضل مراحلها"),
        ("شي جين بينغ", "سنعمل معا من أجل السلام والاستقرار"),
    ]


def test_scare_quotes_are_not_quotations():
    found = people('وأكد لافروف أن التنسيق بلغ مستوى "غير مسبوق".')
    assert found.speakers == ["سيرغي لافروف"]
    assert found.quotes == []


def test_a_name_inside_a_quotation_is_not_its_speaker():
    found = people('وقال لافروف: "الرئيس بوتين سيحضر القمة في بكين".')
    assert found.speakers == ["سيرغي لافروف"]
    assert found.mentioned == ["فلاديمير بوتين"]


def test_unknown_speaker_becomes_a_suggestion():
    found = people(
        "وقال الناطق باسم وزارة الخارجية الصينية لو كانغ للصحفيين إن الحوار ضروري."
    )
    assert [name for name, _ in found.suggestions] == ["لو كانغ"]


def test_anonymous_sources_are_no_suggestion():
    assert people("وقال مصدر مطلع، إن المحادثات ستستأنف.").suggestions == []


def test_a_common_word_is_no_alias():
    # لولا is Lula's name, and far more often "if not".
    assert people("لولا الدعم الروسي لما صمد الاتفاق.").mentioned == []


LOOKALIKES = [
    build_entry("جون كيري", ["كيري"], "John Kerry", []),
    build_entry("مارك روته", ["روته"], "Mark Rutte", []),
    build_entry("وليد المعلم", ["المعلم"], "Walid al-Muallem", []),
    build_entry("بشار الأسد", ["الأسد"], "Bashar al-Assad", []),
]


@pytest.mark.parametrize(
    "sentence",
    [
        # كيري would stem to the verb رأى (ك + يري): names never match by stem.
        "ورأت الصحيفة أن العلاقات تتحسن.",
        "وقالت إنها ترى أن الحل قريب.",
        "ويروي الكاتب قصة اللقاء، كما روى شهود ما جرى.",
        # A one-word alias that is a common word needs a title before it.
        "وقال المعلمين إن المدارس مغلقة.",
        "وقال المعلم إن الدروس ستستأنف الأحد.",
        "وقال إن الأسد رمز الشجاعة في الحكايات.",
    ],
)
def test_words_that_look_like_a_name_name_nobody(sentence):
    found = find_people([sentence], LOOKALIKES, 2018)
    assert found.speakers == [] and found.mentioned == []


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("وقال كيري إن الاتفاق صامد.", "جون كيري"),
        ("وأكد لكيري أن الاتفاق صامد.", None),  # spoken to, not speaking: no speaker
        ("وقال الوزير المعلم إن دمشق ترحب بالمبادرة.", "وليد المعلم"),
        ("وأكد الرئيس السوري الأسد أن الحل سياسي.", "بشار الأسد"),
        ("وقال وليد المعلم إن دمشق ترحب بالمبادرة.", "وليد المعلم"),
        ("وقال روته إن الحلف موحد.", "مارك روته"),
    ],
)
def test_a_name_written_with_its_clitics_still_names_the_person(sentence, speaker):
    found = find_people([sentence], LOOKALIKES, 2018)
    assert found.speakers == ([speaker] if speaker else [])
    if speaker is None:
        assert found.mentioned == ["جون كيري"]


def test_a_quote_relayed_from_another_source_is_not_the_speakers():
    found = people(
        "وقال بوتين، نقلا عن مصدر في الكرملين: «إن المحادثات مع الصين ناجحة جدا»."
    )
    assert found.quotes == []


def test_a_fragment_cut_from_a_quote_is_no_quote():
    found = people("وقال بوتين: «، وأضاف أن المحادثات كانت مثمرة جدا»")
    assert found.quotes == []


def test_a_statement_that_only_cites_a_claim_is_not_the_claimants_quote():
    # The Pentagon statement: Putin is named inside its words.
    found = people(
        'وقالت وزارة الدفاع الأمريكية في بيان: "إن هذه الأرقام غير صحيحة وفقا لزعم'
        ' الرئيس بوتين ونحن نشك في دقتها".'
    )
    assert found.quotes == [] and found.speakers == []


def test_a_quote_after_kama_tabi_qailan_is_the_subjects():
    found = people(
        "وقال الرئيس فلاديمير بوتين إن العلاقات جيدة، كما تابع قائلاً"
        ' "إن العقوبات لن تؤثر على الاقتصاد الروسي".'
    )
    assert [(q.speaker, q.text) for q in found.quotes] == [
        ("فلاديمير بوتين", "إن العقوبات لن تؤثر على الاقتصاد الروسي")
    ]


@pytest.mark.parametrize("quoted", ["«الشراكة الشاملة»", "«لا»", "«خطوة مهمة»"])
def test_a_term_in_quotation_marks_is_no_quote(quoted):
    assert people(f"وقال بوتين إن {quoted} تصف العلاقة مع الصين.").quotes == []


def test_a_common_word_alias_names_the_person_the_article_already_named():
    alone = find_people(["وقال الأسد إن الحل سياسي."], LOOKALIKES, 2018)
    assert alone.speakers == [] and alone.mentioned == []
    after = find_people(
        [
            "استقبل بوتين نظيره السوري بشار الأسد في سوتشي.",
            'من جانبه، قال الأسد: "يسعدني أن نلتقي اليوم مرة أخرى".',
        ],
        LOOKALIKES,
        2018,
    )
    assert after.speakers == ["بشار الأسد"]
    assert [q.speaker for q in after.quotes] == ["بشار الأسد"]


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        # The subject opening the sentence, «قائلا» after what it did.
        (
            "لكن الرئيس الأمريكي، دونالد ترامب، وجه إنذارا للقوى الأوروبية يوم"
            ' 12 يناير، قائلا إنه يتعين عليها "إصلاح العيوب في الاتفاق".',
            ["دونالد ترامب"],
        ),
        # Not the subject: «فريق ترامب» speaks, not Trump.
        ("ورفض فريق ترامب التعليق على التقرير، مؤكدا أن المحللين أخطأوا.", []),
    ],
)
def test_the_subject_of_a_sentence_that_goes_on_qailan_speaks(sentence, speakers):
    assert people(sentence).speakers == speakers


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # A name may start with و (Wang); the comma ends it.
        ("وحذر وانغ مينغلينغ، وهو باحث عسكري في جامعة الدفاع، من أن بكين ستتحرك.",
         "وانغ مينغلينغ"),
        # Between a title and its verb; «وود» inside a name is no conjunction.
        ("ولكن المندوب الأمريكي روبرت وود استنكر في كلمته ما طرحه الوزير.",
         "روبرت وود"),
        ("وقال محمد حمادة، محامي الطفل، إن الأسرة قدمت شكوى.", "محمد حمادة"),
    ],
)  # fmt: skip
def test_a_speaker_the_registry_lacks_is_suggested_by_the_whole_name(sentence, name):
    assert [n for n, _ in people(sentence).suggestions] == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "وقال وهو يغادر القاعة إن المحادثات صعبة.",  # «وهو»: "and he"
        "وأكد المتحدث أن الوفد وصل، وقال إن المحادثات مستمرة.",
    ],
)
def test_words_with_a_conjunction_are_no_suggested_name(sentence):
    assert people(sentence).suggestions == []


def test_a_former_holders_title_is_not_this_years_holder():
    # In 2018 «الرئيس الروسي» is Putin; «الرئيس الروسي السابق» is not.
    assert people("وأشار الرئيس الروسي السابق إلى أن الحرب طويلة.").speakers == []
    assert people("وأشار الرئيس الروسي إلى أن الحرب طويلة.").speakers == [
        "فلاديمير بوتين"
    ]


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        # After «إن» comes what was said: the name there is reported, not speaking.
        ("وقالت وزارة الخارجية الهندية إن بوتين سيقوم بجولة في القصر.", []),
        ("وبحسب الوزير فإن الرئيس الروسي، فلاديمير بوتين، كان واضحا جدا.", []),
        # A title, the name set off by commas, then the verb: the name speaks.
        ("ذكرت الوكالة أن الرئيس الروسي، فلاديمير بوتين، قال لنظيره إن الاتفاق جيد.",
         ["فلاديمير بوتين"]),
    ],
)  # fmt: skip
def test_who_speaks_and_who_is_only_reported(sentence, speakers):
    assert people(sentence).speakers == speakers


def test_a_title_in_the_dual_names_no_one():
    found = people("وصدر بيان في ختام لقاء الرئيسين الروسي والصيني، شدد على العلاقات.")
    assert found.speakers == []


def test_a_verb_after_a_name_belongs_to_the_subject_that_follows_it():
    found = people(
        "وردا على سؤال بشأن ما قد يطلبه من الرئيس الحالي بوتين، قال الرئيس"
        " الصيني شي جين بينغ إن العلاقات جيدة."
    )
    assert found.speakers == ["شي جين بينغ"]
