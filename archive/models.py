from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.text import slugify

from archive.dates import UNKNOWN_DATE_LABEL, DatePrecision, PartialDate
from archive.text import build_tsvector


def unique_slug(model, *candidates: str) -> str:
    """A slug from the first usable candidate (Latin name first), made unique."""
    base = ""
    for candidate in candidates:
        base = slugify(candidate or "", allow_unicode=True)[:80]
        if base:
            break
    base = base or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def alias_field(verbose_name: str):
    return ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        verbose_name=verbose_name,
        help_text="اسم في كل سطر.",
    )


class RegistryEntry(models.Model):
    """What outlets, people and themes share: a unique Arabic name, a Latin one, and
    a slug for their page, made from the Latin name when there is one."""

    name = models.CharField("الاسم", max_length=200, unique=True)
    name_latin = models.CharField("الاسم اللاتيني", max_length=200, blank=True)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)

    detail_url_name = ""  # the URL name of the entry's page

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name_latin, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, args=[self.slug])


class Outlet(RegistryEntry):
    aliases = alias_field("أسماء أخرى")
    is_wire = models.BooleanField(
        "وكالة أنباء تنقل عنها المواقع",
        default=False,
        help_text="سطر مكان باسمها (برلين - رويترز) يدل على مصدر الخبر لا على الناشر.",
    )
    domains = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        verbose_name="نطاقات الموقع",
        help_text="نطاق في كل سطر: aawsat.com",
    )
    country = models.CharField(
        "البلد", max_length=2, blank=True, help_text="رمز البلد: SA، EG، LB…"
    )

    detail_url_name = "outlet-detail"

    class Meta(RegistryEntry.Meta):
        verbose_name = "وسيلة إعلام"
        verbose_name_plural = "وسائل الإعلام"


class Person(RegistryEntry):
    aliases = alias_field("أسماء وتهجئات أخرى")
    role = models.CharField("الصفة", max_length=300, blank=True)
    titles = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        verbose_name="ألقاب تدل عليه",
        help_text=(
            "لقب في كل سطر يدل على الشخص حين يرد بلا اسم، مع سنتي البداية والنهاية "
            "إن لزم: «الرئيس الأمريكي|2017|2020»."
        ),
    )

    detail_url_name = "person-detail"

    class Meta(RegistryEntry.Meta):
        verbose_name = "شخص"
        verbose_name_plural = "الأشخاص"


class Theme(RegistryEntry):
    keywords = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        verbose_name="كلمات مفتاحية",
        help_text="كلمة أو عبارة في كل سطر.",
    )

    detail_url_name = "theme-detail"

    class Meta(RegistryEntry.Meta):
        verbose_name = "موضوع"
        verbose_name_plural = "الموضوعات"


# Unknown dates sort last, never as if they were the newest (or the oldest); the id
# breaks ties so a list's order, and so its pages, never change between requests.
NEWEST_FIRST = (F("date").desc(nulls_last=True), "-id")
OLDEST_FIRST = (F("date").asc(nulls_last=True), "id")


class ArticleQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def oldest_first(self):
        return self.order_by(*OLDEST_FIRST)

    def with_relations(self):
        """With what a list or an article page shows beside the text: the outlet,
        the speakers (``speaker_links``, by name) and the themes (by name)."""
        return self.select_related("outlet").prefetch_related(
            models.Prefetch(
                "articleperson_set",
                queryset=ArticlePerson.objects.filter(role=ArticlePerson.Role.SPEAKER)
                .select_related("person")
                .order_by("person__name"),
                to_attr="speaker_links",
            ),
            models.Prefetch("themes", queryset=Theme.objects.order_by("name")),
            "authors",
        )


