"""The one filtered list behind the search page and the API."""

import django_filters
from django.db.models import F

from archive import search
from archive.models import Article


class ArticleFilter(django_filters.FilterSet):
    SORTS = [
        ("relevance", "الأكثر صلة"),
        ("newest", "الأحدث"),
        ("oldest", "الأقدم"),
    ]

    q = django_filters.CharFilter(method="filter_search", label="ابحث")
    sort = django_filters.ChoiceFilter(
        choices=SORTS, method="filter_sort", label="الترتيب", empty_label=None
    )

    class Meta:
        model = Article
        fields = ["q", "sort"]

    def filter_search(self, queryset, name, value):
        return search.search_articles(queryset, value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied in ``qs`` once every filter has run

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.is_bound else None
        newest = (F("date").desc(nulls_last=True), "-id")
        if sort == "oldest":
            return queryset.order_by(F("date").asc(nulls_last=True), "id")
        if sort == "newest" or "rank" not in queryset.query.annotations:
            return queryset.order_by(*newest)
        return queryset.order_by("-rank", *newest)
