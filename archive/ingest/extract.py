"""A raw page or record to what the importer found (``Extracted``), before it is
written: title, body, date and outlet from the page, then people, quotes and themes
from the registries. Pure steps over strings and the registry; no database."""

from dataclasses import dataclass, field

from archive.dates import PartialDate
from archive.ingest.errors import ImportFailure
from archive.ingest.outlets import article_variants, find_outlet
from archive.ingest.parse import split_sections
from archive.ingest.people import FoundQuote, find_people
from archive.ingest.registry import Registry
from archive.ingest.themes import find_themes


@dataclass
class Extracted:
    """What the importer found, before it is written."""

    source_id: str
    raw_text: str
    title: str
    body: str
    dateline: str = ""
    date: PartialDate | None = None
    outlet_name: str | None = None
    outlet_latin: str = ""
    outlet_is_new: bool = False
    # A name a page gives as its outlet that the registry lacks: suggested to the
    # editors, never added on its own (the article's outlet stays unknown).
    outlet_suggestion: str | None = None
    authors: list[str] = field(default_factory=list)  # as the bylines write them
    byline: str = ""  # the byline lines the body does not keep
    url: str = ""
    source_file: str = ""
    speakers: list[str] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
    suggestions: list[tuple[str, str]] = field(default_factory=list)
    themes: list[tuple[str, float]] = field(default_factory=list)
    search_vector: str | None = None  # built ahead by a worker, for this text


def enrich(extracted: "Extracted", registry: Registry) -> "Extracted":
    """People, quotes and themes: the same for raw pages and corpus records."""
    paragraphs = extracted.body.split("\n\n")
    year = extracted.date.year if extracted.date else None
    people = find_people([extracted.title, *paragraphs], registry.people, year)
    extracted.speakers = people.speakers
    extracted.mentioned = people.mentioned
    # Quote positions count from the body, not from the title before it.
    shift = len(extracted.title) + 2
    extracted.quotes = [
        FoundQuote(q.speaker, q.text, max(0, q.position - shift)) for q in people.quotes
    ]
    extracted.suggestions = people.suggestions
    extracted.themes = find_themes(extracted.title, extracted.body, registry.themes)
    return extracted


def extract_page(
    text: str, source_id: str, source_file: str, registry: Registry
) -> Extracted:
    outlets = registry.outlets
    known = {
        variant
        for entry in outlets
        for key in entry.keys
        for variant in (key, *article_variants(key))
    }
    raw = split_sections(text, known)
    if not raw.title or not raw.paragraphs:
        raise ImportFailure("no article found: a title and body text are needed")
    outlet_name, is_new = find_outlet(raw.outlet_candidates, outlets)
    extracted = Extracted(
        source_id=source_id,
        raw_text=text,
        title=raw.title,
        body=raw.body,
        dateline=raw.dateline,
        date=raw.date,
        outlet_name=None if is_new else outlet_name,
        outlet_suggestion=outlet_name if is_new else None,
        authors=raw.authors,
        byline=raw.byline,
        source_file=source_file,
    )
    return enrich(extracted, registry) if registry is not None else extracted
