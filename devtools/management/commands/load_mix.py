"""The URLs of a realistic mix of requests, one per line, for scripts/load_test.sh.

Half searches (common, mid-frequency and rare words, phrases, filters, both sorts,
later pages), a quarter browse pages (years, months, outlets, people, themes, deep
pages of long lists) and a quarter article pages, drawn from what the database
holds so that every URL answers 200.
"""

import random
from urllib.parse import urlencode

from django.core.management.base import BaseCommand

from archive.models import Article, Outlet, Person, Theme

WORDS = [
    "الصين", "روسيا", "بوتين", "موسكو", "بكين", "الاقتصاد", "الطاقة", "لافروف",
    "شي جين بينغ", "التجارة", "الغاز", "سوريا", "الأمم المتحدة", "العقوبات",
    "حميميم", "شنغهاي", '"الحزام والطريق"', '"مجلس الأمن"', "Putin", "النفط",
]  # fmt: skip


class Command(BaseCommand):
    help = "Print N URLs of a realistic request mix (search, browse, articles)."

    def add_arguments(self, parser):
        parser.add_argument("--n", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--searches-only", action="store_true", help="a burst of searches"
        )

    def handle(self, *args, n, seed, searches_only, **options):
        rng = random.Random(seed)
        last = Article.objects.order_by("-id").values_list("id", flat=True).first()
        outlets = list(Outlet.objects.values_list("slug", flat=True))
        people = list(Person.objects.values_list("slug", flat=True))
        themes = list(Theme.objects.values_list("slug", flat=True))
        years = list(range(2000, 2027))
        lines = []
        while len(lines) < n:
            r = 0.0 if searches_only else rng.random()
            if r < 0.5:
                lines.append(_search(rng, outlets, years))
            elif r < 0.75:
                lines.append(_browse(rng, outlets, people, themes, years))
            else:
                pk = rng.randint(1, last)
                if Article.objects.filter(pk=pk).exists():
                    lines.append(f"/articles/{pk}/")
        self.stdout.write("\n".join(lines))


def _search(rng, outlets, years) -> str:
    params = {"q": rng.choice(WORDS)}
    if rng.random() < 0.3:
        params["sort"] = "newest"
    if rng.random() < 0.2:
        params["outlet"] = rng.choice(outlets)
    if rng.random() < 0.15:
        params["year"] = rng.choice(years)
    if len(params) == 1 and rng.random() < 0.2:
        params["page"] = rng.randint(2, 5)  # a plain word: pages enough
    return f"/search/?{urlencode(params)}"


def _browse(rng, outlets, people, themes, years) -> str:
    year = rng.choice(years)
    return rng.choice(
        [
            f"/dates/{year}/",
            f"/dates/{year}/{rng.randint(1, 12)}/",
            f"/outlets/{rng.choice(outlets)}/",
            f"/people/{rng.choice(people)}/",
            f"/themes/{rng.choice(themes)}/",
            f"/search/?sort=newest&page={rng.randint(1, 500)}",
            "/outlets/",
            "/dates/",
        ]
    )
