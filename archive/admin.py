import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.postgres.forms import SimpleArrayField
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import path, reverse
from reversion.admin import VersionAdmin

from archive import aliases, editing
from archive.ingest.load import (
    ImportFailure,
    OutletResolver,
    Registry,
    reextract_article,
    save,
)
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
class OutletAdmin(VersionAdmin):
    form = OutletForm
    list_display = ["name", "name_latin", "is_wire"]
    search_fields = ["name", "name_latin", "aliases"]
    prepopulated_fields = {"slug": ["name_latin"]}
    actions = ["merge"]

    @admin.action(description="ادمج المحددة في أقدمها (تنتقل المقالات والأسماء)")
    def merge(self, request, queryset):
        target, *others = list(queryset.order_by("pk"))
        if not others:
            self.message_user(request, "حدّد وسيلتين أو أكثر.", messages.ERROR)
            return
        with transaction.atomic(), reversion.create_revision():
            for other in others:
                Article.objects.filter(outlet=other).update(outlet=target)
                target.aliases = _merged_names(target, other)
                other.delete()
            target.save()
            reversion.set_user(request.user)
            reversion.set_comment(f"دمج {len(others)} في {target}")
        self.message_user(request, f"دُمجت {len(others)} في «{target}».")


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

    @admin.action(
        description="ادمج المحددين في أقدمهم (تنتقل المقالات والأقوال والأسماء)"
    )
    def merge(self, request, queryset):
        target, *others = list(queryset.order_by("pk"))
        if not others:
            self.message_user(request, "حدّد شخصين أو أكثر.", messages.ERROR)
            return
        with transaction.atomic(), reversion.create_revision():
            for other in others:
                for link in ArticlePerson.objects.filter(person=other):
                    mine = ArticlePerson.objects.filter(
                        article=link.article, person=target
                    ).first()
                    if mine is None:
                        link.person = target
                        link.save()
                    else:
                        if link.role == "speaker":
                            mine.role = "speaker"
                            mine.save()
                        link.delete()
                Quote.objects.filter(person=other).update(person=target)
                SpeakerSuggestion.objects.filter(person=other).update(person=target)
                target.aliases = _merged_names(target, other)
                target.titles = list(dict.fromkeys([*target.titles, *other.titles]))
                other.delete()
            target.save()
            reversion.set_user(request.user)
            reversion.set_comment(f"دمج {len(others)} في {target}")
        aliases.forget()
        self.message_user(request, f"دُمج {len(others)} في «{target}».")

    @admin.action(description="طبّق الأسماء والألقاب المعدلة على المقالات الموجودة")
    def reapply(self, request, queryset):
        names = [n for p in queryset for n in [p.name, *p.aliases] if n]
        count = _reextract_matching(" OR ".join(f'"{n}"' for n in names))
        self.message_user(request, f"أعيد استخراج {count} مقالًا يرد فيها هؤلاء.")


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


def _merged_names(target, other) -> list[str]:
    names = [
        *target.aliases,
        other.name,
        getattr(other, "name_latin", ""),
        *other.aliases,
    ]
    return [n for n in dict.fromkeys(names) if n and n != target.name]


def _reextract_matching(query: str) -> int:
    """Re-run extraction (automatic fields only) on the articles a search finds:
    after an editor changes aliases or keywords. Returns how many."""
    from archive.search import search_articles

    registry, outlets, n = Registry.load(), OutletResolver(), 0
    matches = search_articles(Article.objects.all(), query) if query else []
    for article in matches:
        try:
            reextract_article(article, registry, outlets)
        except ImportFailure:
            continue
        n += 1
    return n


def _person_named(name: str) -> Person:
    person = (
        Person.objects.filter(name=name).first()
        or Person.objects.filter(aliases__contains=[name]).first()
    )
    return person or Person.objects.create(name=name)


