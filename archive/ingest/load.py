"""Writing articles: the only part of the importer that touches the database.

Every article is written in its own transaction, keyed on a stable source id, so a
re-run changes nothing, a failure loses only that article, and a field an editor set
(``Article.editor_fields``) is never overwritten.
"""

import hashlib
import itertools
import json
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DataError, IntegrityError, connection, transaction

from archive.dates import DatePrecision, PartialDate
from archive.ingest.extract import OutletEntry, find_outlet, name_key
from archive.ingest.parse import split_sections
from archive.ingest.people import FoundQuote, PersonEntry, build_entry, find_people
from archive.ingest.themes import ThemeEntry, build_theme, find_themes
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

IMPORTED, UPDATED, UNCHANGED, FAILED = "imported", "updated", "unchanged", "failed"
# A raw page is a few KB and the corpus's longest record 25 KB; a page or a JSONL
# record over this is not one article (and would take minutes to extract).
MAX_FILE_BYTES = 20 * 1024 * 1024
JSONL_REQUIRED = ("id", "title", "date", "outlet", "url", "body")
JSONL_TEXT_FIELDS = ("title", "date", "outlet", "url", "body", "outlet_en")
OUTLET_NAME_MAX = Outlet._meta.get_field("name").max_length
JSONL_CHUNK = 500  # records looked up together; each is still saved on its own


class ImportFailure(Exception):
    """A page or record that cannot become an article; the message says why."""


@dataclass
class Result:
    status: str
    source: str  # file, or file:line for JSONL
    article: Article | None = None
    message: str = ""


@dataclass
class Extracted:
    """What the importer found, before it is written."""

    source_id: str
    raw_text: str
    title: str
    body: str
    dateline: str = ""
    date: PartialDate | None = None
    outlet_name: str | None = None
    outlet_latin: str = ""
    outlet_is_new: bool = False
    url: str = ""
    source_file: str = ""
    speakers: list[str] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
    suggestions: list[tuple[str, str]] = field(default_factory=list)
    themes: list[tuple[str, float]] = field(default_factory=list)
    search_vector: str | None = None  # built ahead by a worker, for this text


# C0 control bytes no text file holds: all but tab, the line breaks and ESC.
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27})


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, or None. Binary files without NUL bytes exist (a
    windows-1256 decoder accepts any byte), but they are full of control bytes.

    >>> binary_reason(b"PK\\x03\\x04\\x00"), binary_reason("نص".encode())
    ('it contains NUL bytes', None)
    """
    if b"\x00" in data:
        return "it contains NUL bytes"
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls * 100 > len(data):  # more than 1 byte in 100
        return "it is full of control bytes"
    return None


def decode_text(data: bytes) -> str | None:
    """UTF-8 (BOM allowed), else Arabic in windows-1256, else None.

    >>> decode_text("خبر".encode("cp1256")), decode_text(b"\\xe9t\\xe9")
    ('خبر', None)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # windows-1256 maps every byte, so only Arabic letters tell it is really that.
    text = data.decode("cp1256")
    arabic = sum("\u0600" <= ch <= "\u06ff" for ch in text)
    return text if arabic >= len(text.strip()) * 0.2 else None


def decode(data: bytes) -> str:
    """Text of a raw file: UTF-8 (BOM allowed), else windows-1256, else refused."""
    if not data.strip():
        raise ImportFailure("the file is empty")
    if reason := binary_reason(data):
        raise ImportFailure(f"the file is binary, not text ({reason})")
    text = decode_text(data)
    if text is None:
        raise ImportFailure("the file is not UTF-8, and not Arabic in windows-1256")
    return text


@dataclass
class Registry:
    """Outlets, people and themes as the extractors need them, read once a run."""

    outlets: list[OutletEntry]
    people: list[PersonEntry]
    themes: list[ThemeEntry]
    person_ids: dict[str, int] = field(default_factory=dict)
    theme_ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Registry":
        outlets = [
            OutletEntry(
                o.name,
                frozenset(
                    k for k in map(name_key, [o.name, o.name_latin, *o.aliases]) if k
                ),
                o.is_wire,
            )
            for o in Outlet.objects.all()
        ]
        people = [
            build_entry(p.name, p.aliases, p.name_latin, p.titles)
            for p in Person.objects.all()
        ]
        theme_rows = list(Theme.objects.all())
        themes = [build_theme(t.slug, t.keywords) for t in theme_rows]
        return cls(
            outlets,
            people,
            themes,
            dict(Person.objects.values_list("name", "pk")),
            {t.slug: t.pk for t in theme_rows},
        )


def enrich(extracted: "Extracted", registry: Registry) -> "Extracted":
    """People, quotes and themes: the same for raw pages and corpus records."""
    paragraphs = extracted.body.split("\n\n")
    year = extracted.date.year if extracted.date else None
    people = find_people([extracted.title, *paragraphs], registry.people, year)
    extracted.speakers = people.speakers
    extracted.mentioned = people.mentioned
    # Quote positions count from the body, not from the title before it.
    shift = len(extracted.title) + 2
    extracted.quotes = [
        FoundQuote(q.speaker, q.text, max(0, q.position - shift)) for q in people.quotes
    ]
    extracted.suggestions = people.suggestions
    extracted.themes = find_themes(extracted.title, extracted.body, registry.themes)
    return extracted


