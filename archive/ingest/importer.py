"""One import run over files and folders: raw pages and JSONL files.

The registry is read once a run, not per article. Extraction of large JSONL files
runs in worker processes, one per core, while this process writes; each article is
still written in its own transaction (``archive.ingest.load``).
"""

import itertools
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from archive.ingest.decode import MAX_FILE_BYTES, binary_reason, decode, read_lines
from archive.ingest.errors import ImportFailure
from archive.ingest.extract import Extracted, enrich, extract_page
from archive.ingest.load import (
    FAILED,
    IMPORTED,
    UNCHANGED,
    UPDATED,
    OutletResolver,
    content_hash,
    save,
)
from archive.ingest.records import extract_record_line
from archive.ingest.registry import Registry
from archive.ingest.source_ids import SourceId
from archive.models import Article
from archive.ops.statistics import BULK_ARTICLES, analyze_tables
from archive.search import vocabulary

JSONL_CHUNK = 500  # records looked up together; each is still saved on its own


@dataclass
class Result:
    status: str
    source: str  # file, or file:line for JSONL
    article: Article | None = None
    message: str = ""


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
        self.written = 0  # articles imported or updated in this run
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
            source_id = str(SourceId.page(path))
            extracted = extract_page(text, source_id, path.name, self.registry)
            status, article = save(extracted, self.outlets, registry=self.registry)
        except ImportFailure as exc:
            yield Result(FAILED, source, message=str(exc))
            return
        self._count(status)
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

    def _count(self, status: str) -> None:
        if status in (IMPORTED, UPDATED):
            self.written += 1

    def close(self) -> None:
        """End the run: stop the workers; after a bulk write, refresh the
        planner's statistics (archive.ops.statistics); after any write, the
        archive's vocabulary (archive.search.vocabulary)."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
        if self.written >= BULK_ARTICLES:
            analyze_tables()
        if self.written:
            vocabulary.refresh()  # new words for did-you-mean and related forms
        self.written = 0

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
            self._count(status)
            yield Result(status, source, article)
