"""JSONL records (the format of ../shared/corpus): one article per line, checked
value by value so that the database never refuses one in mid-write."""

import json

from archive.dates import PartialDate
from archive.ingest.bylines import title_author
from archive.ingest.decode import MAX_FILE_BYTES, decode_text
from archive.ingest.errors import ImportFailure
from archive.ingest.extract import Extracted, enrich
from archive.ingest.registry import Registry
from archive.ingest.source_ids import SourceId
from archive.models import Outlet

JSONL_REQUIRED = ("id", "title", "date", "outlet", "url", "body")
JSONL_TEXT_FIELDS = ("title", "date", "outlet", "url", "body", "outlet_en")
OUTLET_NAME_MAX = Outlet._meta.get_field("name").max_length


def extract_record(line: str, source_file: str, registry: Registry | None) -> Extracted:
    """One line of a corpus JSONL file (the format of ../shared/corpus); people,
    quotes and themes too when given a registry."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"not valid JSON: {exc.msg}") from None
    if not isinstance(record, dict):
        raise ImportFailure("a JSON object is expected on each line")
    missing = [k for k in JSONL_REQUIRED if k not in record]
    if missing:
        raise ImportFailure(f"missing fields: {', '.join(missing)}")
    check_record_values(record)
    title = (record["title"] or "").strip()
    paragraphs = [p.strip() for p in (record["body"] or "").split("\n") if p.strip()]
    if not title or not paragraphs:
        raise ImportFailure("empty title or body")
    date = None
    if record["date"]:
        try:
            year, month, day = (int(x) for x in str(record["date"]).split("-"))
            date = PartialDate(year, month, day)
        except ValueError:
            raise ImportFailure(f"date {record['date']!r} is not YYYY-MM-DD") from None
    extracted = Extracted(
        source_id=str(SourceId.record(record["id"])),
        raw_text=line,
        title=title,
        body="\n\n".join(paragraphs),
        authors=[author] if (author := title_author(title)) else [],
        date=date,
        outlet_name=(record["outlet"] or "").strip() or None,
        outlet_latin=(record.get("outlet_en") or "").strip(),
        outlet_is_new=True,
        url=(record["url"] or "")[:1000],
        source_file=source_file,
    )
    return enrich(extracted, registry) if registry is not None else extracted


def check_record_values(record: dict) -> None:
    """Refuse, with a message, values the database would refuse in mid-write."""
    record_id = record["id"]
    if isinstance(record_id, bool) or not isinstance(record_id, str | int):
        raise ImportFailure("'id' must be a string or a number")
    for key in ("id", *JSONL_TEXT_FIELDS):
        value = record.get(key)
        if key != "id" and value is not None and not isinstance(value, str):
            raise ImportFailure(f"{key!r} must be a string, not {type(value).__name__}")
        if isinstance(value, str) and "\x00" in value:
            # PostgreSQL text cannot hold NUL characters.
            raise ImportFailure(f"{key!r} contains a NUL character")
    for key in ("outlet", "outlet_en"):
        if len((record.get(key) or "").strip()) > OUTLET_NAME_MAX:
            raise ImportFailure(f"{key!r} is over {OUTLET_NAME_MAX} characters")


def extract_record_line(data: bytes | None, source_file: str) -> Extracted:
    """A JSONL line as read by ``read_lines``, in UTF-8 or windows-1256."""
    if data is None:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        raise ImportFailure(f"the line is over {mb} MB: not one article")
    if b"\x00" in data:
        raise ImportFailure("the line is binary, not text (it contains NUL bytes)")
    line = decode_text(data)
    if line is None:
        raise ImportFailure("the line is not UTF-8, and not Arabic in windows-1256")
    return extract_record(line.rstrip("\r\n"), source_file, None)
