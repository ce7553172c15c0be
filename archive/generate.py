"""Synthetic articles at scale, from the sentences of the real corpus.

Built for benchmarks: N articles whose words, sentences and titles are real Arabic
news text (../shared/corpus, the ANT Corpus sample: Chouigui, Ben Khiroun, Elayeb;
https://antcorpus.github.io), with dates over 2000-2026, ~50 outlets, speakers, themes
and quotes drawn with the skewed (Zipf-like) frequencies real archives have. Loaded
with COPY; search vectors are assembled from per-sentence analyses computed once.
"""

import datetime
import functools
import io
import itertools
import json
import random
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone

from archive.analysis import MAX_POSITION, MAX_POSITIONS_PER_LEXEME, _quote, word_tokens
from archive.dates import PartialDate
from archive.models import (
    Article,
    Outlet,
    Person,
    Theme,
)
from archive.normalize import word_spans

REBUILD_INDEX_FROM = 10_000
PER_LEXEME = MAX_POSITIONS_PER_LEXEME
_SENTENCE = re.compile(r"(?<=[.!؟?])\s+|\n+")


@dataclass
class Sentence:
    text: str
    lexemes: list[tuple[str, str]]  # (exact lexeme, key) per token

    def __post_init__(self):
        # Quoted lexeme -> token offsets in this sentence: articles are assembled
        # from these without analysing or quoting anything again.
        offsets: dict[str, list[int]] = {}
        for i, (exact, key) in enumerate(self.lexemes):
            offsets.setdefault(_quote(exact), []).append(i + 1)
            offsets.setdefault(_quote(key), []).append(i + 1)
        self.offsets = offsets
        self.size = len(self.lexemes)


def analyse(text: str) -> list[tuple[str, str]]:
    out = []
    for a, b in word_spans(text):
        for norm, key in word_tokens(text[a:b]):
            out.append(("=" + norm, key))
    return out


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


def tsvector(title: Sentence, body: list[Sentence]) -> str:
    """The same vector ``Article.build_search_vector`` builds, from the analyses."""
    positions: dict[str, list[str]] = {}
    position = 0
    for parts, weight in (([title], "A"), (body, "C")):
        for sentence in parts:
            for lexeme, offsets in sentence.offsets.items():
                slots = positions.setdefault(lexeme, [])
                room = MAX_POSITIONS_PER_LEXEME - len(slots)
                if room > 0:
                    slots.extend(
                        f"{min(position + o, MAX_POSITION)}{weight}"
                        for o in offsets[:room]
                    )
            position = min(position + sentence.size, MAX_POSITION)
        position += 10
    return " ".join(f"{lex}:{','.join(s)}" for lex, s in positions.items())


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


def sentence_vector(sentence: Sentence, weight: str) -> str:
    return " ".join(
        f"{lexeme}:{','.join(f'{o}{weight}' for o in offsets[:PER_LEXEME])}"
        for lexeme, offsets in sentence.offsets.items()
    )


AGGREGATE = """
CREATE OR REPLACE AGGREGATE archive_tsvector_agg(tsvector) (
    SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = ''
)
"""


def generate(n: int, corpus: Path, seed: int = 20251121, batch: int = 20_000,
             write=print, records: int | None = None) -> dict:  # fmt: skip
    """Create ``n`` synthetic articles; returns timings.

    Each corpus sentence and title is analysed once and stored as a small tsvector;
    an article's vector is the concatenation of its sentences' vectors, which
    PostgreSQL assembles (tsvector || shifts positions), so loading runs at C speed.
    The only difference from ``Article.build_search_vector``: no 10-position gap
    between title and body.
    """
    import time

    t0 = time.perf_counter()
    sentences, titles = load_pool(corpus, records=records)
    quoted = [i for i, s in enumerate(sentences) if "«" in s.text or "“" in s.text]
    outlets = _outlets()
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(AGGREGATE)
        cursor.execute("DROP TABLE IF EXISTS gen_sentence, gen_title")
        # Unlogged, not temporary: the loading threads' connections share them.
        cursor.execute(
            "CREATE UNLOGGED TABLE gen_sentence"
            " (id int PRIMARY KEY, text text, vec tsvector)"
        )
        cursor.execute(
            "CREATE UNLOGGED TABLE gen_title"
            " (id int PRIMARY KEY, text text, vec tsvector)"
        )
    _copy(
        "gen_sentence",
        ["id", "text", "vec"],
        [[i, x.text, sentence_vector(x, "C")] for i, x in enumerate(sentences)],
    )
    title_rows = [[i, x.text, sentence_vector(x, "A")] for i, x in enumerate(titles)]
    _copy("gen_title", ["id", "text", "vec"], title_rows)
    prepared = time.perf_counter() - t0
    write(
        f"analysed {len(sentences)} sentences, {len(titles)} titles: {prepared:.1f} s"
    )
    start_id = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    now = timezone.now().isoformat()
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
    args = (seed, sentences, titles, quoted, outlets, people, themes, now)
    done = 0
    with ThreadPoolExecutor(STREAMS) as pool:
        for size in pool.map(lambda b: _load_batch(*b, *args), batches):
            done += size
            write(f"  {done} articles, {done / (time.perf_counter() - t1):.0f}/s")
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
        cursor.execute("ANALYZE archive_article")
        cursor.execute("DROP TABLE IF EXISTS gen_sentence, gen_title")
    total = time.perf_counter() - t1
    return {"prepare_s": prepared, "load_s": loaded, "index_s": total - loaded,
            "rate": n / loaded, "rate_with_index": n / total}  # fmt: skip