def extract_page(
    text: str, source_id: str, source_file: str, registry: Registry
) -> Extracted:
    outlets = registry.outlets
    known = {key for entry in outlets for key in entry.keys}
    raw = split_sections(text, known)
    if not raw.title or not raw.paragraphs:
        raise ImportFailure("no article found: a title and body text are needed")
    outlet_name, is_new = find_outlet(raw.outlet_candidates, outlets)
    extracted = Extracted(
        source_id=source_id,
        raw_text=text,
        title=raw.title,
        body=raw.body,
        dateline=raw.dateline,
        date=raw.date,
        outlet_name=outlet_name,
        outlet_is_new=is_new,
        source_file=source_file,
    )
    return enrich(extracted, registry) if registry is not None else extracted


def extract_record(line: str, source_file: str, registry: Registry | None) -> Extracted:
    """One line of a corpus JSONL file (the format of ../shared/corpus); people,
    quotes and themes too when given a registry."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"not valid JSON: {exc.msg}") from None
    if not isinstance(record, dict):
        raise ImportFailure("a JSON object is expected on each line")
    missing = [k for k in JSONL_REQUIRED if k not in record]
    if missing:
        raise ImportFailure(f"missing fields: {', '.join(missing)}")
    check_record_values(record)
    title = (record["title"] or "").strip()
    paragraphs = [p.strip() for p in (record["body"] or "").split("\n") if p.strip()]
    if not title or not paragraphs:
        raise ImportFailure("empty title or body")
    date = None
    if record["date"]:
        try:
            year, month, day = (int(x) for x in str(record["date"]).split("-"))
            date = PartialDate(year, month, day)
        except ValueError:
            raise ImportFailure(f"date {record['date']!r} is not YYYY-MM-DD") from None
    extracted = Extracted(
        source_id=str(record["id"])[:255],
        raw_text=line,
        title=title,
        body="\n\n".join(paragraphs),
        date=date,
        outlet_name=(record["outlet"] or "").strip() or None,
        outlet_latin=(record.get("outlet_en") or "").strip(),
        outlet_is_new=True,
        url=(record["url"] or "")[:1000],
        source_file=source_file,
    )
    return enrich(extracted, registry) if registry is not None else extracted


def check_record_values(record: dict) -> None:
    """Refuse, with a message, values the database would refuse in mid-write."""
    record_id = record["id"]
    if isinstance(record_id, bool) or not isinstance(record_id, str | int):
        raise ImportFailure("'id' must be a string or a number")
    for key in ("id", *JSONL_TEXT_FIELDS):
        value = record.get(key)
        if key != "id" and value is not None and not isinstance(value, str):
            raise ImportFailure(f"{key!r} must be a string, not {type(value).__name__}")
        if isinstance(value, str) and "\x00" in value:
            # PostgreSQL text cannot hold NUL characters.
            raise ImportFailure(f"{key!r} contains a NUL character")
    for key in ("outlet", "outlet_en"):
        if len((record.get(key) or "").strip()) > OUTLET_NAME_MAX:
            raise ImportFailure(f"{key!r} is over {OUTLET_NAME_MAX} characters")


class OutletResolver:
    """Outlet rows by name, alias or Latin name, cached for one import run."""

    def __init__(self) -> None:
        self._by_key: dict[str, Outlet] = {}
        self._created: list[str] = []  # keys of outlets created in the open atomic()
        for outlet in Outlet.objects.all():
            for key in map(name_key, [outlet.name, outlet.name_latin, *outlet.aliases]):
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
    if article.source_id.startswith("page:"):
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
    if extracted.suggestions:
        # Suggestions an editor accepted or rejected stay as they are.
        SpeakerSuggestion.objects.bulk_create(
            [
                SpeakerSuggestion(article=article, name=name[:200], context=context)
                for name, context in extracted.suggestions
            ],
            ignore_conflicts=True,
        )


def iter_sources(paths: list[Path]) -> Iterator[Path]:
    """Every .txt and .jsonl file named or inside a named folder, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.suffix in {".txt", ".jsonl"} and p.is_file()
            )
        else:
            yield path


