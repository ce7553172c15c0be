"""Synthetic articles at scale, from the sentences of the real corpus.

Built for benchmarks: N articles whose words, sentences and titles are real Arabic
news text (../shared/corpus, the ANT Corpus sample: Chouigui, Ben Khiroun, Elayeb;
https://antcorpus.github.io), with dates over 2000-2026, ~50 outlets, speakers, themes
and quotes drawn with the skewed (Zipf-like) frequencies real archives have. Loaded
with COPY; search vectors are assembled from per-sentence analyses computed once, by
the importer's own function. Only ever into a scratch database (``devtools.scratch``).
"""

import datetime
import functools
import hashlib
import io
import itertools
import json
import multiprocessing
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone

from archive.dates import PartialDate
from archive.models import Article, ArticlePerson, Outlet, Person, Theme
from archive.ops.postgres import connect
from archive.ops.statistics import analyze_tables
from archive.text import analyse, assemble_tsvector
from archive.text.tsvector import Lexemes
from devtools.scratch import require_scratch_database

REBUILD_INDEX_FROM = 10_000
BODY_SEPARATOR = "\n\n"  # between sentences, as the importer joins paragraphs
_SENTENCE = re.compile(r"(?<=[.!؟?])\s+|\n+")


@dataclass
class Sentence:
    text: str
    lexemes: list[Lexemes]  # archive.text.analyse: what the importer would index


def load_pool(
    corpus: Path, limit_sentences: int = 200_000, records: int | None = None
) -> tuple[list, list]:
    """(sentences, titles) of the corpus, each analysed once."""
    sentences, titles = [], []
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if records is not None and number >= records:
                break
            record = json.loads(line)
            titles.append(Sentence(record["title"], analyse(record["title"])))
            for part in _SENTENCE.split(record["body"] or ""):
                part = part.strip()
                if len(part) > 30 and len(sentences) < limit_sentences:
                    sentences.append(Sentence(part, analyse(part)))
    return sentences, titles


def article_vector(title: Sentence, body: list[Sentence]) -> str:
    """The vector the importer builds for this title and ``BODY_SEPARATOR``-joined
    body (``Article.build_search_vector``), from the analyses made once per
    sentence: the same assembly, so the same bytes."""
    return assemble_tsvector(
        [([title.lexemes], "A"), ([sentence.lexemes for sentence in body], "C")]
    )


def zipf_choice(rng: random.Random, items: list, s: float = 1.1):
    return rng.choices(items, cum_weights=_zipf_cumulative(len(items), s))[0]


