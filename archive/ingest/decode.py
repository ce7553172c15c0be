"""Bytes to text: UTF-8 or Arabic windows-1256, and refusing what is not text.

Scraped pages arrive in either encoding, and a folder of them may hold a binary
file by mistake: each is refused once, with the reason, never half-read.
"""

import itertools
from collections.abc import Iterator

from archive.ingest.errors import ImportFailure

# A raw page is a few KB and the corpus's longest record 25 KB; a page or a JSONL
# record over this is not one article (and would take minutes to extract).
MAX_FILE_BYTES = 20 * 1024 * 1024

# C0 control bytes no text file holds: all but tab, the line breaks and ESC.
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27})


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, or None. Binary files without NUL bytes exist (a
    windows-1256 decoder accepts any byte), but they are full of control bytes.

    >>> binary_reason(b"PK\\x03\\x04\\x00"), binary_reason("نص".encode())
    ('it contains NUL bytes', None)
    """
    if b"\x00" in data:
        return "it contains NUL bytes"
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls * 100 > len(data):  # more than 1 byte in 100
        return "it is full of control bytes"
    return None


def decode_text(data: bytes) -> str | None:
    """UTF-8 (BOM allowed), else Arabic in windows-1256, else None.

    >>> decode_text("خبر".encode("cp1256")), decode_text(b"\\xe9t\\xe9")
    ('خبر', None)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # windows-1256 maps every byte, so only Arabic letters tell it is really that.
    text = data.decode("cp1256")
    arabic = sum("\u0600" <= ch <= "\u06ff" for ch in text)
    return text if arabic >= len(text.strip()) * 0.2 else None


def one_line_ending(text: str) -> str:
    """Text with \\n line endings: a browser posts a textarea with \\r\\n, and
    Windows tools save files so.

    >>> one_line_ending("عنوان\\r\\nنص\\r")
    'عنوان\\nنص\\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> str:
    """Text of a raw file: UTF-8 (BOM allowed), else windows-1256, else refused;
    with \\n line endings whatever the file used."""
    if not data.strip():
        raise ImportFailure("the file is empty")
    if reason := binary_reason(data):
        raise ImportFailure(f"the file is binary, not text ({reason})")
    text = decode_text(data)
    if text is None:
        raise ImportFailure("the file is not UTF-8, and not Arabic in windows-1256")
    return one_line_ending(text)


def read_lines(handle, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line of a binary file; None for a line over
    ``limit`` bytes, which is skipped without ever being held in memory whole."""
    for number in itertools.count(1):
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass
            line = None
        yield number, line