STREAMS = 2  # loading connections at once: one per core


def _load_batch(index, first_pk, size, seed, sentences, titles, quoted, outlets,
                people, themes, now) -> int:  # fmt: skip
    """One batch of articles, on this thread's own database connection."""
    rng = random.Random(f"{seed}:{index}")
    rows, links, tags, quotes = [], [], [], []
    try:
        for i in range(size):
            pk = first_pk + i + 1
            body = rng.sample(range(len(sentences)), rng.randint(6, 22))
            if quoted and rng.random() < 0.3:
                body.append(rng.choice(quoted))
            date, precision = _date(rng)
            partial = PartialDate.from_stored(date, precision) if date else None
            rows.append([
                pk, rng.randrange(len(titles)), "{" + ",".join(map(str, body)) + "}",
                partial.as_date() if partial else None,
                partial.last_day() if partial else None,
                precision, zipf_choice(rng, outlets),
            ])  # fmt: skip
            speakers = {
                zipf_choice(rng, people) for _ in range(rng.choice([0, 1, 1, 2, 3]))
            }
            for person in speakers:
                links.append(
                    [pk, person, rng.choice(["speaker", "speaker", "mentioned"])]
                )
            for theme in {
                zipf_choice(rng, themes, 0.8)
                for _ in range(rng.choice([0, 1, 2, 2, 3]))
            }:
                tags.append([pk, theme, round(rng.uniform(0.4, 0.95), 2)])
            if speakers and rng.random() < 0.4:
                text = sentences[rng.choice(body)].text[:300]
                quotes.append([pk, next(iter(speakers)), text, 0])
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
            _fast_compression(cursor)
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS gen_article (id bigint, title_id int, "
                "body_ids int[], date date, date_end date, date_precision text,"
                " outlet_id bigint)"
            )
            cursor.execute("TRUNCATE gen_article")
        _copy("gen_article", ["id", "title_id", "body_ids", "date", "date_end",
                              "date_precision", "outlet_id"], rows)  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(ASSEMBLE, [f"synthetic:{seed}:", now, now])
        _copy("archive_articleperson", ["article_id", "person_id", "role"], links)
        _copy("archive_articletheme", ["article_id", "theme_id", "score"], tags)
        _copy("archive_quote", ["article_id", "person_id", "text", "position"], quotes)
    finally:
        connection.close()
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


ASSEMBLE = """
INSERT INTO archive_article (id, source_id, title, body, dateline, raw_text, date,
    date_end, date_precision, outlet_id, url, source_file, content_hash, editor_fields,
    search_vector, created_at, updated_at)
SELECT g.id, %s || g.id, t.text, b.body, '', t.text || E'\n\n' || b.body, g.date,
    g.date_end, g.date_precision, g.outlet_id, '', 'synthetic', md5(b.body), '{}',
    t.vec || b.vec, %s, %s
FROM gen_article g
JOIN gen_title t ON t.id = g.title_id
CROSS JOIN LATERAL (
    SELECT string_agg(s.text, E'\n\n' ORDER BY u.ord) AS body,
           archive_tsvector_agg(s.vec ORDER BY u.ord) AS vec
    FROM unnest(g.body_ids) WITH ORDINALITY AS u(id, ord)
    JOIN gen_sentence s ON s.id = u.id
) b
"""


def _copy(table: str, columns: list[str], rows: list[list]) -> None:
    if not rows:
        return
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(v) for v in row))
        buffer.write("\n")
    with connection.cursor() as cursor:
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
