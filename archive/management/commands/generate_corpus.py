from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.benchmarks import DEFAULT_CORPUS
from archive.generate import generate


class Command(BaseCommand):
    help = (
        "Add N synthetic articles built from the sentences of ../shared/corpus "
        "(COPY, vectors included). For benchmarks: never on a public archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("n", type=int)
        parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
        parser.add_argument("--seed", type=int, default=20251121)

    def handle(self, *args, n, corpus, seed, **options):
        if not corpus.is_file():
            raise CommandError(f"corpus not found: {corpus}")
        if n < 1:
            raise CommandError("N must be at least 1")
        figures = generate(n, corpus, seed, write=self.stdout.write)
        self.stdout.write(
            f"generated {n} articles: analysis {figures['prepare_s']:.1f} s, "
            f"load with search vectors {figures['load_s']:.1f} s = "
            f"{figures['rate']:.0f} articles/s; search index built after "
            f"{figures['index_s']:.1f} s: {figures['rate_with_index']:.0f} articles/s "
            "in all"
        )
