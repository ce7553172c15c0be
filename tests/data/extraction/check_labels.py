"""Check the extraction test set: every label file parses, every `file`
exists, titles and quotes appear verbatim in their page, people/outlets are
listed in people.tsv/outlets.tsv and visible on the page, dates match their
precision, weekday names on date lines agree with the labelled day.

Usage: python3 tests/data/extraction/check_labels.py   (exit 1 on error)
The seeds and the corpus are looked up in shared/ next to the repository
(../shared) or in /work/shared; checks that need them are skipped if absent.
"""

import collections
import csv
import datetime
import json
import os
import re
import sys

OUT = os.path.dirname(os.path.abspath(__file__))
_repo = os.path.abspath(os.path.join(OUT, "..", "..", ".."))
SHARED = next(
    (
        d
        for d in [os.path.join(_repo, "..", "shared"), "/work/shared"]
        if os.path.isdir(d)
    ),
    None,
)
SEED_DIR = os.path.join(SHARED, "seeds") if SHARED else None
CORPUS = os.path.join(SHARED, "corpus", "articles.jsonl") if SHARED else None
THEMES = {
    "bilateral-relations",
    "ukraine",
    "economy-trade",
    "energy",
    "security-defence",
    "multilateral",
    "history-anniversaries",
    "us-west",
    "asia-pacific",
    "technology",
    "culture-people",
}
WEEKDAYS = {
    "الاثنين": 0,
    "الإثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
}
KEYS = [
    "file",
    "title",
    "date",
    "date_precision",
    "outlet",
    "speakers",
    "mentioned",
    "themes",
    "quotes",
    "notes",
]
# Pages from 055 on also label the authors (a byline's people), after the outlet.
KEYS_WITH_AUTHORS = KEYS[:5] + ["authors"] + KEYS[5:]

errs = []


def err(*a):
    errs.append(" ".join(str(x) for x in a))


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


h, prow = read_tsv(os.path.join(OUT, "people.tsv"))
assert h == ["name", "latin", "variants", "role"], h
people = {r[0]: [r[0]] + [v for v in r[2].split("|") if v] for r in prow}
assert all(len(r) == 4 for r in prow)
h, orow = read_tsv(os.path.join(OUT, "outlets.tsv"))
assert h == ["name", "latin", "aliases"], h
outlets = {r[0]: [r[0]] + [v for v in r[2].split("|") if v] for r in orow}

corpus_titles = None
if CORPUS and os.path.isfile(CORPUS):
    corpus_titles = {}
    for lab in open(CORPUS, encoding="utf-8"):
        r = json.loads(lab)
        corpus_titles[r["id"]] = r["title"]
else:
    print("note: corpus not found, corpus-title check skipped")

used_people = set()
used_outlets = set()
stats = collections.Counter()


