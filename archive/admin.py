import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.postgres.forms import SimpleArrayField
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from archive.editorial import merge, paste, reextract, suggestions
from archive.ingest.errors import ImportFailure
from archive.ingest.load import OutletResolver, save
from archive.ingest.registry import Registry
from archive.ingest.source_ids import SourceId
from archive.models import (
    Article,
    ArticlePerson,
    ArticleTheme,
    Outlet,
    OutletSuggestion,
    Person,
    Quote,
    SpeakerSuggestion,
    Theme,
)
from archive.search import aliases


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
    domains = lines_field("نطاقات الموقع")

    class Meta:
        model = Outlet
        fields = [
            "name",
            "name_latin",
            "slug",
            "aliases",
            "domains",
            "country",
            "is_wire",
        ]


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
class OutletAdmin(VersionAdmin):
    form = OutletForm
    list_display = ["name", "name_latin", "country", "is_wire"]
    list_filter = ["country", "is_wire"]
    search_fields = ["name", "name_latin", "aliases", "domains"]
    prepopulated_fields = {"slug": ["name_latin"]}
    actions = ["merge"]

    too_few_to_merge = "حدّد وسيلتين أو أكثر."

    def merged(self, n: int, target) -> str:
        return ngettext(
            "%(count)s outlet merged into «%(target)s».",
            "%(count)s outlets merged into «%(target)s».",
            n,
        ) % {"count": n, "target": target}

    @admin.action(description="ادمج المحددة في أقدمها (تنتقل المقالات والأسماء)")
    def merge(self, request, queryset):
        merge_action(self, request, queryset)