@admin.register(Theme)
class ThemeAdmin(VersionAdmin):
    form = ThemeForm
    list_display = ["name", "name_latin"]
    search_fields = ["name", "name_latin"]
    prepopulated_fields = {"slug": ["name_latin"]}
    actions = ["reapply"]

    @admin.action(description="طبّق الكلمات المفتاحية المعدلة على المقالات الموجودة")
    def reapply(self, request, queryset):
        words = [k.partition("|")[0] for t in queryset for k in t.keywords]
        words = [w.replace("&", " ") for w in words if w.strip()]
        count = _reextract_matching(" OR ".join(f'"{w}"' for w in words[:64]))
        self.message_user(request, f"أعيد استخراج {count} مقالًا فيها هذه الكلمات.")


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


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "يحتاج مراجعة"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("date", "تاريخ غير معروف"),
            ("outlet", "وسيلة إعلام غير معروفة"),
            ("speaker", "بلا متحدث"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "date":
            return queryset.filter(date=None)
        if self.value() == "outlet":
            return queryset.filter(outlet=None)
        if self.value() == "speaker":
            speakers = ArticlePerson.objects.filter(
                article=OuterRef("pk"), role="speaker"
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
                articleperson__person__slug=self.value(), articleperson__role="speaker"
            )
        return queryset


class ThemeActionForm(ActionForm):
    theme = forms.ModelChoiceField(
        Theme.objects.all(), required=False, label="الموضوع (لإجراء «أضف موضوعًا»)"
    )


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
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
        form = editing.PasteForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            uploads = request.FILES.getlist("files")
            if len(uploads) > 1:
                return self._import_uploads(request, uploads)
            try:
                text = (
                    editing.read_upload(uploads[0])
                    if uploads
                    else form.cleaned_data["raw"]
                )
                extracted = editing.extract(
                    text, uploads[0].name if uploads else "pasted.txt"
                )
            except ImportFailure as exc:
                form.add_error(None, str(exc))
            else:
                initial = editing.initial_values(extracted)
                review = editing.ReviewForm(initial=initial)
                context.update(
                    review=review,
                    duplicates=editing.likely_duplicates(
                        extracted, initial["title"], initial["outlet"]
                    ),
                )
                return render(request, "admin/archive/article/review.html", context)
        context["form"] = form
        return render(request, "admin/archive/article/paste.html", context)

    def _save_review(self, request, context):
        review = editing.ReviewForm(request.POST)
        if review.is_valid():
            data = review.cleaned_data
            extracted = editing.extract(data["raw"])
            duplicates = [
                a
                for a in editing.likely_duplicates(
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
                article = editing.save_reviewed(data)
                reversion.set_user(request.user)
                reversion.set_comment("أضيف من صفحة خام ملصقة")
            self.message_user(
                request, "حُفظ المقال، وهو في البحث الآن.", messages.SUCCESS
            )
            return redirect(reverse("admin:archive_article_change", args=[article.pk]))
        context.update(review=review)
        return render(request, "admin/archive/article/review.html", context, status=400)

    def _import_uploads(self, request, uploads):
        registry, outlets = Registry.load(), OutletResolver()
        done, failed = 0, []
        for upload in uploads:
            try:
                text = editing.read_upload(upload)
                extracted = editing.extract(text, upload.name)
                with reversion.create_revision():
                    save(extracted, outlets, registry=registry)
                    reversion.set_user(request.user)
                    reversion.set_comment(f"استيراد الملف {upload.name}")
                done += 1
            except ImportFailure as exc:
                failed.append(f"{upload.name}: {exc}")
        self.message_user(
            request, f"استُورد {done} ملفًا. راجعها في القائمة.", messages.SUCCESS
        )
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
        self.message_user(request, f"أضيف «{theme}» إلى {queryset.count()} مقال.")

    @admin.action(description="أعد الاستخراج الآلي للحقول غير المعدلة")
    def reextract(self, request, queryset):
        registry, outlets, changed = Registry.load(), OutletResolver(), 0
        for article in queryset:
            try:
                changed += bool(reextract_article(article, registry, outlets))
            except ImportFailure:
                continue
        self.message_user(
            request, f"أعيد استخراج {queryset.count()} مقال؛ تغيّر {changed} منها."
        )

    def save_model(self, request, obj, form, change):
        if not obj.source_id:
            obj.source_id = (
                "editor:"
                + editing.hashlib.sha256(
                    f"{obj.title}\n{obj.body}".encode()
                ).hexdigest()[:24]
            )
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
