"""The one scheme of source ids: where an article came from, as a stable key.

Every article is keyed on its source id (``Article.source_id``), so importing the
same source again updates that article instead of adding another. The id is a kind
and a key, stored as text:

- ``page:<file stem>``: a raw page imported from a ``.txt`` file;
- ``<record id>``: a JSONL record, its own ``id`` as it is (no prefix, so the ids
  of the corpus stay as they were first stored);
- ``paste:<hash>``: a raw page an editor pasted or uploaded in the admin, keyed on
  its text;
- ``editor:<hash>``: an article an editor wrote in the admin's form, keyed on the
  title and body it was created with.

>>> str(SourceId.page(Path("seeds/seed_01.txt")))
'page:seed_01'
>>> SourceId.parse("paste:3f2a")
SourceId(kind=<SourceKind.PASTE: 'paste'>, key='3f2a')
>>> SourceId.parse("ant-4711").kind, str(SourceId.parse("ant-4711"))
(<SourceKind.RECORD: 'record'>, 'ant-4711')
"""

import enum
import hashlib
from dataclasses import dataclass
from pathlib import Path

MAX_LENGTH = 255  # Article.source_id
HASH_CHARS = 24


class SourceKind(enum.StrEnum):
    PAGE = "page"
    RECORD = "record"
    PASTE = "paste"
    EDITOR = "editor"


_PREFIXED = (SourceKind.PAGE, SourceKind.PASTE, SourceKind.EDITOR)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


@dataclass(frozen=True)
class SourceId:
    kind: SourceKind
    key: str

    def __str__(self) -> str:
        text = self.key if self.kind == SourceKind.RECORD else f"{self.kind}:{self.key}"
        return text[:MAX_LENGTH]

    @classmethod
    def parse(cls, text: str) -> "SourceId":
        """The kind and key of a stored source id."""
        prefix, colon, key = text.partition(":")
        for kind in _PREFIXED:
            if colon and prefix == kind:
                return cls(kind, key)
        return cls(SourceKind.RECORD, text)

    @classmethod
    def page(cls, path: Path) -> "SourceId":
        """A raw page's file: its name without the extension."""
        return cls(SourceKind.PAGE, path.stem)

    @classmethod
    def record(cls, record_id: str | int) -> "SourceId":
        """A JSONL record's own id."""
        return cls(SourceKind.RECORD, str(record_id))

    @classmethod
    def paste(cls, raw_text: str) -> "SourceId":
        """A pasted page: the same text pasted twice is the same article."""
        return cls(SourceKind.PASTE, _digest(raw_text))

    @classmethod
    def editor(cls, title: str, body: str) -> "SourceId":
        """An article written in the admin's form."""
        return cls(SourceKind.EDITOR, _digest(f"{title}\n{body}"))
