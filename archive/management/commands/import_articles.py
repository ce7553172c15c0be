import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand

from archive.ingest import FAILED, IMPORTED, UNCHANGED, UPDATED, Importer, iter_sources


class Command(BaseCommand):
    help = (
        "Import raw .txt pages and .jsonl corpus files (files or folders). "
        "Idempotent; each article in its own transaction; bad input is reported "
        "and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--quiet", action="store_true", help="print only the summary"
        )

    def handle(self, *args, paths, quiet, **options):
        counts = Counter()
        importer = Importer()
        try:
            self._run(importer, paths, quiet, counts)
        finally:
            importer.close()
        self._summary(counts)

    def _run(self, importer, paths, quiet, counts):
        for path in iter_sources(paths):
            for result in importer.import_path(path):
                counts[result.status] += 1
                if result.status == FAILED:
                    self.stderr.write(f"failed {result.source}: {result.message}")
                elif (
                    not quiet
                    and result.status != UNCHANGED
                    and not path.suffix == ".jsonl"
                ):
                    self.stdout.write(
                        f"{result.status} {result.source}: {result.article.title}"
                    )

    def _summary(self, counts):
        if counts[UPDATED]:
            self.stdout.write(
                f"({counts[UPDATED]} of the imported were updated in place)"
            )
        self.stdout.write(
            f"imported {counts[IMPORTED] + counts[UPDATED]}, "
            f"unchanged {counts[UNCHANGED]}, failed {counts[FAILED]}"
        )
        if counts[FAILED]:
            sys.exit(1)
