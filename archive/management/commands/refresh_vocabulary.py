"""Re-read the archive's vocabulary from the search vectors (imports do it)."""

import time

from django.core.management.base import BaseCommand

from archive.search import vocabulary


class Command(BaseCommand):
    help = "Rebuild archive_word (did-you-mean, related forms) from the vectors."

    def handle(self, *args, **options):
        start = time.perf_counter()
        total = vocabulary.refresh()
        seconds = time.perf_counter() - start
        self.stdout.write(f"{total} words in the vocabulary, read in {seconds:.1f} s")
