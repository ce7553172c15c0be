"""Search quality, measured: our analyzer against plain to_tsvector('arabic').

Morphology: tests/data/morphology.tsv (query, word form, must match or not): recall over
the wanted forms and the false-match rate over the look-alikes (with ``--held-out``,
also over tests/data/morphology_held_out.tsv, a set no rule was written against; its
misses are never listed), both evaluated by
PostgreSQL itself (our tsvector @@ our tsquery; the baseline's to_tsvector('arabic') @@
plainto_tsquery('arabic')). Relevance: tests/data/relevance/queries.jsonl, judged over
the corpus sample imported into a scratch database: MRR and nDCG@10 of the first page.
Known items: tests/data/known_items/queries.jsonl (devtools.known_items), whether the
article a query was made from comes first: success@1, success@10, MRR, zero results.
"""

import csv
import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from archive.models import Article
from archive.search import parse_query, search_articles
from archive.text import build_tsvector, normalize_arabic
from devtools import known_items
from devtools.benchmarks import CITATION, ensure_corpus
from devtools.scratch import scratch_database

DATA = settings.BASE_DIR / "tests" / "data"


def load_morphology(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def our_matches(rows: list[dict]) -> list[bool]:
    vectors, queries = [], []
    for row in rows:
        parsed = parse_query(row["query"])
        vectors.append(build_tsvector([(row["form"], "A")]))
        queries.append(parsed.tsquery() if parsed else "")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN q = '' THEN false ELSE v::tsvector @@ q::tsquery END"
            " FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(v, q, n)"
            " ORDER BY n",
            [vectors, queries],
        )
        return [r[0] for r in cursor.fetchall()]


def baseline_matches(rows: list[dict]) -> list[bool]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('arabic', f) @@ plainto_tsquery('arabic', q)"
            " FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(f, q, n)"
            " ORDER BY n",
            [[r["form"] for r in rows], [r["query"] for r in rows]],
        )
        return [bool(r[0]) for r in cursor.fetchall()]


def morphology_figures(rows: list[dict], matched: list[bool]) -> dict:
    wanted = [m for r, m in zip(rows, matched, strict=True) if r["expected"] == "match"]
    unwanted = [
        m for r, m in zip(rows, matched, strict=True) if r["expected"] == "nomatch"
    ]
    return {
        "recall": sum(wanted) / len(wanted),
        "false": sum(unwanted) / len(unwanted),
        "n_wanted": len(wanted),
        "n_unwanted": len(unwanted),
    }


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def relevance_figures(queries: list[dict], ranked: dict[str, list[str]]) -> dict:
    rr, ndcg, per_query = [], [], {}
    for query in queries:
        judged = query["judgments"]
        got = ranked[query["qid"]][:10]
        grades = [judged.get(sid, 0) for sid in got]
        first = next((i for i, g in enumerate(grades) if g > 0), None)
        rr.append(0.0 if first is None else 1 / (first + 1))
        ideal = dcg(sorted(judged.values(), reverse=True)[:10])
        ndcg.append(dcg(grades) / ideal if ideal else 0.0)
        per_query[query["qid"]] = (rr[-1], ndcg[-1])
    return {
        "mrr": sum(rr) / len(rr),
        "ndcg10": sum(ndcg) / len(ndcg),
        "per_query": per_query,
    }


def our_ranking(query: str) -> list[str]:
    """The first ten results as the search API serves them: the newest RANK_CAP
    matches ranked when there are more (archive.search.plans)."""
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        data = Client().get("/api/search/", {"q": query}).json()
    ids = [row["id"] for row in data.get("results", [])][:10]
    sources = dict(Article.objects.filter(pk__in=ids).values_list("pk", "source_id"))
    return [sources[pk] for pk in ids]


def uncapped_ranking(query: str) -> list[str]:
    """The first ten of every match ranked, with no cap: what the cap costs."""
    results = search_articles(Article.objects.all(), query)
    if "rank" not in results.query.annotations:
        return []
    ordered = results.order_by("-rank", "-date", "-id")
    return list(ordered.values_list("source_id", flat=True)[:10])


def baseline_ranking(query: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT source_id FROM quality_baseline,"
            " websearch_to_tsquery('arabic', %s) q WHERE v @@ q"
            " ORDER BY ts_rank_cd(v, q) DESC, date DESC NULLS LAST LIMIT 10",
            [query],
        )
        return [r[0] for r in cursor.fetchall()]


