"""The URLs of a realistic mix of requests, one per line, for scripts/load_test.sh.

Half searches, a quarter browse pages (years, months, outlets, people, themes, deep
pages of long lists) and a quarter article pages, drawn from what the database holds
so that every URL answers 200. Searches follow readers: a few thousand distinct ones
(``--distinct``), the words a few popular ones (WORDS) and then the commonest words of
the archive's titles, some with a filter, a sort or a later page; each request draws
one by a Zipf law over their ranks (``--zipf``, the exponent: rank r is asked 1/r^s
as often as the first), so a few are asked again and again and a long tail only once.
"""

import random
from collections import Counter
from urllib.parse import quote, urlencode

from django.core.management.base import BaseCommand
from django.db.models import Max, Min

from archive.models import Article, Outlet, Person, Theme
from archive.text import function_words, normalize_arabic

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
        parser.add_argument("--distinct", type=int, default=3000)
        parser.add_argument("--zipf", type=float, default=1.0)

    def handle(self, *args, n, seed, searches_only, distinct, zipf, **options):
        rng = random.Random(seed)
        ids = Article.objects.aggregate(first=Min("id"), last=Max("id"))
        first, last = ids["first"], ids["last"]
        outlets = list(Outlet.objects.values_list("slug", flat=True))
        people = list(Person.objects.values_list("slug", flat=True))
        themes = list(Theme.objects.values_list("slug", flat=True))
        years = list(range(2000, 2027))
        words = _words(rng, distinct, first, last)
        searches = [_search(rng, w, outlets, years) for w in words]
        weights = [1 / (rank**zipf) for rank in range(1, len(searches) + 1)]
        lines = []
        while len(lines) < n:
            r = 0.0 if searches_only else rng.random()
            if r < 0.5:
                lines.append(rng.choices(searches, weights)[0])
            elif r < 0.75:
                lines.append(_browse(rng, outlets, people, themes, years))
            else:
                # the first article at or after a random id: ids have gaps
                pk = (
                    Article.objects.filter(pk__gte=rng.randint(first, last))
                    .order_by("pk")
                    .values_list("pk", flat=True)
                    .first()
                )
                lines.append(f"/articles/{pk}/")
        self.stdout.write("\n".join(lines))


def _words(rng, wanted: int, first: int, last: int) -> list[str]:
    """WORDS, then the commonest words of the titles of a sample of articles (three
    letters or more, no function word), most common first."""
    ids = sorted({rng.randint(first, last) for _ in range(20_000)})
    sample = Article.objects.filter(pk__in=ids).values_list("title", flat=True)
    counts = Counter(
        w
        for title in sample
        for w in title.split()
        if len(w) >= 3 and w.isalpha() and normalize_arabic(w) not in function_words()
    )
    words = list(WORDS)
    words += [w for w, _ in counts.most_common() if w not in words]
    return words[:wanted]


def _search(rng, word, outlets, years) -> str:
    params = {"q": word}
    if rng.random() < 0.3:
        params["sort"] = "newest"
    if rng.random() < 0.2:
        params["outlet"] = rng.choice(outlets)
    if rng.random() < 0.15:
        params["year"] = rng.choice(years)
    if len(params) == 1 and word in WORDS and rng.random() < 0.2:
        params["page"] = rng.randint(2, 5)  # a popular word: pages enough
    return f"/search/?{urlencode(params)}"


def _browse(rng, outlets, people, themes, years) -> str:
    year = rng.choice(years)
    return rng.choice(
        [
            f"/dates/{year}/",
            f"/dates/{year}/{rng.randint(1, 12)}/",
            # a slug may hold any letter (algérie): sent percent-encoded, as a
            # browser sends it (wrk sends the line as written)
            f"/outlets/{quote(rng.choice(outlets))}/",
            f"/people/{quote(rng.choice(people))}/",
            f"/themes/{quote(rng.choice(themes))}/",
            f"/search/?sort=newest&page={rng.randint(1, 500)}",
            "/outlets/",
            "/dates/",
        ]
    )