def check(labfile, base, is_seed):
    seen = set()
    n = 0
    with open(labfile, encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            lab = json.loads(line)
            n += 1
            f = lab.get("file")
            if list(lab.keys()) not in (KEYS, KEYS_WITH_AUTHORS):
                err(labfile, ln, "keys", list(lab.keys()))
            if f in seen:
                err("dup file", f)
            seen.add(f)
            path = os.path.join(base, f)
            if not os.path.isfile(path):
                err("missing file", f)
                continue
            raw = open(path, "rb").read()
            if raw.startswith(b"\xef\xbb\xbf"):
                stats["bom"] += 1
            if b"\r\n" in raw:
                stats["crlf"] += 1
            txt = raw.decode("utf-8-sig")
            if not is_seed:
                m = re.match(r"^(\d{3})_(ant-.+)\.txt$", f)
                if not m:
                    err("bad name", f)
                elif (
                    corpus_titles is not None
                    and corpus_titles.get(m.group(2)) != lab["title"]
                ):
                    err("title differs from corpus", f)
            if lab["title"] not in txt:
                err("title not verbatim", f)
            # date
            d, pr = lab["date"], lab["date_precision"]
            pat = {
                "day": r"^\d{4}-\d{2}-\d{2}$",
                "month": r"^\d{4}-\d{2}$",
                "year": r"^\d{4}$",
            }
            if pr == "unknown":
                if d is not None:
                    err("unknown with date", f)
            elif pr in pat:
                if not (isinstance(d, str) and re.match(pat[pr], d)):
                    err("date/precision mismatch", f, d, pr)
                if pr == "day":
                    dd = datetime.date.fromisoformat(d)
                    # weekday names appearing in the lines before the body
                    # weekday names on header lines that carry a year (date lines)
                    for hl in txt.splitlines()[:10]:
                        if len(hl) > 90 or not re.search(
                            r"(19|20)\d\d|[١٢][٩٠][٠-٩][٠-٩]", hl
                        ):
                            continue
                        for w, k in WEEKDAYS.items():
                            if re.search(r"(^|[\s،-])" + w + r"(\s|،|$)", hl):
                                stats["weekday_lines"] += 1
                                if dd.weekday() != k:
                                    err("weekday mismatch", f, w, d)
            else:
                err("bad precision", f, pr)
            stats["prec_" + pr] += 1
            # outlet
            o = lab["outlet"]
            if o is not None:
                if o not in outlets:
                    err("outlet not in outlets.tsv", f, o)
                elif not any(a in txt for a in outlets[o]):
                    err("outlet not visible on page", f, o)
                used_outlets.add(o)
            # people
            sp, mn, au = lab["speakers"], lab["mentioned"], lab.get("authors") or []
            if set(sp) & set(mn):
                err("speaker also mentioned", f)
            for p in sp + mn + au:
                used_people.add(p)
                if p not in people:
                    err("person not in people.tsv", f, p)
                elif not any(v in txt for v in people[p]):
                    err("person not visible on page", f, p)
            for q in lab["quotes"]:
                if set(q) != {"speaker", "text"}:
                    err("quote keys", f)
                if q["speaker"] not in sp:
                    err("quote speaker not a speaker", f, q["speaker"])
                if q["text"] not in txt:
                    err("quote not verbatim", f, q["text"][:40])
                if q["text"][:1] in '"“”«»' or q["text"][-1:] in '"“”«»':
                    err("quote keeps marks", f)
            stats["quotes"] += len(lab["quotes"])
            th = lab["themes"]
            if not set(th) <= THEMES or len(th) > 3 or len(set(th)) != len(th):
                err("themes", f, th)
            if not lab["notes"]:
                err("no notes", f)
    return n


LABEL_FILES = sorted(
    os.path.join(OUT, x)
    for x in os.listdir(OUT)
    if x.startswith("labels") and x.endswith(".jsonl")
)
n1 = sum(check(path, OUT, False) for path in LABEL_FILES)
s1 = dict(stats)
stats.clear()
if SEED_DIR and os.path.isdir(SEED_DIR):
    n2 = check(os.path.join(OUT, "seed_labels.jsonl"), SEED_DIR, True)
else:
    print("note: seeds not found, seed labels only parsed")
    n2 = 0
    for lab in open(os.path.join(OUT, "seed_labels.jsonl"), encoding="utf-8"):
        lab = json.loads(lab)
        n2 += 1
        for p in lab["speakers"] + lab["mentioned"]:
            used_people.add(p)
        if lab["outlet"]:
            used_outlets.add(lab["outlet"])
txts = sorted(x for x in os.listdir(OUT) if x.endswith(".txt") and x[:3].isdigit())
labelled = [
    json.loads(lab)["file"]
    for path in LABEL_FILES
    for lab in open(path, encoding="utf-8")
    if lab.strip()
]
held_out = [
    x.strip()
    for x in open(os.path.join(OUT, "held_out.txt"), encoding="utf-8")
    if x.strip() and not x.startswith("#")
]
if not set(held_out) <= set(labelled):
    err("held_out.txt names unlabelled pages", set(held_out) - set(labelled))
if sorted(labelled) != txts:
    err("txt files and labels differ", set(txts) ^ set(labelled))
if set(people) != used_people:
    err("people.tsv vs used", set(people) ^ used_people)
if set(outlets) != used_outlets:
    err("outlets.tsv vs used", set(outlets) ^ used_outlets)
print(f"pages labelled: {n1}  seeds labelled: {n2}")
print("page stats:", s1)
print("seed stats:", dict(stats))
if errs:
    print("ERRORS:")
    print("\n".join(errs))
    sys.exit(1)
print("OK")
