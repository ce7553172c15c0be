"""Extraction quality on the labelled raw pages (tests/data/extraction) and the seeds.

Per field: title exact; date exact at its precision, and dates invented where the page
gives none (must be 0); outlet; speaker precision and recall (registry people, plus
suggested unknown speakers by name); theme precision and recall. Pages are built around
ANT corpus articles (Chouigui, Ben Khiroun, Elayeb; https://antcorpus.github.io).
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from archive.ingest import ImportFailure, Registry, extract_page
from archive.ingest.decode import decode
from archive.ingest.outlets import name_key
from archive.models import Outlet, Person
from devtools.scratch import scratch_database

DATA = settings.BASE_DIR / "tests" / "data" / "extraction"
SEEDS = settings.BASE_DIR / "seeds"


LABELLED_THEMES = {
    "bilateral-relations", "ukraine", "economy-trade", "energy", "security-defence",
    "multilateral", "history-anniversaries", "us-west", "asia-pacific", "technology",
    "culture-people",
}  # fmt: skip


def load_pages() -> list[tuple[Path, dict]]:
    pages = []
    for labels, folder in (
        (DATA / "labels.jsonl", DATA),
        (DATA / "seed_labels.jsonl", SEEDS),
    ):
        for line in labels.open(encoding="utf-8"):
            if line.strip():
                label = json.loads(line)
                pages.append((folder / label["file"], label))
    return pages


def canonical_names(model, labels: str) -> dict[str, str]:
    """Any known spelling of an outlet or a person (the registry's, or the label
    file's ``labels``: name, Latin name, |-separated variants) -> one name."""
    table: dict[str, str] = {}
    for entry in model.objects.all():
        for alias in [entry.name, entry.name_latin, *entry.aliases]:
            table.setdefault(name_key(alias), entry.name)
    for line in (DATA / labels).open(encoding="utf-8").readlines()[1:]:
        name, latin, variants = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        target = table.get(name_key(name)) or table.get(name_key(latin)) or name
        for alias in [name, latin, *variants.split("|")]:
            if alias.strip():
                table.setdefault(name_key(alias), target)
    return table


def pr(predicted: set, gold: set) -> tuple[int, int, int]:
    return len(predicted & gold), len(predicted), len(gold)


class Command(BaseCommand):
    help = "Print per-field extraction accuracy on the labelled raw pages."

    def add_arguments(self, parser):
        parser.add_argument("--keep", action="store_true", help="reuse the scratch DB")
        parser.add_argument("--failures", action="store_true", help="list each miss")

    def handle(self, *args, keep, failures, **options):
        with scratch_database(keep=keep):
            self._run(failures)

    def _run(self, show):
        registry = Registry.load()
        people = canonical_names(Person, "people.tsv")
        outlets = canonical_names(Outlet, "outlets.tsv")
        person = lambda n: people.get(name_key(n), n)  # noqa: E731
        outlet = lambda n: n and outlets.get(name_key(n), n)  # noqa: E731
        stats = dict.fromkeys(("title", "date", "invented", "outlet", "dated_none"), 0)
        sp, th = [0, 0, 0], [0, 0, 0]
        pages = load_pages()
        w = self.stdout.write
        for path, label in pages:
            try:
                got = extract_page(
                    decode(path.read_bytes()), path.stem, path.name, registry
                )
            except ImportFailure as exc:
                w(f"  FAILED {path.name}: {exc}")
                continue
            date = got.date.iso() if got.date else None
            precision = got.date.precision if got.date else "unknown"
            checks = {
                "title": got.title == label["title"],
                "date": (date, precision) == (label["date"], label["date_precision"]),
                "outlet": outlet(got.outlet_name) == outlet(label["outlet"]),
            }
            for field, ok in checks.items():
                stats[field] += ok
                if show and not ok:
                    got_value = {"title": got.title, "date": (date, precision),
                                 "outlet": got.outlet_name}[field]  # fmt: skip
                    want = {"title": label["title"],
                            "date": (label["date"], label["date_precision"]),
                            "outlet": label["outlet"]}[field]  # fmt: skip
                    w(f"  {field:7} {path.name[:40]}: got {got_value!r} want {want!r}")
            if label["date"] is None:
                stats["dated_none"] += 1
                stats["invented"] += date is not None
            speakers = {person(n) for n in got.speakers}
            speakers |= {person(n) for n, _ in got.suggestions}
            gold = {person(n) for n in label["speakers"]}
            for i, v in enumerate(pr(speakers, gold)):
                sp[i] += v
            if show and speakers != gold:
                extra, missed = sorted(speakers - gold), sorted(gold - speakers)
                w(f"  speaker {path.name[:40]}: +{extra} -{missed}")
            # Only themes the labels can name (the labelled set predates middle-east).
            themes = {slug for slug, _ in got.themes if slug in LABELLED_THEMES}
            for i, v in enumerate(pr(themes, set(label["themes"]))):
                th[i] += v
            if show and themes != set(label["themes"]):
                want = sorted(label["themes"])
                w(f"  themes  {path.name[:40]}: got {sorted(themes)} want {want}")
        n = len(pages)
        w(f"labelled pages: {n} ({n - 5} built around corpus articles + 5 seeds)")
        w(f"title exact                  {stats['title'] / n:.3f}")
        w(f"date exact at its precision  {stats['date'] / n:.3f}")
        invented, undated = stats["invented"], stats["dated_none"]
        w(f"dates invented               {invented} (of {undated} undated pages)")
        w(f"outlet                       {stats['outlet'] / n:.3f}")
        for label_, (hit, predicted, gold) in (("speakers", sp), ("themes", th)):
            p = hit / predicted if predicted else 0.0
            r = hit / gold if gold else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            w(f"{label_:9} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
