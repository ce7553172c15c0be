"""Run today's extraction again on every article's raw text.

Refreshes the automatic fields only: a field an editor set stays as the editor left
it. Reports how many articles changed in each field."""

from collections import Counter

from django.core.management.base import BaseCommand

from archive.ingest import ImportFailure, OutletResolver, Registry, reextract_article
from archive.models import Article


class Command(BaseCommand):
    help = "Re-extract automatic fields (title, date, outlet, people, themes, quotes)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="only these articles")
        parser.add_argument(
            "--dry-run", action="store_true", help="report, write nothing"
        )

    def handle(self, *args, ids, dry_run, **options):
        registry, outlets = Registry.load(), OutletResolver()
        articles = Article.objects.order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
        changed, failed, total = Counter(), 0, 0
        for article in articles.iterator(chunk_size=500):
            total += 1
            try:
                fields = reextract_article(article, registry, outlets, not dry_run)
            except ImportFailure as exc:
                failed += 1
                self.stderr.write(f"article {article.pk}: {exc}")
                continue
            changed.update(fields)
            if fields and options["verbosity"] > 1:
                self.stdout.write(f"article {article.pk}: {', '.join(fields)}")
        summary = ", ".join(f"{field} {n}" for field, n in sorted(changed.items()))
        self.stdout.write(
            f"re-extracted {total} articles; changed: {summary or 'nothing'}; "
            f"failed {failed}" + (" (dry run: nothing written)" if dry_run else "")
        )
