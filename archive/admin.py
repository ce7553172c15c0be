from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.forms import SimpleArrayField
from django.db import transaction

from archive import aliases
from archive.models import (
    Article,
    ArticlePerson,
    ArticleTheme,
    Outlet,
    Person,
    Quote,
    SpeakerSuggestion,
    Theme,
)


def lines_field(label: str) -> SimpleArrayField:
    """One alias or keyword per line: Arabic names contain commas (،) too often."""
    return SimpleArrayField(
        forms.CharField(max_length=200),
        delimiter="\n",
        required=False,
        label=label,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OutletForm(forms.ModelForm):
    aliases = lines_field("أسماء أخرى")

    class Meta:
        model = Outlet
        fields = ["name", "name_latin", "slug", "aliases", "is_wire"]


class PersonForm(forms.ModelForm):
    aliases = lines_field("أسماء وتهجئات أخرى")
    titles = lines_field("ألقاب تدل عليه")

    class Meta:
        model = Person
        fields = ["name", "name_latin", "slug", "aliases", "role", "titles"]


class ThemeForm(forms.ModelForm):
    keywords = lines_field("كلمات مفتاحية (والوزن بعد | اختياريًا)")

    class Meta:
        model = Theme
        fields = ["name", "name_latin", "slug", "keywords"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    form = OutletForm
    list_display = ["name", "name_latin", "is_wire"]
    search_fields = ["name", "name_latin", "aliases"]
    prepopulated_fields = {"slug": ["name_latin"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonForm
    list_display = ["name", "name_latin", "role"]
    search_fields = ["name", "name_latin", "aliases"]
    prepopulated_fields = {"slug": ["name_latin"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        aliases.forget()  # searches see the new spellings at once


@admin.register(SpeakerSuggestion)
class SpeakerSuggestionAdmin(admin.ModelAdmin):
    list_display = ["name", "article", "status", "person"]
    list_filter = ["status"]
    search_fields = ["name", "context"]
    autocomplete_fields = ["person"]
    readonly_fields = ["article", "name", "context"]
    actions = ["accept", "reject"]

    @admin.action(description="قبول: إضافة المتحدث إلى السجل والمقال")
    def accept(self, request, queryset):
        done = 0
        for suggestion in queryset.select_related("article", "person"):
            with transaction.atomic():
                person = suggestion.person or _person_named(suggestion.name)
                ArticlePerson.objects.update_or_create(
                    article=suggestion.article,
                    person=person,
                    defaults={"role": ArticlePerson.Role.SPEAKER},
                )
                suggestion.person = person
                suggestion.status = SpeakerSuggestion.Status.ACCEPTED
                suggestion.save(update_fields=["person", "status"])
                done += 1
        aliases.forget()
        self.message_user(request, f"قُبل {done} متحدثًا.", messages.SUCCESS)

    @admin.action(description="رفض")
    def reject(self, request, queryset):
        n = queryset.update(status=SpeakerSuggestion.Status.REJECTED)
        self.message_user(request, f"رُفض {n} اقتراحًا.", messages.SUCCESS)


def _person_named(name: str) -> Person:
    person = (
        Person.objects.filter(name=name).first()
        or Person.objects.filter(aliases__contains=[name]).first()
    )
    return person or Person.objects.create(name=name)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    form = ThemeForm
    list_display = ["name", "name_latin"]
    search_fields = ["name", "name_latin"]
    prepopulated_fields = {"slug": ["name_latin"]}


class ArticlePersonInline(admin.TabularInline):
    model = ArticlePerson
    extra = 0
    autocomplete_fields = ["person"]


class ArticleThemeInline(admin.TabularInline):
    model = ArticleTheme
    extra = 0
    autocomplete_fields = ["theme"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "date_precision", "outlet"]
    list_filter = ["date_precision", "outlet"]
    search_fields = ["title", "source_id"]
    date_hierarchy = "date"
    autocomplete_fields = ["outlet"]
    readonly_fields = ["source_id", "raw_text", "content_hash", "source_file"]
    inlines = [ArticlePersonInline, ArticleThemeInline, QuoteInline]
    fields = [
        "title",
        "date",
        "date_precision",
        "outlet",
        "dateline",
        "body",
        "url",
        "editor_fields",
        "source_id",
        "source_file",
        "content_hash",
        "raw_text",
    ]

    def save_model(self, request, obj, form, change):
        # Remember what the editor set, so a later import or extraction keeps it.
        edited = set(obj.editor_fields) | {
            name for name in form.changed_data if name in Article.EXTRACTED_FIELDS
        }
        obj.editor_fields = sorted(edited)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        names = {ArticlePerson: "people", ArticleTheme: "themes", Quote: "quotes"}
        changed = {names[f.model] for f in formsets if f.has_changed()}
        if changed - set(article.editor_fields):
            article.editor_fields = sorted(set(article.editor_fields) | changed)
            Article.objects.filter(pk=article.pk).update(
                editor_fields=article.editor_fields
            )
