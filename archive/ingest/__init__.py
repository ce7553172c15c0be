"""Raw input to articles: pages and JSONL records in, clean records out.

Pure steps over strings first, then the one writer:

- ``decode``: bytes to text (UTF-8 or windows-1256), refusing what is not text;
- ``parse``: a raw page to its parts (title, dateline, date, body) with ``clean``
  (site debris) and ``dates`` (every date form the pages use);
- ``outlets``, ``people``, ``themes``: who published, who speaks, what about;
- ``records``: JSONL records, checked value by value;
- ``source_ids``: the one scheme of stable source ids;
- ``registry``: the outlets, people and themes the extractors read;
- ``extract``: page or record to ``Extracted``, and today's extraction again;
- ``load``: the only writer, one transaction per article, editors' fields kept;
- ``importer``: one run over files and folders, with worker processes.

A value the text does not support stays ``None``.
"""

from archive.ingest.errors import ImportFailure
from archive.ingest.extract import Extracted, extract_page
from archive.ingest.importer import Importer, Result, iter_sources
from archive.ingest.load import (
    FAILED,
    IMPORTED,
    UNCHANGED,
    UPDATED,
    OutletResolver,
    extract_again,
    reextract_article,
    save,
)
from archive.ingest.registry import Registry
from archive.ingest.source_ids import SourceId, SourceKind

__all__ = [
    "FAILED",
    "IMPORTED",
    "UNCHANGED",
    "UPDATED",
    "Extracted",
    "ImportFailure",
    "Importer",
    "OutletResolver",
    "Registry",
    "Result",
    "SourceId",
    "SourceKind",
    "extract_again",
    "extract_page",
    "iter_sources",
    "reextract_article",
    "save",
]
