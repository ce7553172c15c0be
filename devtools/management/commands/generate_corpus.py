"""Synthetic articles for benchmarks and load tests, in a scratch database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.benchmarks import DEFAULT_CORPUS
from devtools.generate import generate
from devtools.scratch import SCRATCH_NAME, scratch_database


class Command(BaseCommand):
    help = (
        "Add N synthetic articles built from the sentences of ../shared/corpus "
        "(COPY, vectors included) to the scratch database archive_bench_<N>, kept "
        "for search_bench --generated N --keep and scripts/load_test.sh. Never "
        "touches the archive's own database."
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
        name = f"{SCRATCH_NAME}_{n}"
        with scratch_database(keep=True, name=name):
            figures = generate(n, corpus, seed, write=self.stdout.write)
            url = _url(connection.settings_dict)
        self.stdout.write(
            f"generated {n} articles: analysis {figures['prepare_s']:.1f} s, "
            f"load with search vectors {figures['load_s']:.1f} s = "
            f"{figures['rate']:.0f} articles/s; search index built after "
            f"{figures['index_s']:.1f} s: {figures['rate_with_index']:.0f} articles/s "
            "in all"
        )
        self.stdout.write(f"in the scratch database {name}: DATABASE_URL={url}")


def _url(settings: dict) -> str:
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    if host.startswith("/"):  # the embedded server's socket directory
        return f"postgres:///{settings['NAME']}?host={host}&user={settings['USER']}"
    user = settings.get("USER") or "postgres"
    return f"postgres://{user}@{host}{port}/{settings['NAME']}"