@functools.lru_cache(maxsize=32)
def _zipf_cumulative(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    return (
        text.replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def generate(n: int, corpus: Path, seed: int = 20251121, batch: int = 20_000,
             write=print, records: int | None = None,
             analyze: bool = True) -> dict:  # fmt: skip
    """Create ``n`` synthetic articles in the scratch database; returns timings.

    Each corpus sentence and title is analysed once (``archive.text.analyse``); an
    article's vector is assembled from its sentences' analyses by the importer's
    own function (``article_vector``), in worker processes, one per core, each
    loading its batches with COPY on its own connection. ``analyze``: refresh the
    planner's statistics afterwards (``archive.ops.statistics``); only a benchmark
    of the missing statistics turns it off.
    """
    require_scratch_database("generate_corpus")
    t0 = time.perf_counter()
    sentences, titles = load_pool(corpus, records=records)
    quoted = [i for i, s in enumerate(sentences) if "«" in s.text or "“" in s.text]
    outlets = _outlets()
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    prepared = time.perf_counter() - t0
    write(
        f"analysed {len(sentences)} sentences, {len(titles)} titles: {prepared:.1f} s"
    )
    start_id = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    t1 = time.perf_counter()
    # A GIN index is built far faster once over the loaded rows than row by row.
    rebuild = n >= REBUILD_INDEX_FROM
    if rebuild:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS article_search_gin")
    batches = []
    made = 0
    while made < n:
        size = min(batch, n - made)
        batches.append((len(batches), start_id + made, size))
        made += size
    global _SHARED
    _SHARED = _Shared(seed, sentences, titles, quoted, outlets, people, themes,
                      timezone.now().isoformat(),
                      dict(connection.settings_dict))  # fmt: skip
    # Workers are forked with the analyses and open connections of their own
    # (psycopg's, not Django's); none may share this process's socket.
    connection.close()
    done = 0
    context = multiprocessing.get_context("fork")
    with context.Pool(STREAMS) as pool:
        for size in pool.imap(_load_batch, batches):
            done += size
            write(f"  {done} articles, {done / (time.perf_counter() - t1):.0f}/s")
    _SHARED = None
    loaded = time.perf_counter() - t1
    if rebuild:
        write("  building the search index…")
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '2GB'")
            cursor.execute(
                "CREATE INDEX article_search_gin ON archive_article"
                " USING gin (search_vector)"
            )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('archive_article', 'id'), "
            "(SELECT max(id) FROM archive_article))"
        )
    if analyze:
        analyze_tables()
    total = time.perf_counter() - t1
    return {"prepare_s": prepared, "load_s": loaded, "index_s": total - loaded,
            "rate": n / loaded, "rate_with_index": n / total}  # fmt: skip


STREAMS = 2  # loading processes at once: one per core


@dataclass
class _Shared:
    """What every loading process reads: inherited through fork, never pickled."""

    seed: int
    sentences: list[Sentence]
    titles: list[Sentence]
    quoted: list[int]
    outlets: list[int]
    people: list[int]
    themes: list[int]
    now: str
    database: dict  # the scratch database's settings


_SHARED: _Shared | None = None
ARTICLE_COLUMNS = [
    "id", "source_id", "title", "body", "dateline", "byline", "raw_text", "date",
    "date_end",
    "date_precision", "outlet_id", "url", "source_file", "content_hash",
    "editor_fields", "search_vector", "created_at", "updated_at",
]  # fmt: skip
SPEAKER, MENTIONED = ArticlePerson.Role.SPEAKER, ArticlePerson.Role.MENTIONED


def _load_batch(job: tuple[int, int, int]) -> int:
    """One batch of articles, in one transaction on this process's own connection."""
    index, first_pk, size = job
    shared = _SHARED
    sentences, titles, people, themes = (
        shared.sentences, shared.titles, shared.people, shared.themes,
    )  # fmt: skip
    rng = random.Random(f"{shared.seed}:{index}")
    rows, links, tags, quotes = [], [], [], []
    for i in range(size):
        pk = first_pk + i + 1
        body_ids = rng.sample(range(len(sentences)), rng.randint(6, 22))
        if shared.quoted and rng.random() < 0.3:
            body_ids.append(rng.choice(shared.quoted))
        title = titles[rng.randrange(len(titles))]
        body = [sentences[b] for b in body_ids]
        text = BODY_SEPARATOR.join(sentence.text for sentence in body)
        date, precision = _date(rng)
        partial = PartialDate.from_stored(date, precision) if date else None
        rows.append([
            pk, f"synthetic:{shared.seed}:{pk}", title.text, text, "", "",
            f"{title.text}\n\n{text}",
            partial.as_date() if partial else None,
            partial.last_day() if partial else None,
            precision, zipf_choice(rng, shared.outlets), "", "synthetic",
            hashlib.md5(text.encode("utf-8")).hexdigest(), "{}",
            article_vector(title, body), shared.now, shared.now,
        ])  # fmt: skip
        speakers = {
            zipf_choice(rng, people) for _ in range(rng.choice([0, 1, 1, 2, 3]))
        }
        for person in speakers:
            links.append([pk, person, rng.choice([SPEAKER, SPEAKER, MENTIONED])])
        for theme in {
            zipf_choice(rng, themes, 0.8) for _ in range(rng.choice([0, 1, 2, 2, 3]))
        }:
            tags.append([pk, theme, round(rng.uniform(0.4, 0.95), 2)])
        if speakers and rng.random() < 0.4:
            quote = sentences[rng.choice(body_ids)].text[:300]
            quotes.append([pk, next(iter(speakers)), quote, 0])
    with connect(shared.database) as conn, conn.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
        _fast_compression(cursor)
        _copy(cursor, "archive_article", ARTICLE_COLUMNS, rows)
        _copy(
            cursor, "archive_articleperson", ["article_id", "person_id", "role"], links
        )
        _copy(cursor, "archive_articletheme", ["article_id", "theme_id", "score"], tags)
        _copy(
            cursor,
            "archive_quote",
            ["article_id", "person_id", "text", "position"],
            quotes,
        )
    return size


def _fast_compression(cursor) -> None:
    """lz4 instead of pglz for the text columns TOAST compresses (PostgreSQL 14+
    built with lz4): several times faster to write. Left at the default elsewhere."""
    cursor.execute(
        "SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression'"
        " AND 'lz4' = ANY(enumvals)"
    )
    if cursor.fetchone()[0]:
        cursor.execute("SET default_toast_compression = 'lz4'")


def _copy(cursor, table: str, columns: list[str], rows: list[list]) -> None:
    if not rows:
        return
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(v) for v in row))
        buffer.write("\n")
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def _date(rng: random.Random):
    r = rng.random()
    if r < 0.03:
        return None, "unknown"
    start = datetime.date(2000, 1, 1)
    day = start + datetime.timedelta(
        days=rng.randrange((datetime.date(2026, 11, 1) - start).days)
    )
    if r < 0.05:
        return day.replace(month=1, day=1), "year"
    if r < 0.10:
        return day.replace(day=1), "month"
    return day, "day"


def _outlets() -> list[int]:
    """The registry's outlets, topped up to 50 with synthetic ones."""
    ids = list(Outlet.objects.order_by("pk").values_list("pk", flat=True))
    for i in range(len(ids), 50):
        outlet, _ = Outlet.objects.get_or_create(
            name=f"صحيفة تجريبية {i + 1}", defaults={"name_latin": f"Synthetic {i + 1}"}
        )
        ids.append(outlet.pk)
    return ids
