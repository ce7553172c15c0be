"""Run today's extraction again on every article's raw text.

Refreshes the automatic fields only: a field an editor set stays as the editor left
it. Reports how many articles changed in each field."""

from collections import Counter

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.ingest.load import (
    ImportFailure,
    OutletResolver,
    Registry,
    apply_extraction,
    extract_again,
    locked_fields,
    relations_snapshot,
    save_relations,
)
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
                extracted = extract_again(article, registry)
            except ImportFailure as exc:
                failed += 1
                self.stderr.write(f"article {article.pk}: {exc}")
                continue
            with transaction.atomic():
                before = relations_snapshot(article)
                fields = apply_extraction(article, extracted, outlets)
                if not dry_run:
                    article.save()
                    save_relations(article, extracted, locked_fields(article), registry)
                    after = relations_snapshot(article)
                    fields += [k for k in before if before[k] != after[k]]
                changed.update(fields)
                if fields and options["verbosity"] > 1:
                    self.stdout.write(f"article {article.pk}: {', '.join(fields)}")
        summary = ", ".join(f"{field} {n}" for field, n in sorted(changed.items()))
        self.stdout.write(
            f"re-extracted {total} articles; changed: {summary or 'nothing'}; "
            f"failed {failed}" + (" (dry run: nothing written)" if dry_run else "")
        )
