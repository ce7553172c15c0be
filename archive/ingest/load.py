"""Writing articles: the only part of the importer that touches the database.

Every article is written in its own transaction, keyed on a stable source id
(``archive.ingest.source_ids``), so a re-run changes nothing, a failure loses only
that article, and a field an editor set (``Article.editor_fields``) is never
overwritten.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DataError, IntegrityError, transaction

from archive.dates import DatePrecision
from archive.ingest.errors import ImportFailure
from archive.ingest.extract import Extracted, extract_page
from archive.ingest.outlets import name_key
from archive.ingest.records import extract_record
from archive.ingest.registry import Registry
from archive.ingest.source_ids import SourceId, SourceKind
from archive.models import (
    Article,
    ArticlePerson,
    ArticleTheme,
    Outlet,
    OutletSuggestion,
    Person,
    Quote,
    SpeakerSuggestion,
)

IMPORTED, UPDATED, UNCHANGED, FAILED = "imported", "updated", "unchanged", "failed"


class OutletResolver:
    """Outlet rows by name, alias or Latin name, cached for one import run."""

    def __init__(self) -> None:
        self._by_key: dict[str, Outlet] = {}
        self._created: list[str] = []  # keys of outlets created in the open atomic()
        for outlet in Outlet.objects.all():
            for key in map(
                name_key,
                [outlet.name, outlet.name_latin, *outlet.aliases, *outlet.domains],
            ):
                if key:
                    self._by_key.setdefault(key, outlet)

    def get(self, extracted: Extracted) -> Outlet | None:
        name = extracted.outlet_name
        if not name:
            return None
        key = name_key(name)
        outlet = self._by_key.get(key)
        if outlet is None:
            outlet, created = Outlet.objects.get_or_create(
                name=name, defaults={"name_latin": extracted.outlet_latin}
            )
            self._by_key[key] = outlet
            if created:
                self._created.append(key)
        return outlet

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """``transaction.atomic()`` that forgets the outlets it created if it rolls
        back: a cached outlet whose row is gone would fail every later article."""
        self._created = []
        try:
            with transaction.atomic():
                yield
        except BaseException:
            for key in self._created:
                del self._by_key[key]
            raise
        finally:
            self._created = []


_UNKNOWN = object()


def content_hash(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


def save(
    extracted: Extracted,
    outlets: OutletResolver | None = None,
    stored_hash=_UNKNOWN,
    registry: "Registry | None" = None,
) -> tuple[str, Article | None]:
    """Create or refresh one article in its own transaction.

    ``stored_hash`` is what a caller that looked up many source ids at once already
    knows: the stored content hash, or None for an article not stored yet.
    """
    outlets = outlets or OutletResolver()
    digest = content_hash(extracted.raw_text)
    if stored_hash == digest:
        return UNCHANGED, None
    for attempt in range(2):
        try:
            with outlets.atomic():
                return _save(extracted, digest, outlets, stored_hash is None, registry)
        except IntegrityError:
            # Another import created the same article meanwhile: update it instead.
            if attempt:
                raise
            stored_hash = _UNKNOWN
        except DataError as exc:
            # A value no check above foresaw; the article is refused, not half-saved.
            raise ImportFailure(f"the database refused a value: {exc}") from None
    raise AssertionError("unreachable")


def _save(
    extracted: Extracted,
    content_hash: str,
    outlets: OutletResolver,
    is_new: bool,
    registry: "Registry | None",
) -> tuple[str, Article]:
    article = None
    if not is_new:
        article = (
            Article.objects.select_for_update()
            .filter(source_id=extracted.source_id)
            .first()
        )
    if article is not None and article.content_hash == content_hash:
        return UNCHANGED, article
    status = UPDATED
    if article is None:
        article, status = Article(source_id=extracted.source_id), IMPORTED
    apply_extraction(article, extracted, outlets)
    if extracted.search_vector and (article.title, article.body) == (
        extracted.title,
        extracted.body,
    ):
        article.prebuilt_vector = extracted.search_vector
    article.raw_text = extracted.raw_text
    article.content_hash = content_hash
    article.save()
    save_relations(
        article, extracted, locked_fields(article), registry, fresh=status == IMPORTED
    )
    return status, article


def locked_fields(article: Article) -> set[str]:
    locked = set(article.editor_fields)
    if "date" in locked or "date_precision" in locked:
        locked |= {"date", "date_precision"}
    return locked


def apply_extraction(
    article: Article, extracted: Extracted, outlets: OutletResolver
) -> list[str]:
    """Set the automatic fields an editor has not set; returns those that changed."""
    date = extracted.date
    values = {
        "title": extracted.title,
        "body": extracted.body,
        "dateline": extracted.dateline,
        "byline": extracted.byline,
        "date": date.as_date() if date else None,
        "date_precision": date.precision if date else DatePrecision.UNKNOWN,
        "outlet": outlets.get(extracted),
    }
    locked = locked_fields(article)
    changed = []
    for name, value in values.items():
        if name not in locked and getattr(article, name) != value:
            setattr(article, name, value)
            changed.append(name)
    article.url = extracted.url or article.url
    article.source_file = extracted.source_file or article.source_file
    return changed


def extract_again(article: Article, registry: Registry) -> Extracted:
    """Run today's extraction on the raw text the article was imported from."""
    if SourceId.parse(article.source_id).kind != SourceKind.RECORD:
        return extract_page(
            article.raw_text, article.source_id, article.source_file, registry
        )
    return extract_record(article.raw_text, article.source_file, registry)


