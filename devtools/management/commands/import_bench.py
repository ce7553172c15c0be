"""Import speed on the real corpus, in a scratch database that is dropped afterwards.

Uses ../shared/corpus/articles.jsonl, the ANT Corpus sample (A. Chouigui, O. Ben
Khiroun, B. Elayeb, AICCSA 2017 and AJSE 46(8) 2021; https://antcorpus.github.io).
"""

import itertools
import tempfile
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.ingest import Importer
from devtools.scratch import scratch_database

DEFAULT_CORPUS = settings.BASE_DIR.parent / "shared" / "corpus" / "articles.jsonl"


class Command(BaseCommand):
    help = "Print how fast corpus articles import (first import and re-import)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=10_000)
        parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)

    def handle(self, *args, limit, corpus, **options):
        if not corpus.is_file():
            raise CommandError(f"corpus not found: {corpus}")
        with tempfile.TemporaryDirectory() as tmp:
            sample = Path(tmp) / "sample.jsonl"
            with corpus.open("rb") as src, sample.open("wb") as dst:
                dst.writelines(itertools.islice(src, limit))
            with scratch_database():
                self._measure(sample)

    def _measure(self, sample: Path) -> None:
        self.stdout.write("corpus: ANT Corpus sample (https://antcorpus.github.io)")
        for label in ("first import", "re-import"):
            start = time.perf_counter()
            importer = Importer()
            try:
                counts = Counter(r.status for r in importer.import_path(sample))
            finally:
                importer.close()
            seconds = time.perf_counter() - start
            total = sum(counts.values())
            self.stdout.write(
                f"{label:13} {total:6d} articles  {seconds:6.1f} s  "
                f"{total / seconds:7.0f} articles/s  {dict(counts)}"
            )
