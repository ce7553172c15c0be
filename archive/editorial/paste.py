"""Adding an article by pasting its raw page: extract, let the editor review, save.

The importer's own extraction fills the form; whatever the editor changes is recorded
in ``editor_fields`` and never overwritten by a later extraction.
"""

from django import forms
from django.db import transaction

from archive.dates import DatePrecision
from archive.ingest.decode import MAX_FILE_BYTES, decode, one_line_ending
from archive.ingest.errors import ImportFailure
from archive.ingest.extract import Extracted, extract_page
from archive.ingest.load import content_hash, save_relations
from archive.ingest.registry import Registry
from archive.ingest.source_ids import SourceId
from archive.models import (
    Article,
    Outlet,
    Person,
    Theme,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several .txt files at once (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return single(data, initial)


class PasteForm(forms.Form):
    raw = forms.CharField(
        label="الصفحة الخام",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "dir": "rtl"}),
        help_text="الصق نص الصفحة كما هو: العنوان والتاريخ والمصدر والنص.",
    )
    files = MultipleFileField(label="أو ملفات نصية (txt)", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("raw", "").strip() and not self.files.getlist("files"):
            raise forms.ValidationError("الصق نص صفحة أو اختر ملفًا واحدًا على الأقل.")
        return data


class ReviewForm(forms.Form):
    """The extracted values, for the editor to check and correct before saving."""

    title = forms.CharField(label="العنوان", widget=forms.Textarea(attrs={"rows": 2}))
    # A text field with its format said: the browser's date box shows mm/dd/yyyy.
    date = forms.DateField(
        label="التاريخ", required=False, input_formats=["%Y-%m-%d"],
        help_text="سنة-شهر-يوم، مثل 2018-03-05",
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"dir": "ltr", "inputmode": "numeric", "placeholder": "2018-03-05"},
        ),
    )  # fmt: skip
    date_precision = forms.ChoiceField(
        label="دقة التاريخ", choices=DatePrecision.choices
    )
    outlet = forms.ModelChoiceField(
        Outlet.objects.all(), label="وسيلة الإعلام", required=False
    )
    dateline = forms.CharField(label="سطر المكان", required=False)
    byline = forms.CharField(label="سطر الكاتب", required=False, max_length=500)
    speakers = forms.ModelMultipleChoiceField(
        Person.objects.all(), label="المتحدثون", required=False
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(), label="الموضوعات", required=False
    )
    body = forms.CharField(label="النص", widget=forms.Textarea(attrs={"rows": 14}))
    raw = forms.CharField(widget=forms.HiddenInput)
    save_duplicate = forms.BooleanField(
        label="احفظه رغم التشابه مع مقال موجود", required=False
    )

    def __init__(self, *args, duplicates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if duplicates is not None and not duplicates:
            del self.fields["save_duplicate"]  # offered only beside a likely copy

    def clean(self):
        data = super().clean()
        date, precision = data.get("date"), data.get("date_precision")
        if date and precision == DatePrecision.UNKNOWN:
            self.add_error("date_precision", "للتاريخ المدخل دقة: يوم أو شهر أو سنة.")
        if not date and precision and precision != DatePrecision.UNKNOWN:
            self.add_error("date", "أدخل التاريخ أو اجعل دقته «غير معروف».")
        return data


class PlainTextField(forms.CharField):
    """A textarea's text with \\n line endings, so a form posted back untouched
    is no change (Django compares the cleaned value with the stored one)."""

    def to_python(self, value):
        value = super().to_python(value)
        return one_line_ending(value) if isinstance(value, str) else value


def extract(text: str, name: str = "pasted.txt") -> Extracted:
    """The importer's extraction of a pasted page, keyed on its text (the same
    whatever line endings the browser or the file used)."""
    text = one_line_ending(text)
    return extract_page(text, str(SourceId.paste(text)), name, Registry.load())


def initial_values(extracted: Extracted) -> dict:
    """The review form's starting values: what the extraction found."""
    date = extracted.date
    outlet = (
        Outlet.objects.filter(name=extracted.outlet_name).first()
        if extracted.outlet_name
        else None
    )
    return {
        "title": extracted.title,
        "date": date.as_date() if date else None,
        "date_precision": date.precision if date else DatePrecision.UNKNOWN,
        "outlet": outlet,
        "dateline": extracted.dateline,
        "byline": extracted.byline,
        "speakers": list(Person.objects.filter(name__in=extracted.speakers)),
        "themes": list(Theme.objects.filter(slug__in=[s for s, _ in extracted.themes])),
        "body": extracted.body,
        "raw": extracted.raw_text,
    }


def likely_duplicates(extracted: Extracted, title: str, outlet: Outlet | None):
    """Articles with the same raw text, the same body, or the same title and outlet."""
    same = Article.objects.filter(content_hash=content_hash(extracted.raw_text))
    same |= Article.objects.filter(body=extracted.body)
    same |= Article.objects.filter(title=title, outlet=outlet)
    return list(same.distinct()[:5])


def save_reviewed(data: dict) -> Article:
    """Create the article from the reviewed form; what the editor changed from the
    extraction is recorded in ``editor_fields``."""
    extracted = extract(data["raw"])
    auto = initial_values(extracted)
    edited = []
    for field in ("title", "body", "dateline", "byline", "outlet"):
        if _value(data.get(field)) != _value(auto[field]):
            edited.append(field)
    if (data["date"], data["date_precision"]) != (auto["date"], auto["date_precision"]):
        edited += ["date", "date_precision"]
    if set(data["speakers"]) != set(auto["speakers"]):
        edited.append("people")
    if set(data["themes"]) != set(auto["themes"]):
        edited.append("themes")
    with transaction.atomic():
        article = Article.objects.filter(
            source_id=extracted.source_id
        ).first() or Article(source_id=extracted.source_id)
        article.title = one_line_ending(data["title"]).strip()
        article.body = one_line_ending(data["body"]).strip()
        article.dateline = data.get("dateline") or ""
        article.byline = (data.get("byline") or "").strip()
        article.date = data["date"]
        article.date_precision = data["date_precision"]
        article.outlet = data["outlet"]
        article.raw_text = extracted.raw_text
        article.source_file = extracted.source_file
        article.content_hash = content_hash(extracted.raw_text)
        article.editor_fields = sorted(set(article.editor_fields) | set(edited))
        article.save()
        # The editor's speakers and themes, the extraction's mentions and quotes.
        speakers = [p.name for p in data["speakers"]]
        extracted.speakers = speakers
        extracted.mentioned = [n for n in extracted.mentioned if n not in speakers]
        scores = dict(extracted.themes)
        extracted.themes = [(t.slug, scores.get(t.slug, 1.0)) for t in data["themes"]]
        save_relations(article, extracted, set(), Registry.load())
    return article


def _value(value):
    """A form value as compared with the extraction's: line endings and the space
    around a text do not make an edit."""
    if isinstance(value, str):
        value = one_line_ending(value).strip()
    return value or None


def read_upload(upload) -> str:
    """The text of an uploaded page, refused over the importer's size limit."""
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailure(f"الملف أكبر من {MAX_FILE_BYTES // (1024 * 1024)} ميغابايت")
    return decode(data)