def reextract_article(
    article: Article, registry: Registry, outlets: OutletResolver, write: bool = True
) -> list[str]:
    """Today's extraction on one stored article, automatic fields only; returns the
    fields that changed (relations included). Raises ImportFailure."""
    extracted = extract_again(article, registry)
    with transaction.atomic():
        before = relations_snapshot(article)
        fields = apply_extraction(article, extracted, outlets)
        if write:
            article.save()
            save_relations(article, extracted, locked_fields(article), registry)
            after = relations_snapshot(article)
            fields += [k for k in before if before[k] != after[k]]
    return fields


def relations_snapshot(article: Article) -> dict[str, set]:
    return {
        "people": set(
            ArticlePerson.objects.filter(article=article).values_list(
                "person__name", "role"
            )
        ),
        "themes": set(
            ArticleTheme.objects.filter(article=article).values_list(
                "theme__slug", flat=True
            )
        ),
        "quotes": set(
            Quote.objects.filter(article=article).values_list("text", flat=True)
        ),
        "authors": set(article.authors.values_list("name", flat=True)),
    }


def save_relations(
    article: Article,
    extracted: Extracted,
    locked: set[str],
    registry: Registry | None = None,
    fresh: bool = False,
) -> None:
    """People, quotes, themes and speaker suggestions, unless an editor set them.

    ``fresh``: the article was just created, so there is nothing to replace."""
    registry = registry or Registry.load()
    people = registry.person_ids
    if "people" not in locked:
        if not fresh:
            ArticlePerson.objects.filter(article=article).delete()
        ArticlePerson.objects.bulk_create(
            [
                ArticlePerson(article=article, person_id=people[name], role=role)
                for names, role in (
                    (extracted.speakers, ArticlePerson.Role.SPEAKER),
                    (extracted.mentioned, ArticlePerson.Role.MENTIONED),
                )
                for name in names
                if name in people
            ]
        )
    if "quotes" not in locked:
        if not fresh:
            Quote.objects.filter(article=article).delete()
        Quote.objects.bulk_create(
            [
                Quote(
                    article=article,
                    person_id=people.get(q.speaker),
                    text=q.text,
                    position=q.position,
                )
                for q in extracted.quotes
            ]
        )
    if "themes" not in locked:
        if not fresh:
            ArticleTheme.objects.filter(article=article).delete()
        ArticleTheme.objects.bulk_create(
            [
                ArticleTheme(
                    article=article, theme_id=registry.theme_ids[slug], score=score
                )
                for slug, score in extracted.themes
                if slug in registry.theme_ids
            ]
        )
    if "authors" not in locked and (extracted.authors or not fresh):
        article.authors.set(
            [_author(name, registry) for name in extracted.authors], clear=not fresh
        )
    if extracted.outlet_suggestion and "outlet" not in locked:
        OutletSuggestion.objects.get_or_create(
            article=article, name=extracted.outlet_suggestion[:200]
        )
    if extracted.suggestions:
        # Suggestions an editor accepted or rejected stay as they are.
        SpeakerSuggestion.objects.bulk_create(
            [
                SpeakerSuggestion(article=article, name=name[:200], context=context)
                for name, context in extracted.suggestions
            ],
            ignore_conflicts=True,
        )


def _author(name: str, registry: Registry) -> int:
    """The id of the registry's person of that name, or of a new one: an author is a
    person the archive has a page for, whether or not they ever speak."""
    pk = registry.person_ids.get(name)
    if pk is None:
        person, _ = Person.objects.get_or_create(name=name[:200])
        pk = registry.person_ids[person.name] = person.pk
    return pk