class Command(BaseCommand):
    help = "Print morphology recall/false matches and MRR/nDCG@10, ours vs baseline."

    def add_arguments(self, parser):
        parser.add_argument("--keep", action="store_true", help="reuse the scratch DB")
        parser.add_argument("--failures", type=int, default=0, help="list N misses")
        parser.add_argument("--no-relevance", action="store_true")
        parser.add_argument("--per-query", action="store_true")
        parser.add_argument(
            "--held-out",
            action="store_true",
            help="score the held-out morphology and known-item sets (only when done)",
        )

    def handle(
        self, *args, keep, failures, no_relevance, per_query, held_out, **options
    ):
        self.per_query = per_query
        rows = load_morphology(DATA / "morphology.tsv")
        hidden = DATA / "morphology_held_out.tsv"
        with scratch_database(keep=keep):
            ours, base = our_matches(rows), baseline_matches(rows)
            self._print_morphology(rows, ours, base, failures)
            if held_out and hidden.exists():
                rows = load_morphology(hidden)
                ours, base = our_matches(rows), baseline_matches(rows)
                self._print_morphology(rows, ours, base, 0, label="held-out ")
            path = DATA / "relevance" / "queries.jsonl"
            if not no_relevance and path.exists():
                self._relevance(path)
                self._known_items(held_out)

    def _print_morphology(self, rows, ours, base, failures, label=""):
        o, b = morphology_figures(rows, ours), morphology_figures(rows, base)
        w = self.stdout.write
        wanted, unwanted = o["n_wanted"], o["n_unwanted"]
        w(f"{label}morphology set: {wanted} wanted forms, {unwanted} look-alikes")
        w(f"{'':28}{'recall':>8}{'false':>8}")
        w(f"{'ours':28}{o['recall']:8.3f}{o['false']:8.3f}")
        w(f"{'to_tsvector(arabic)':28}{b['recall']:8.3f}{b['false']:8.3f}")
        # Pairs the required normalization makes one word (ة/ه, ى/ي, hamza forms,
        # diacritics): no analyzer that folds them can keep these apart.
        forced = {
            i
            for i, r in enumerate(rows)
            if r["expected"] == "nomatch"
            and normalize_arabic(r["query"]) == normalize_arabic(r["form"])
        }
        rest = [
            ours[i]
            for i, r in enumerate(rows)
            if r["expected"] == "nomatch" and i not in forced
        ]
        w(
            f"  {sum(ours[i] for i in forced)} of ours' false matches are pairs the "
            f"required normalization makes identical; without those {len(forced)} "
            f"pairs the false-match rate is {sum(rest) / max(len(rest), 1):.3f}"
        )
        categories = sorted({r["category"] for r in rows})
        w("by category (ours recall / false, baseline recall / false):")
        for cat in categories:
            idx = [i for i, r in enumerate(rows) if r["category"] == cat]
            sub = [rows[i] for i in idx]
            fo = morphology_figures_safe(sub, [ours[i] for i in idx])
            fb = morphology_figures_safe(sub, [base[i] for i in idx])
            w(f"  {cat:26}{fo}   {fb}")
        if failures:
            misses = [
                (r, m)
                for r, m in zip(rows, ours, strict=True)
                if m != (r["expected"] == "match")
            ]
            w(f"misses ({len(misses)}):")
            for r, _ in misses[:failures]:
                w(f"  {r['expected']:8} {r['query']} ~ {r['form']}  [{r['category']}]")

    def _known_items(self, with_held_out: bool):
        """tests/data/known_items: does the article a query was made from come
        first? Ours and plain to_tsvector('arabic') with ts_rank_cd, same run."""
        development, held = known_items.split(known_items.load())
        parts = [("development", development)]
        if with_held_out:
            parts.append(("held-out", held))
        for name, queries in parts:
            systems = {
                "ours": known_items.score(known_items.run_ours(queries), queries),
                "arabic": known_items.score(known_items.run_baseline(queries), queries),
            }
            for line in known_items.report(systems, label=f"known items, {name}"):
                self.stdout.write(line)
        if not with_held_out:
            self.stdout.write("(the held-out part is scored with --held-out)")

    def _relevance(self, path):
        queries = [
            json.loads(line) for line in path.open(encoding="utf-8") if line.strip()
        ]
        self.stdout.write(CITATION)
        total = ensure_corpus(write=self.stdout.write)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE quality_baseline AS SELECT source_id, date,"
                " setweight(to_tsvector('arabic', title), 'A') ||"
                " setweight(to_tsvector('arabic', body), 'C') AS v FROM archive_article"
            )
            cursor.execute("CREATE INDEX ON quality_baseline USING gin(v)")
        ours = {q["qid"]: our_ranking(q["query"]) for q in queries}
        every = {q["qid"]: uncapped_ranking(q["query"]) for q in queries}
        base = {q["qid"]: baseline_ranking(q["query"]) for q in queries}
        fo, fb = relevance_figures(queries, ours), relevance_figures(queries, base)
        fe = relevance_figures(queries, every)
        w = self.stdout.write
        w(f"relevance set: {len(queries)} queries over {total} articles")
        w(f"{'':28}{'MRR':>8}{'nDCG@10':>9}")
        w(f"{'ours, as served':28}{fo['mrr']:8.3f}{fo['ndcg10']:9.3f}")
        w(f"{'ours, every match ranked':28}{fe['mrr']:8.3f}{fe['ndcg10']:9.3f}")
        w(f"{'to_tsvector(arabic)':28}{fb['mrr']:8.3f}{fb['ndcg10']:9.3f}")
        if self.per_query:
            w("per query: nDCG@10 ours / baseline")
            for q in queries:
                (_, n_o), (_, n_b) = (
                    fo["per_query"][q["qid"]],
                    fb["per_query"][q["qid"]],
                )
                w(f"  {q['qid']} {n_o:5.2f} {n_b:5.2f}  {q['query']}")


def morphology_figures_safe(rows, matched) -> str:
    wanted = [m for r, m in zip(rows, matched, strict=True) if r["expected"] == "match"]
    unwanted = [
        m for r, m in zip(rows, matched, strict=True) if r["expected"] == "nomatch"
    ]
    rec = f"{sum(wanted) / len(wanted):.2f}" if wanted else "  - "
    fal = f"{sum(unwanted) / len(unwanted):.2f}" if unwanted else "  - "
    return f"{rec} / {fal}"