class Article(models.Model):
    # Fields the importer extracts; an editor's change to any of them is kept
    # (see ``editor_fields``) and never overwritten by a later extraction.
    EXTRACTED_FIELDS = (
        "title",
        "body",
        "dateline",
        "byline",
        "date",
        "date_precision",
        "outlet",
        "people",
        "themes",
        "quotes",
        "authors",
    )

    source_id = models.CharField(
        "معرّف المصدر",
        max_length=255,
        unique=True,
        help_text="مفتاح ثابت: اسم الملف الخام أو معرّف السجل في ملف JSONL.",
    )
    title = models.TextField("العنوان")
    body = models.TextField("النص")
    dateline = models.CharField("سطر المكان", max_length=200, blank=True)
    # The byline as the page writes it, which the body does not keep.
    byline = models.CharField("سطر الكاتب", max_length=500, blank=True)
    raw_text = models.TextField("النص الخام كما استُورد")
    date = models.DateField("التاريخ", null=True, blank=True)
    date_precision = models.CharField(
        "دقة التاريخ",
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    # The last day the date can mean ("مايو 2025" -> 2025-05-31), so a date range
    # finds an article whenever its date may fall inside, never on an invented day.
    date_end = models.DateField(null=True, blank=True, editable=False)
    outlet = models.ForeignKey(
        Outlet,
        verbose_name="وسيلة الإعلام",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    people = models.ManyToManyField(
        Person, through="ArticlePerson", blank=True, related_name="articles",
        verbose_name="الأشخاص",
    )  # fmt: skip
    themes = models.ManyToManyField(
        Theme, through="ArticleTheme", blank=True, related_name="articles",
        verbose_name="الموضوعات",
    )  # fmt: skip
    # Who wrote it, as its byline says («بقلم …», «مراسل … في …، …»): a person may
    # also speak in other articles, or in this one.
    authors = models.ManyToManyField(
        Person, blank=True, related_name="authored", verbose_name="الكتّاب"
    )
    url = models.URLField("الرابط الأصلي", max_length=1000, blank=True)
    source_file = models.CharField("الملف المصدر", max_length=500, blank=True)
    content_hash = models.CharField(
        "بصمة المحتوى", max_length=64, db_index=True, editable=False
    )
    editor_fields = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        verbose_name="حقول عدّلها محرر",
        help_text="لا يغيّر الاستيراد أو الاستخراج الآلي هذه الحقول.",
    )
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField("أضيف في", auto_now_add=True)
    updated_at = models.DateTimeField("عُدّل في", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "مقال"
        verbose_name_plural = "المقالات"
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            models.Index(F("date").desc(nulls_last=True), "id", name="article_date"),
            # Oldest first keeps the undated last too, which no backward scan of
            # article_date gives (it would put them first): without this index a
            # list sorted oldest first sorted every match (3.4 s for الصين at 1M).
            models.Index(
                F("date").asc(nulls_last=True), "id", name="article_date_oldest"
            ),
            # One outlet's articles newest first, read in order: a common word in
            # one outlet walks only that outlet's rows (at 1M, 500 matches of روسيا
            # in one outlet: 133 -> 8 ms), and so does a list of one outlet.
            models.Index(
                "outlet",
                F("date").desc(nulls_last=True),
                "id",
                name="article_outlet_date",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The vector is rebuilt on every save, so it never lags behind the text;
        # bulk updates that bypass save() are followed by ``rebuild_search_vectors``.
        # The importer's workers may have built it already for this very text.
        prebuilt = getattr(self, "prebuilt_vector", None)
        self.search_vector = prebuilt or self.build_search_vector()
        self.prebuilt_vector = None
        partial = (
            PartialDate.from_stored(self.date, self.date_precision)
            if self.date
            else None
        )
        # A date is stored as the first day it can mean, with its last day beside it.
        self.date = partial.as_date() if partial else None
        self.date_end = partial.last_day() if partial else None
        if partial is None:
            self.date_precision = DatePrecision.UNKNOWN
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("article-detail", args=[self.pk])

    def clean(self):
        if self.date and self.date_precision == DatePrecision.UNKNOWN:
            raise ValidationError(
                {"date_precision": "للتاريخ المدخل دقة: يوم أو شهر أو سنة."}
            )
        if not self.date and self.date_precision != DatePrecision.UNKNOWN:
            raise ValidationError({"date": "أدخل التاريخ أو اجعل دقته «غير معروف»."})

    def build_search_vector(self) -> str:
        return build_tsvector([(self.title, "A"), (self.body, "C")])

    @property
    def partial_date(self) -> PartialDate | None:
        return PartialDate.from_stored(self.date, self.date_precision)

    @property
    def date_label(self) -> str:
        """'19 مايو 2025', 'يناير 2025', '2025' or 'تاريخ غير معروف'."""
        partial = self.partial_date
        return partial.label() if partial else UNKNOWN_DATE_LABEL

    @property
    def date_iso(self) -> str | None:
        partial = self.partial_date
        return partial.iso() if partial else None

    def speakers(self):
        return self.people.filter(articleperson__role=ArticlePerson.Role.SPEAKER)


class ArticlePerson(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", "متحدث"
        MENTIONED = "mentioned", "مذكور"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, verbose_name="المقال"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, verbose_name="الشخص")
    role = models.CharField("الدور", max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person"], name="unique_article_person"
            )
        ]
        verbose_name = "شخص في مقال"
        verbose_name_plural = "أشخاص في المقال"

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Quote(models.Model):
    """A direct quotation in an article, attributed to the person who said it."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="quotes", verbose_name="المقال"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="quotes", verbose_name="القائل",
    )  # fmt: skip
    text = models.TextField("نص الاقتباس")
    position = models.PositiveIntegerField("الموضع في النص", default=0)

    class Meta:
        ordering = ["article", "position"]
        verbose_name = "اقتباس"
        verbose_name_plural = "الاقتباسات"

    def __str__(self) -> str:
        return f"{self.person or '؟'}: {self.text[:60]}"


class SuggestionStatus(models.TextChoices):
    """Where an editor is with a suggestion (a speaker, an outlet)."""

    PENDING = "pending", "بانتظار المراجعة"
    ACCEPTED = "accepted", "مقبول"
    REJECTED = "rejected", "مرفوض"


class Suggestion(models.Model):
    """A name an article gives that the registry lacks, for an editor to accept
    (archive.editorial.suggestions) or reject."""

    Status = SuggestionStatus

    name = models.CharField("الاسم كما ورد", max_length=200)
    status = models.CharField(
        "الحالة", max_length=10, choices=Status.choices, default=Status.PENDING
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class SpeakerSuggestion(Suggestion):
    """Someone who speaks in an article but is not in the registry yet."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="speaker_suggestions"
    )
    context = models.TextField("السياق", blank=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL,
        verbose_name="الشخص في السجل",
    )  # fmt: skip

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "name"], name="unique_suggestion_per_article"
            )
        ]
        verbose_name = "متحدث مقترح"
        verbose_name_plural = "متحدثون مقترحون"


