"""Extraction quality on the labelled raw pages (tests/data/extraction) and the seeds.

Per field: title exact; date exact at its precision, and wrong dates (a date the page
does not support, or another than it gives: must be 0); outlet; authors (pages whose
label records them); speaker precision and recall (registry people, plus suggested
unknown speakers by name); quote precision; theme precision and recall.

The pages come in two parts (``held_out.txt``): the development part, which rules may
be written against, and a held-out third that is scored only when a piece of work is
done (``--held-out``), never while writing rules. Pages are built around ANT corpus
articles (Chouigui, Ben Khiroun, Elayeb; https://antcorpus.github.io).
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
    """(page, label) of every labelled page: the set's own and the seeds."""
    pages = []
    for labels, folder in [
        *((path, DATA) for path in sorted(DATA.glob("labels*.jsonl"))),
        (DATA / "seed_labels.jsonl", SEEDS),
    ]:
        for line in labels.open(encoding="utf-8"):
            if line.strip():
                label = json.loads(line)
                pages.append((folder / label["file"], label))
    return pages


def held_out() -> set[str]:
    """The file names of the held-out part."""
    lines = (DATA / "held_out.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and line[0] != "#"}


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


class Part:
    """The tallies of one part of the set."""

    def __init__(self, name: str):
        self.name, self.pages = name, 0
        self.hits = dict.fromkeys(("title", "date", "outlet"), 0)
        self.wrong_dates = self.undated = self.authored = 0
        self.authors, self.speakers, self.quotes, self.themes = (
            [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0],
        )  # fmt: skip

    def rows(self) -> list[tuple[str, str]]:
        n = self.pages or 1
        rows = [
            ("pages", str(self.pages)),
            ("title exact", f"{self.hits['title'] / n:.3f}"),
            ("date exact at its precision", f"{self.hits['date'] / n:.3f}"),
            ("wrong dates", f"{self.wrong_dates} ({self.undated} undated pages)"),
            ("outlet", f"{self.hits['outlet'] / n:.3f}"),
        ]
        for label, (hit, predicted, gold) in (
            ("authors", self.authors),
            ("speakers", self.speakers),
            ("themes", self.themes),
        ):
            p = hit / predicted if predicted else 0.0
            r = hit / gold if gold else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            rows.append((f"{label} P / R / F1", f"{p:.3f} / {r:.3f} / {f1:.3f}"))
        rows[-3] = (rows[-3][0] + f" ({self.authored} pages)", rows[-3][1])
        hit, predicted, _ = self.quotes
        rows.append(("quote precision", f"{hit / predicted if predicted else 0:.3f}"))
        return rows


class Command(BaseCommand):
    help = "Print per-field extraction accuracy on the labelled raw pages."

    def add_arguments(self, parser):
        parser.add_argument("--keep", action="store_true", help="reuse the scratch DB")
        parser.add_argument("--failures", action="store_true", help="list each miss")
        parser.add_argument(
            "--held-out",
            action="store_true",
            help="score the held-out part too (only when the work is done)",
        )

    def handle(self, *args, keep, failures, held_out, **options):
        with scratch_database(keep=keep):
            self._run(failures, held_out)

    def _run(self, show, with_held_out):
        registry = Registry.load()
        people = canonical_names(Person, "people.tsv")
        outlets = canonical_names(Outlet, "outlets.tsv")
        person = lambda n: people.get(name_key(n), n)  # noqa: E731
        outlet = lambda n: n and outlets.get(name_key(n), n)  # noqa: E731
        hidden = held_out()
        parts = {"development": Part("development"), "held-out": Part("held-out")}
        w = self.stdout.write
        for path, label in load_pages():
            part = parts["held-out" if path.name in hidden else "development"]
            if part.name == "held-out" and not with_held_out:
                continue
            show_here = show and part.name == "development"
            try:
                got = extract_page(
                    decode(path.read_bytes()), path.stem, path.name, registry
                )
            except ImportFailure as exc:
                w(f"  FAILED {path.name}: {exc}")
                part.pages += 1
                continue
            part.pages += 1
            date = got.date.iso() if got.date else None
            precision = got.date.precision if got.date else "unknown"
            checks = {
                "title": (got.title, label["title"]),
                "date": ((date, precision), (label["date"], label["date_precision"])),
                # A suggested outlet counts: an editor accepts it in one click.
                "outlet": (
                    outlet(got.outlet_name or got.outlet_suggestion),
                    outlet(label["outlet"]),
                ),
            }
            for field, (value, want) in checks.items():
                part.hits[field] += value == want
                if show_here and value != want:
                    w(f"  {field:7} {path.name[:40]}: got {value!r} want {want!r}")
            part.undated += label["date"] is None
            # A wrong date: one the page does not support, or another day than it
            # gives. A date left unknown is a miss, not a wrong date.
            part.wrong_dates += date is not None and date != label["date"]
            if label.get("authors") is not None:
                part.authored += 1
                authors = {person(n) for n in getattr(got, "authors", [])}
                gold_authors = {person(n) for n in label["authors"]}
                _add(part.authors, authors, gold_authors)
                if show_here and authors != gold_authors:
                    extra, missed = authors - gold_authors, gold_authors - authors
                    w(f"  author  {path.name[:40]}: +{sorted(extra)} -{sorted(missed)}")
            speakers = {person(n) for n in got.speakers}
            speakers |= {person(n) for n, _ in got.suggestions}
            gold = {person(n) for n in label["speakers"]}
            _add(part.speakers, speakers, gold)
            if show_here and speakers != gold:
                extra, missed = sorted(speakers - gold), sorted(gold - speakers)
                w(f"  speaker {path.name[:40]}: +{extra} -{missed}")
            quotes = {(person(q.speaker or ""), q.text.strip()) for q in got.quotes}
            want = {(person(q["speaker"]), q["text"]) for q in label["quotes"]}
            _add(part.quotes, quotes, want)
            # Only themes the labels can name (the labelled set predates middle-east).
            themes = {slug for slug, _ in got.themes if slug in LABELLED_THEMES}
            _add(part.themes, themes, set(label["themes"]))
            if show_here and themes != set(label["themes"]):
                want = sorted(label["themes"])
                w(f"  themes  {path.name[:40]}: got {sorted(themes)} want {want}")
        shown = [parts["development"]] + ([parts["held-out"]] if with_held_out else [])
        w(f"{'':36}" + "".join(f"{part.name:>24}" for part in shown))
        for i, (label, _) in enumerate(shown[0].rows()):
            w(f"{label:36}" + "".join(f"{part.rows()[i][1]:>24}" for part in shown))
        if not with_held_out:
            w("(the held-out part is scored with --held-out, when the work is done)")


def _add(tally: list[int], predicted: set, gold: set) -> None:
    for i, value in enumerate(pr(predicted, gold)):
        tally[i] += value
