"""The one filtered list behind the search page, the browse pages, the API and the
exports: the query string read and checked (a 400 with the form's message for bad
values), the search handed to ``archive.search``."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from archive.models import (
    NEWEST_FIRST,
    Article,
    ArticlePerson,
    ArticleTheme,
    Outlet,
    Person,
    Theme,
)
from archive.search import (
    ParsedQuery,
    exclude_matches,
    parse_exclusions,
    parse_query,
    search_articles,
)
from archive.search.calendar import DAY_OR_MONTH, month_span

MAX_DATE_SPAN_DAYS = 366  # date_end - date of an article dated only to its year

# A date as a reader types it: the year first (2018-03-05), or the day first as
# Arabic writes it (5/3/2018); Arabic-Indic digits and / or . between the parts.
READER_DATES = ["%Y-%m-%d", "%d-%m-%Y"]
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹/.", "01234567890123456789--")


class ReaderDateField(forms.DateField):
    """
    >>> f = ReaderDateField(input_formats=READER_DATES)
    >>> [f.clean(v).isoformat() for v in ("2018-03-05", "٥/٣/٢٠١٨", "5.3.2018")]
    ['2018-03-05', '2018-03-05', '2018-03-05']
    """

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().translate(_DIGITS)
        return super().to_python(value)


class ReaderDateFilter(django_filters.DateFilter):
    field_class = ReaderDateField


class SlugMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """``?outlet=sana&outlet=reuters``: values are slugs; an unknown one is a 400."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


class ArticleFilter(django_filters.FilterSet):
    SORTS = [
        ("relevance", "الأكثر صلة"),
        ("newest", "الأحدث"),
        ("oldest", "الأقدم"),
    ]

    q = django_filters.CharFilter(method="filter_search", label="ابحث")
    outlet = SlugMultipleChoiceFilter(
        queryset=Outlet.objects.all(), method="filter_outlet", label="وسيلة الإعلام"
    )
    speaker = SlugMultipleChoiceFilter(
        queryset=Person.objects.all(), method="filter_speaker", label="المتحدث"
    )
    author = SlugMultipleChoiceFilter(
        queryset=Person.objects.all(), method="filter_author", label="الكاتب"
    )
    theme = SlugMultipleChoiceFilter(
        queryset=Theme.objects.all(), method="filter_theme", label="الموضوع"
    )
    year = django_filters.NumberFilter(
        method="filter_year",
        label="السنة",
        widget=forms.NumberInput(attrs={"min": 1900, "max": 2100}),
    )
    month = django_filters.NumberFilter(
        method="filter_month",
        label="الشهر",
        widget=forms.NumberInput(attrs={"min": 1, "max": 12}),
    )
    undated = django_filters.BooleanFilter(method="filter_undated", label="بلا تاريخ")
    date_from = ReaderDateFilter(
        method="filter_date_from", label="من تاريخ", input_formats=READER_DATES
    )
    date_to = ReaderDateFilter(
        method="filter_date_to", label="إلى تاريخ", input_formats=READER_DATES
    )
    sort = django_filters.ChoiceFilter(
        choices=SORTS, method="filter_sort", label="الترتيب", empty_label=None
    )

    class Meta:
        model = Article
        fields = [
            "q", "outlet", "speaker", "author", "theme", "year", "month", "undated",
            "date_from", "date_to",
        ]  # fmt: skip

    def filter_search(self, queryset, name, value):
        excluded = parse_exclusions(value)
        if excluded is not None:
            return exclude_matches(queryset, excluded)  # «-أوكرانيا»: all but
        return search_articles(queryset, value)

    def filter_outlet(self, queryset, name, outlets):
        return queryset.filter(outlet__in=outlets) if outlets else queryset

    def filter_speaker(self, queryset, name, people):
        if not people:
            return queryset
        return queryset.filter(
            Exists(
                ArticlePerson.objects.filter(
                    article=OuterRef("pk"),
                    role=ArticlePerson.Role.SPEAKER,
                    person__in=people,
                )
            )
        )

    def filter_author(self, queryset, name, people):
        if not people:
            return queryset
        authored = Article.authors.through.objects.filter(
            article=OuterRef("pk"), person__in=people
        )
        return queryset.filter(Exists(authored))

    def filter_theme(self, queryset, name, themes):
        if not themes:
            return queryset
        return queryset.filter(
            Exists(
                ArticleTheme.objects.filter(article=OuterRef("pk"), theme__in=themes)
            )
        )

    def filter_year(self, queryset, name, year):
        if year is None:
            return queryset
        start, end = datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31)
        return queryset.filter(date__gte=start, date__lte=end)

    def filter_month(self, queryset, name, month):
        # Only articles known to that month: a date known only to the year is not
        # put in any month.
        if month is None:
            return queryset
        year = self.form.cleaned_data.get("year")
        if year is not None:  # always, once valid: a range the date index reads
            span = month_span(int(year), int(month))
            return queryset.filter(**span, date_precision__in=DAY_OR_MONTH)
        return queryset.filter(date__month=int(month), date_precision__in=DAY_OR_MONTH)

    def filter_undated(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(date__isnull=value)

    # An article dated only to a month or a year is in a range whenever its
    # possible days overlap it.
    def filter_date_from(self, queryset, name, value):
        # The lower bound on ``date`` follows from the one on ``date_end`` (no
        # article spans more than a year); it lets the date index bound the range
        # from both sides instead of reading every article before ``date_to``.
        span = datetime.timedelta(days=MAX_DATE_SPAN_DAYS)
        # max(): 0001-01-01 minus a year is before the first date Python has.
        earliest = max(value, datetime.date.min + span) - span
        return queryset.filter(date_end__gte=value, date__gte=earliest)

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(date__lte=value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied in ``qs`` once every filter has run

    def is_valid(self):
        valid = super().is_valid()
        if valid:
            data = self.form.cleaned_data
            year = data.get("year")
            if year is not None and (not 1900 <= year <= 2100 or year != int(year)):
                self.form.add_error("year", "السنة عدد صحيح بين 1900 و2100.")
                return False
            month = data.get("month")
            if month is not None:
                if not 1 <= month <= 12 or month != int(month):
                    self.form.add_error("month", "الشهر عدد صحيح بين 1 و12.")
                    return False
                if year is None:
                    self.form.add_error("month", "حدّد السنة مع الشهر.")
                    return False
            start, end = data.get("date_from"), data.get("date_to")
            if start and end and start > end:
                self.form.add_error("date_to", "تاريخ النهاية قبل تاريخ البداية.")
                return False
        return valid

    def parsed_query(self) -> ParsedQuery | None:
        """The search of a valid filterset, parsed; None for filters alone."""
        return parse_query(self.form.cleaned_data.get("q"))

    def excluded_query(self) -> ParsedQuery | None:
        """A search of exclusions only («-أوكرانيا»), as what it leaves out."""
        return parse_exclusions(self.form.cleaned_data.get("q") or "")

    def without_search(self) -> "ArticleFilter":
        """The same filters without the search (what the search narrows)."""
        data = self.data.copy()
        data.pop("q", None)
        return ArticleFilter(data, queryset=self.queryset)

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.is_bound else None
        if sort == "oldest":
            return queryset.oldest_first()
        if sort == "newest" or "rank" not in queryset.query.annotations:
            return queryset.newest_first()
        return queryset.order_by("-rank", *NEWEST_FIRST)