def read_lines(handle, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line of a binary file; None for a line over
    ``limit`` bytes, which is skipped without ever being held in memory whole."""
    for number in itertools.count(1):
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass
            line = None
        yield number, line


def extract_record_line(data: bytes | None, source_file: str) -> Extracted:
    """A JSONL line as read by ``read_lines``, in UTF-8 or windows-1256."""
    if data is None:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        raise ImportFailure(f"the line is over {mb} MB: not one article")
    if b"\x00" in data:
        raise ImportFailure("the line is binary, not text (it contains NUL bytes)")
    line = decode_text(data)
    if line is None:
        raise ImportFailure("the line is not UTF-8, and not Arabic in windows-1256")
    return extract_record(line.rstrip("\r\n"), source_file, None)


def _enrich_in_worker(extracted: "Extracted") -> "Extracted":
    enrich(extracted, _WORKER_REGISTRY)
    # The search vector too: it is the other half of the work per article.
    extracted.search_vector = Article(
        title=extracted.title, body=extracted.body
    ).build_search_vector()
    return extracted


_WORKER_REGISTRY: "Registry | None" = None
PARALLEL_MIN = 64  # fewer records than this are not worth starting workers for


class Importer:
    """One import run: the registry is read once, not per article. Extraction of
    large JSONL files runs in worker processes, one per core, while this process
    writes; each article is still written in its own transaction, here."""

    def __init__(self, workers: int | None = None) -> None:
        self.registry = Registry.load()
        self.outlets = OutletResolver()
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self._pool = None
        self._prepare_connection()

    def _prepare_connection(self) -> None:
        with connection.cursor() as cursor:
            # Each article still commits atomically; a crash can only lose the last
            # commits, which a re-run restores. Saves the fsync wait per article.
            cursor.execute("SET synchronous_commit TO OFF")

    def import_path(self, path: Path) -> Iterator[Result]:
        """Import one file; yields a Result per article (one for a page, one per
        line of a JSONL file). Never raises for bad input: failures are Results."""
        source = str(path)
        if not path.is_file():
            yield Result(FAILED, source, message="no such file")
            return
        if path.suffix not in {".txt", ".jsonl"}:
            yield Result(
                FAILED, source, message="only .txt pages and .jsonl files are imported"
            )
            return
        if path.suffix == ".jsonl":
            yield from self._import_jsonl(path)
            return
        if path.stat().st_size > MAX_FILE_BYTES:
            yield Result(
                FAILED, source, message="too large for one raw page (over 20 MB)"
            )
            return
        try:
            text = decode(path.read_bytes())
            source_id = f"page:{path.stem}"[:255]
            extracted = extract_page(text, source_id, path.name, self.registry)
            status, article = save(extracted, self.outlets, registry=self.registry)
        except ImportFailure as exc:
            yield Result(FAILED, source, message=str(exc))
            return
        yield Result(status, source, article)

    def _import_jsonl(self, path: Path) -> Iterator[Result]:
        with path.open("rb") as handle:
            # One message for a binary file, not one per "line" of it.
            if reason := binary_reason(handle.read(64 * 1024)):
                message = f"the file is binary, not text ({reason})"
                yield Result(FAILED, str(path), message=message)
                return
            handle.seek(0)
            lines = read_lines(handle, MAX_FILE_BYTES)
            empty = True
            while chunk := list(itertools.islice(lines, JSONL_CHUNK)):
                empty = empty and not any(
                    data is None or data.strip() for _, data in chunk
                )
                yield from self._import_chunk(path, chunk)
        if empty:
            yield Result(FAILED, str(path), message="the file is empty")

    def _enrich_many(self, items: list["Extracted"]) -> list["Extracted"]:
        global _WORKER_REGISTRY
        if self.workers < 2 or len(items) < PARALLEL_MIN:
            return [enrich(item, self.registry) for item in items]
        if self._pool is None:
            _WORKER_REGISTRY = self.registry
            # Workers inherit the registry and never touch the database; the
            # connection is closed first so no child holds a copy of its socket.
            connection.close()
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.workers)
            self._prepare_connection()
        return self._pool.map(_enrich_in_worker, items, chunksize=16)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def _import_chunk(self, path: Path, chunk) -> Iterator[Result]:
        parsed: list[tuple[str, Extracted | ImportFailure]] = []
        for number, data in chunk:
            if data is not None and not data.strip():
                continue
            source = f"{path}:{number}"
            try:
                parsed.append((source, extract_record_line(data, path.name)))
            except ImportFailure as exc:
                parsed.append((source, exc))
        # One query tells which records are stored already, and with what text.
        ids = [e.source_id for _, e in parsed if isinstance(e, Extracted)]
        stored = dict(
            Article.objects.filter(source_id__in=ids).values_list(
                "source_id", "content_hash"
            )
        )
        todo = [
            item
            for _, item in parsed
            if isinstance(item, Extracted)
            and stored.get(item.source_id) != content_hash(item.raw_text)
        ]
        enriched = {e.source_id: e for e in self._enrich_many(todo)}
        for source, item in parsed:
            if isinstance(item, ImportFailure):
                yield Result(FAILED, source, message=str(item))
                continue
            stored_hash = stored.get(item.source_id)
            if item.source_id not in enriched:
                yield Result(UNCHANGED, source)  # no extraction for what is stored
                continue
            item = enriched[item.source_id]
            try:
                status, article = save(item, self.outlets, stored_hash, self.registry)
            except ImportFailure as exc:
                yield Result(FAILED, source, message=str(exc))
                continue
            yield Result(status, source, article)
