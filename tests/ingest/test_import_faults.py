"""Imports under faults: a killed import, two imports at once, files that are not
articles. The import runs as its own process, as an operator runs it."""

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from archive.ingest import Importer, Registry
from archive.ingest.load import content_hash
from archive.ingest.records import extract_record
from archive.models import Article, ArticlePerson, ArticleTheme, Outlet, Quote
from tests.conftest import ROOT, SEEDS

CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
needs_corpus = pytest.mark.skipif(
    not CORPUS.exists(), reason="../shared/corpus is not beside the repo"
)
MB = 1024 * 1024


def corpus_lines(count: int) -> list[str]:
    with CORPUS.open(encoding="utf-8") as handle:
        return [next(handle).rstrip("\n") for _ in range(count)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def command_env() -> dict[str, str]:
    """The environment of this process, pointed at the test database."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = quote(db["HOST"] or "localhost", safe="")  # a socket folder is a path
    port = f":{db['PORT']}" if db["PORT"] else ""
    url = f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "test"}


def start_import(log: Path, *paths: Path, rss_file: Path | None = None):
    """``manage.py import_articles --quiet PATHS`` as a process; output goes to
    ``log``.out/.err (a pipe nobody reads could fill and stall it)."""
    command = [sys.executable, "manage.py", "import_articles", "--quiet", *paths]
    if rss_file:
        # A parent that reports its child's peak memory, and nothing else's.
        wrapper = (
            "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
            "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "open(sys.argv[1], 'w').write(str(usage.ru_maxrss)); sys.exit(code)"
        )
        command = [sys.executable, "-c", wrapper, str(rss_file), *command]
    return subprocess.Popen(
        [str(part) for part in command],
        cwd=ROOT,
        env=command_env(),
        stdout=log.with_suffix(".out").open("w"),
        stderr=log.with_suffix(".err").open("w"),
    )


def finish(process, log: Path, timeout: float = 120) -> tuple[int, str, str]:
    code = process.wait(timeout)
    out = log.with_suffix(".out").read_text(encoding="utf-8")
    return code, out, log.with_suffix(".err").read_text(encoding="utf-8")


def summary(out: str) -> Counter:
    """'imported 3, unchanged 2, failed 0' -> Counter(imported=3, ...)."""
    last = out.strip().splitlines()[-1]
    return Counter({k: int(n) for k, n in (p.split() for p in last.split(", "))})


def wait_until(condition, timeout: float = 60, process=None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process is None or process.poll() is None, "the import ended early"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; nobody has reaped it yet


def relations_by_article(source_ids) -> dict[str, tuple]:
    """What is stored for each article: its hash, people, themes and quotes."""
    rows = {
        source_id: (digest, set(), set(), [])
        for source_id, digest in Article.objects.filter(
            source_id__in=source_ids
        ).values_list("source_id", "content_hash")
    }
    for source_id, name, role in ArticlePerson.objects.filter(
        article__source_id__in=source_ids
    ).values_list("article__source_id", "person__name", "role"):
        rows[source_id][1].add((name, role))
    for source_id, slug in ArticleTheme.objects.filter(
        article__source_id__in=source_ids
    ).values_list("article__source_id", "theme__slug"):
        rows[source_id][2].add(slug)
    for source_id, *quote_row in Quote.objects.filter(
        article__source_id__in=source_ids
    ).values_list("article__source_id", "person__name", "text", "position"):
        rows[source_id][3].append(tuple(quote_row))
    return {k: (d, p, t, sorted(q, key=repr)) for k, (d, p, t, q) in rows.items()}


def expected_relations(line: str, source_file: str, registry: Registry) -> tuple:
    """What a complete article holds for this line: the same extraction, here."""
    found = extract_record(line, source_file, registry)
    people = {
        (name, role)
        for names, role in (
            (found.speakers, ArticlePerson.Role.SPEAKER),
            (found.mentioned, ArticlePerson.Role.MENTIONED),
        )
        for name in names
        if name in registry.person_ids
    }
    themes = {slug for slug, _ in found.themes if slug in registry.theme_ids}
    quotes = [
        (q.speaker if q.speaker in registry.person_ids else None, q.text, q.position)
        for q in found.quotes
    ]
    return content_hash(line), people, themes, sorted(quotes, key=repr)


def assert_articles_complete(lines: list[str], source_file: str) -> int:
    """Every stored article of these lines has all its text gives: the hash of its
    line, and its people, themes and quotes. Half-written (an article row without
    its relations, or with an old hash) would differ. Returns how many are stored."""
    by_id = {json.loads(line)["id"]: line for line in lines}
    stored = relations_by_article(list(by_id))
    registry = Registry.load()
    incomplete = [
        source_id
        for source_id, row in stored.items()
        if row != expected_relations(by_id[source_id], source_file, registry)
    ]
    assert incomplete == []
    # The check can see something: the corpus's articles have people and quotes.
    assert any(row[1] for row in stored.values())
    assert any(row[3] for row in stored.values())
    return len(stored)


@pytest.mark.slow
@needs_corpus
@pytest.mark.django_db(transaction=True)
def test_killed_import_leaves_no_half_written_article_and_a_rerun_completes(
    tmp_path,
):
    lines = corpus_lines(1500)
    path = write_jsonl(tmp_path / "large.jsonl", lines)
    first = start_import(tmp_path / "first", path)
    # Past the first chunk of 500: the kill falls while articles are being written.
    wait_until(lambda: Article.objects.count() > 520, process=first)
    workers = children_of(first.pid)
    first.send_signal(signal.SIGKILL)
    assert first.wait(10) == -signal.SIGKILL
    # The extraction workers end with it; none is left running orphaned.
    wait_until(lambda: not any(map(is_running, workers)), timeout=10)

    stored = assert_articles_complete(lines, path.name)
    assert 520 < stored < len(lines)

    code, out, err = finish(start_import(tmp_path / "rerun", path), tmp_path / "rerun")
    assert (code, err) == (0, "")
    # What the killed run committed is complete, so the re-run leaves it alone.
    assert summary(out) == {
        "imported": len(lines) - stored,
        "unchanged": stored,
        "failed": 0,
    }
    assert Article.objects.count() == len(lines)


@pytest.mark.django_db(transaction=True)
def test_failure_while_writing_relations_leaves_no_article_and_no_new_outlet(
    tmp_path, monkeypatch
):

    record = {
        "title": "الغاز الروسي",
        "date": "2018-02-23",
        "outlet": "منفذ جديد",
        "url": "",
        "body": 'قال الرئيس الروسي فلاديمير بوتين: "صادرات الغاز سترتفع".',
    }
    lines = [
        json.dumps({"id": f"fault-{i}", **record}, ensure_ascii=False) for i in range(2)
    ]
    path = write_jsonl(tmp_path / "two.jsonl", lines)
    real_bulk_create = Quote.objects.bulk_create

    def fail_once(*args, **kwargs):
        monkeypatch.setattr(Quote.objects, "bulk_create", real_bulk_create)
        raise RuntimeError("the power went out")

    monkeypatch.setattr(Quote.objects, "bulk_create", fail_once)
    importer = Importer(workers=1)
    with pytest.raises(RuntimeError):
        list(importer.import_path(path))
    # The article, its people and the outlet it created went back together.
    assert not Article.objects.exists()
    assert not ArticlePerson.objects.exists()
    assert not Outlet.objects.filter(name="منفذ جديد").exists()

    # The same run goes on: the outlet it had created is not taken as existing.
    assert [r.status for r in importer.import_path(path)] == ["imported"] * 2
    assert set(Article.objects.values_list("outlet__name", flat=True)) == {"منفذ جديد"}
    assert Quote.objects.count() == 2


@pytest.mark.slow
@needs_corpus
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_files_at_once_create_no_duplicates(tmp_path):
    lines = corpus_lines(600)
    path = write_jsonl(tmp_path / "same.jsonl", lines)
    total = len(lines) + len(list(SEEDS.glob("*.txt")))
    runs = [
        (start_import(tmp_path / name, path, SEEDS), tmp_path / name)
        for name in ("one", "two")
    ]
    results = [finish(process, log) for process, log in runs]

    assert [(code, err) for code, _, err in results] == [(0, ""), (0, "")]
    # Each article was created by exactly one of them; the other found it there.
    counts = summary(results[0][1]) + summary(results[1][1])
    assert counts == {"imported": total, "unchanged": total}
    assert Article.objects.count() == total
    assert Article.objects.values("content_hash").distinct().count() == total
    duplicate_quotes = (
        Quote.objects.values("article", "text", "position")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not duplicate_quotes.exists()
    assert_articles_complete(lines, path.name)


def noise_without_nul() -> bytes:
    """Binary data that a windows-1256 decoder would happily accept."""
    rng = random.Random(1256)
    return bytes(rng.randrange(1, 256) for _ in range(4096))


def gzipped_jsonl() -> bytes:
    line = json.dumps({"id": "x", "title": "عنوان", "body": "نص"}, ensure_ascii=False)
    return gzip.compress((line + "\n").encode() * 200, mtime=0)


def fifty_mb_page() -> bytes:
    return ("عنوان\n" + "سطر من نص طويل جدا.\n" * (50 * MB // 34)).encode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.txt", lambda: b"", "empty.txt: the file is empty"),
        ("empty.jsonl", lambda: b"", "empty.jsonl: the file is empty"),
        ("blank.jsonl", lambda: b"\n  \r\n\n", "blank.jsonl: the file is empty"),
        (
            "noise.txt",
            noise_without_nul,
            "noise.txt: the file is binary, not text (it is full of control bytes)",
        ),
        (
            "packed.jsonl",
            gzipped_jsonl,
            "packed.jsonl: the file is binary, not text (it contains NUL bytes)",
        ),
        (
            "latin.txt",
            lambda: "Café au lait, très chaud.\nUne phrase.".encode("latin-1"),
            "latin.txt: the file is not UTF-8, and not Arabic in windows-1256",
        ),
        (
            "nul.jsonl",
            lambda: (
                b'{"id": "n", "title": "\\u0000", "date": null, "outlet": null,'
                b' "url": "", "body": "x"}\n'
            ),
            "nul.jsonl:1: 'title' contains a NUL character",
        ),
        (
            "typed.jsonl",
            lambda: (
                b'{"id": "n", "title": ["a"], "date": null, "outlet": null,'
                b' "url": "", "body": "x"}\n'
            ),
            "typed.jsonl:1: 'title' must be a string, not list",
        ),
        (
            "huge.txt",
            fifty_mb_page,
            "huge.txt: too large for one raw page (over 20 MB)",
        ),
    ],
)
def test_a_file_that_is_no_article_fails_with_its_reason(
    tmp_path, capsys, name, make, message
):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(SystemExit) as exit_:  # a traceback would be another error
        call_command("import_articles", str(path))
    out, err = capsys.readouterr()
    assert exit_.value.code == 1
    assert err.strip() == f"failed {tmp_path}/{message}"
    assert out.strip() == "imported 0, unchanged 0, failed 1"
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_windows_1256_page_imports_like_its_utf8_original(tmp_path, capsys):
    page = SEEDS / "001_8d2d2c35a449af77.txt"
    (tmp_path / "utf8").mkdir()
    (tmp_path / "utf8" / "a.txt").write_bytes(page.read_bytes())
    (tmp_path / "legacy").mkdir()
    legacy = page.read_text(encoding="utf-8").encode("cp1256")
    (tmp_path / "legacy" / "b.txt").write_bytes(legacy)
    call_command("import_articles", str(tmp_path / "utf8"), str(tmp_path / "legacy"))
    assert capsys.readouterr().out.strip().endswith("failed 0")
    a, b = (Article.objects.get(source_id=f"page:{n}") for n in "ab")
    assert a.raw_text == b.raw_text
    assert (b.title, b.body, b.date, b.outlet_id) == (
        a.title,
        a.body,
        a.date,
        a.outlet_id,
    )
    assert list(b.people.order_by("name")) == list(a.people.order_by("name"))


@pytest.mark.django_db
def test_windows_1256_jsonl_records_are_decoded(tmp_path, capsys):
    record = {
        "id": "legacy-1",
        "title": "مالي.. عشرات القتلى في عملية عسكرية فرنسية",
        "date": "2018-02-23",
        "outlet": "سكاي نيوز عربية",
        "url": "https://www.skynewsarabia.com/web/article/1024332",
        "body": "قتل الجيش الفرنسي عشرات المسلحين.\nوقال المتحدث إن العملية مستمرة.",
    }
    line = json.dumps(record, ensure_ascii=False)
    path = tmp_path / "legacy.jsonl"
    path.write_bytes((line + "\n").encode("cp1256"))
    call_command("import_articles", str(path))
    assert capsys.readouterr().out.strip() == "imported 1, unchanged 0, failed 0"
    article = Article.objects.get()
    assert (article.title, article.outlet.name) == (record["title"], "سكاي نيوز عربية")
    assert article.body == record["body"].replace("\n", "\n\n")


@pytest.mark.slow
@needs_corpus
@pytest.mark.django_db(transaction=True)
def test_a_50_mb_jsonl_imports_without_holding_the_file_in_memory(tmp_path):
    # 300 articles, repeated to 50 MB: a repeat is the same article, found stored.
    lines = corpus_lines(300)
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        repeats = 0
        while handle.tell() < 50 * MB:
            handle.write("\n".join(lines) + "\n")
            repeats += 1
    small = write_jsonl(tmp_path / "small.jsonl", lines[:1])
    peaks = []
    for name, source in (("small", small), ("big", path)):
        rss = tmp_path / f"{name}.rss"
        process = start_import(tmp_path / name, source, rss_file=rss)
        code, out, err = finish(process, tmp_path / name)
        assert (code, err) == (0, "")
        peaks.append(int(rss.read_text()) * 1024)

    assert summary(out) == {
        "imported": len(lines) - 1,
        "unchanged": len(lines) * repeats - (len(lines) - 1),
        "failed": 0,
    }
    assert Article.objects.count() == len(lines)
    # Read line by line: the 50 MB never sit in memory at once.
    assert peaks[1] - peaks[0] < 50 * MB


@pytest.mark.django_db
def test_a_50_mb_record_is_refused_and_the_records_around_it_import(tmp_path, capsys):
    def record(id, body):
        return json.dumps(
            {"id": id, "title": "عنوان", "date": None, "outlet": None, "url": "",
             "body": body},
            ensure_ascii=False,
        )  # fmt: skip

    path = tmp_path / "one-huge-line.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(record("before", "نص الخبر.") + "\n")
        head, tail = record("huge", "@").split("@")
        handle.write(head)
        for _ in range(50):
            handle.write("نص " * (MB // 5))
        handle.write(tail + "\n" + record("after", "نص الخبر.") + "\n")
    assert path.stat().st_size > 50 * MB

    with pytest.raises(SystemExit):
        call_command("import_articles", str(path))
    out, err = capsys.readouterr()
    assert err.strip() == f"failed {path}:2: the line is over 20 MB: not one article"
    assert out.strip().endswith("imported 2, unchanged 0, failed 1")
    assert set(Article.objects.values_list("source_id", flat=True)) == {
        "before",
        "after",
    }