class OutletSuggestion(Suggestion):
    """An outlet a page names that the registry does not hold: an editor adds it to
    the registry (and to every article that names it) or rejects it."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="outlet_suggestions"
    )
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL,
        verbose_name="الوسيلة في السجل",
    )  # fmt: skip

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "name"], name="unique_outlet_suggestion"
            )
        ]
        verbose_name = "وسيلة إعلام مقترحة"
        verbose_name_plural = "وسائل إعلام مقترحة"


class ArticleTheme(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, verbose_name="المقال"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, verbose_name="الموضوع")
    score = models.FloatField("الدرجة", default=1.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "theme"], name="unique_article_theme"
            )
        ]
        verbose_name = "موضوع مقال"
        verbose_name_plural = "موضوعات المقال"

    def __str__(self) -> str:
        return f"{self.theme} ({self.score:.2f})"


class Word(models.Model):
    """The archive's own vocabulary, read from the search vectors after imports
    (``archive.search.vocabulary``): every written form (``=`` marked) and every
    search key, with the number of articles holding it. Keys carry the ``base``
    the archive's evidence reduces them to (وشعب -> شعب), so a query word meets
    forms the frequency table of general Arabic does not know."""

    lexeme = models.TextField(primary_key=True)
    articles = models.IntegerField()
    base = models.TextField(blank=True, default="", db_index=True)

    class Meta:
        verbose_name = "كلمة من مفردات الأرشيف"
        verbose_name_plural = "مفردات الأرشيف"

    def __str__(self) -> str:
        return self.lexeme