@admin.register(Person)
class PersonAdmin(VersionAdmin):
    form = PersonForm
    list_display = ["name", "name_latin", "role"]
    search_fields = ["name", "name_latin", "aliases"]
    prepopulated_fields = {"slug": ["name_latin"]}

    actions = ["merge", "reapply"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        aliases.forget()  # searches see the new spellings at once

    too_few_to_merge = "حدّد شخصين أو أكثر."

    def merged(self, n: int, target) -> str:
        return ngettext(
            "%(count)s person merged into «%(target)s».",
            "%(count)s people merged into «%(target)s».",
            n,
        ) % {"count": n, "target": target}

    @admin.action(
        description="ادمج المحددين في أقدمهم (تنتقل المقالات والأقوال والأسماء)"
    )
    def merge(self, request, queryset):
        merge_action(self, request, queryset)
        aliases.forget()

    @admin.action(description="طبّق الأسماء والألقاب المعدلة على المقالات الموجودة")
    def reapply(self, request, queryset):
        outcome = reextract.reextract_matching(reextract.person_query(queryset))
        done = outcome.done
        self.message_user(
            request,
            ngettext(
                "Extracted again: %(count)s article naming these people.",
                "Extracted again: %(count)s articles naming these people.",
                done,
            )
            % {"count": done},
        )
        report_failures(self, request, outcome)


class SuggestionAdmin(admin.ModelAdmin):
    """Speaker and outlet suggestions: accepted or rejected in bulk."""

    list_filter = ["status"]
    actions = ["accept", "reject"]

    @admin.action(description="رفض")
    def reject(self, request, queryset):
        n = queryset.update(status=queryset.model.Status.REJECTED)
        self.message_user(request, f"رُفض {n} اقتراحًا.", messages.SUCCESS)


@admin.register(SpeakerSuggestion)
class SpeakerSuggestionAdmin(SuggestionAdmin):
    list_display = ["name", "article", "status", "person"]
    search_fields = ["name", "context"]
    autocomplete_fields = ["person"]
    readonly_fields = ["article", "name", "context"]

    @admin.action(description="قبول: إضافة المتحدث إلى السجل والمقال")
    def accept(self, request, queryset):
        chosen = list(queryset.select_related("article", "person"))
        for suggestion in chosen:
            suggestions.accept_speaker(suggestion)
        aliases.forget()
        self.message_user(request, f"قُبل {len(chosen)} متحدثًا.", messages.SUCCESS)


@admin.register(OutletSuggestion)
class OutletSuggestionAdmin(SuggestionAdmin):
    list_display = ["name", "article", "status", "outlet"]
    search_fields = ["name"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["article", "name"]

    @admin.action(description="قبول: إضافة الوسيلة إلى السجل وإلى كل مقال يسمّيها")
    def accept(self, request, queryset):
        done = sum(
            suggestions.accept_outlet(s) for s in queryset.select_related("outlet")
        )
        attributed = ngettext(
            "%(count)s article attributed to its outlet.",
            "%(count)s articles attributed to their outlets.",
            done,
        )
        self.message_user(request, attributed % {"count": done}, messages.SUCCESS)


def merge_action(model_admin, request, queryset) -> None:
    """The merge action of outlets and people (``archive.editorial.merge``)."""
    target, n = merge.merge(list(queryset), request.user)
    if not n:
        model_admin.message_user(request, model_admin.too_few_to_merge, messages.ERROR)
        return
    model_admin.message_user(request, model_admin.merged(n, target))


def report_failures(model_admin, request, outcome: reextract.Outcome) -> None:
    """One error message per article that could not be extracted again."""
    for article, reason in outcome.failed[:20]:
        model_admin.message_user(
            request, f"تعذّرت إعادة استخراج «{article}»: {reason}", messages.ERROR
        )
    if len(outcome.failed) > 20:
        more = len(outcome.failed) - 20
        failed = ngettext(
            "And it failed for %(count)s more article.",
            "And it failed for %(count)s more articles.",
            more,
        )
        model_admin.message_user(request, failed % {"count": more}, messages.ERROR)


@admin.register(Theme)
class ThemeAdmin(VersionAdmin):
    form = ThemeForm
    list_display = ["name", "name_latin"]
    search_fields = ["name", "name_latin"]
    prepopulated_fields = {"slug": ["name_latin"]}
    actions = ["reapply"]

    @admin.action(description="طبّق الكلمات المفتاحية المعدلة على المقالات الموجودة")
    def reapply(self, request, queryset):
        outcome = reextract.reextract_matching(reextract.theme_query(queryset))
        done = outcome.done
        self.message_user(
            request,
            ngettext(
                "Extracted again: %(count)s article with these keywords.",
                "Extracted again: %(count)s articles with these keywords.",
                done,
            )
            % {"count": done},
        )
        report_failures(self, request, outcome)


class ArticlePersonInline(admin.TabularInline):
    model = ArticlePerson
    extra = 0
    autocomplete_fields = ["person"]


class ArticleThemeInline(admin.TabularInline):
    model = ArticleTheme
    extra = 0
    autocomplete_fields = ["theme"]


# A browser posts every textarea with \r\n: stored text keeps \n only, and an
# untouched field is not recorded as the editor's.
PLAIN_TEXT = {models.TextField: {"form_class": paste.PlainTextField}}


class QuoteInline(admin.StackedInline):
    model = Quote
    formfield_overrides = PLAIN_TEXT
    extra = 0
    autocomplete_fields = ["person"]


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "يحتاج مراجعة"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("date", "تاريخ غير معروف"),
            ("outlet", "وسيلة إعلام غير معروفة"),
            ("speaker", "بلا متحدث"),
            ("author", "بلا كاتب"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "date":
            return queryset.filter(date=None)
        if self.value() == "outlet":
            return queryset.filter(outlet=None)
        if self.value() == "author":
            return queryset.filter(authors=None)
        if self.value() == "speaker":
            speakers = ArticlePerson.objects.filter(
                article=OuterRef("pk"), role=ArticlePerson.Role.SPEAKER
            )
            return queryset.filter(~Exists(speakers))
        return queryset


class SpeakerFilter(admin.SimpleListFilter):
    title = "المتحدث"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        people = Person.objects.annotate(n=Count("articleperson")).filter(n__gt=0)
        return [(p.slug, p.name) for p in people.order_by("-n")[:40]]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                articleperson__person__slug=self.value(),
                articleperson__role=ArticlePerson.Role.SPEAKER,
            )
        return queryset


class ThemeActionForm(ActionForm):
    theme = forms.ModelChoiceField(
        Theme.objects.all(), required=False, label="الموضوع (لإجراء «أضف موضوعًا»)"
    )


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    formfield_overrides = PLAIN_TEXT
    list_display = ["title", "date_label", "outlet", "edited"]
    list_filter = [
        NeedsReviewFilter,
        "date_precision",
        "outlet",
        SpeakerFilter,
        "themes",
    ]
    search_fields = ["title", "source_id", "body"]
    action_form = ThemeActionForm
    actions = ["add_theme", "reextract"]
    change_list_template = "admin/archive/article/change_list.html"
    date_hierarchy = "date"
    autocomplete_fields = ["outlet", "authors"]
    readonly_fields = ["source_id", "raw_text", "content_hash", "source_file"]
    inlines = [ArticlePersonInline, ArticleThemeInline, QuoteInline]
    fields = [
        "title",
        "date",
        "date_precision",
        "outlet",
        "authors",
        "byline",
        "dateline",
        "body",
        "url",
        "editor_fields",
        "source_id",
        "source_file",
        "content_hash",
        "raw_text",
    ]

    @admin.display(description="التاريخ")
    def date_label(self, obj):
        return obj.date_label

    @admin.display(description="حقول عدّلها محرر")
    def edited(self, obj):
        return "، ".join(obj.editor_fields)

    def get_urls(self):
        return [
            path(
                "paste/",
                self.admin_site.admin_view(self.paste_view),
                name="archive_article_paste",
            ),
            *super().get_urls(),
        ]

    def paste_view(self, request):
        """Paste a raw page (or upload .txt files), review the extraction, save."""
        if not self.has_add_permission(request):
            return redirect("admin:index")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        if request.method == "POST" and "review" in request.POST:
            return self._save_review(request, context)
        form = paste.PasteForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            uploads = request.FILES.getlist("files")
            if len(uploads) > 1:
                return self._import_uploads(request, uploads)
            try:
                text = (
                    paste.read_upload(uploads[0])
                    if uploads
                    else form.cleaned_data["raw"]
                )
                extracted = paste.extract(
                    text, uploads[0].name if uploads else "pasted.txt"
                )
            except ImportFailure as exc:
                form.add_error(None, str(exc))
            else:
                initial = paste.initial_values(extracted)
                duplicates = paste.likely_duplicates(
                    extracted, initial["title"], initial["outlet"]
                )
                review = paste.ReviewForm(initial=initial, duplicates=duplicates)
                context.update(review=review, duplicates=duplicates)
                return render(request, "admin/archive/article/review.html", context)
        context["form"] = form
        return render(request, "admin/archive/article/paste.html", context)

    def _save_review(self, request, context):
        review = paste.ReviewForm(request.POST)
        if review.is_valid():
            data = review.cleaned_data
            extracted = paste.extract(data["raw"])
            duplicates = [
                a
                for a in paste.likely_duplicates(
                    extracted, data["title"], data["outlet"]
                )
                if a.source_id != extracted.source_id
            ]
            if duplicates and not data["save_duplicate"]:
                review.add_error(
                    "save_duplicate", "يشبه مقالًا موجودًا: راجعه أو أكّد الحفظ."
                )
                context.update(review=review, duplicates=duplicates)
                return render(request, "admin/archive/article/review.html", context)
            with reversion.create_revision():
                article = paste.save_reviewed(data)
                reversion.set_user(request.user)
                reversion.set_comment("أضيف من صفحة خام ملصقة")
            self.message_user(
                request, "حُفظ المقال، وهو في البحث الآن.", messages.SUCCESS
            )
            return redirect(reverse("admin:archive_article_change", args=[article.pk]))
        if not review.has_error("save_duplicate"):
            review.fields.pop("save_duplicate", None)  # nothing like it was found
        context.update(review=review)
        return render(request, "admin/archive/article/review.html", context, status=400)

    def _import_uploads(self, request, uploads):
        registry, outlets = Registry.load(), OutletResolver()
        done, failed = 0, []
        for upload in uploads:
            try:
                text = paste.read_upload(upload)
                extracted = paste.extract(text, upload.name)
                with reversion.create_revision():
                    save(extracted, outlets, registry=registry)
                    reversion.set_user(request.user)
                    reversion.set_comment(f"استيراد الملف {upload.name}")
                done += 1
            except ImportFailure as exc:
                failed.append(f"{upload.name}: {exc}")
        imported = ngettext(
            "Imported %(count)s file; review it in the list.",
            "Imported %(count)s files; review them in the list.",
            done,
        )
        self.message_user(request, imported % {"count": done}, messages.SUCCESS)
        for message in failed:
            self.message_user(request, message, messages.ERROR)
        return redirect("admin:archive_article_changelist")

    @admin.action(description="أضف موضوعًا إلى المقالات المحددة")
    def add_theme(self, request, queryset):
        theme = Theme.objects.filter(pk=request.POST.get("theme")).first()
        if theme is None:
            self.message_user(request, "اختر الموضوع أولًا.", messages.ERROR)
            return
        for article in queryset:
            with reversion.create_revision():
                ArticleTheme.objects.get_or_create(article=article, theme=theme)
                article.editor_fields = sorted(set(article.editor_fields) | {"themes"})
                article.save()
                reversion.set_user(request.user)
        n = queryset.count()
        added = ngettext(
            "Added «%(theme)s» to %(count)s article.",
            "Added «%(theme)s» to %(count)s articles.",
            n,
        )
        self.message_user(request, added % {"theme": theme, "count": n})

    @admin.action(description="أعد الاستخراج الآلي للحقول غير المعدلة")
    def reextract(self, request, queryset):
        outcome = reextract.reextract(queryset)
        done = ngettext(
            "Extracted again: %(count)s article; %(changed)s of them changed.",
            "Extracted again: %(count)s articles; %(changed)s of them changed.",
            outcome.done,
        )
        self.message_user(
            request, done % {"count": outcome.done, "changed": outcome.changed}
        )
        report_failures(self, request, outcome)

    def save_model(self, request, obj, form, change):
        if not obj.source_id:
            obj.source_id = str(SourceId.editor(obj.title, obj.body))
        if not obj.raw_text:
            obj.raw_text = f"{obj.title}\n\n{obj.body}"
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
