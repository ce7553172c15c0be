"""The interface's translation catalogs, compiled from ``locale/*/LC_MESSAGES/*.po``
to the ``.mo`` files gettext reads, in pure Python (polib): Django's own
``compilemessages`` needs GNU gettext's ``msgfmt``, which neither the embedded quick
start nor the slim Docker image has. ``make install`` and the image run it, and the
settings call it before anything can load a catalog (when one is missing or stale).

    python -m archive.ops.catalogs
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def compile_catalogs(locale: Path = LOCALE) -> list[Path]:
    """Write each catalog's ``.mo`` beside its ``.po`` when it is missing or older;
    return the ones written."""
    written = []
    for po_path in sorted(locale.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_catalogs():
        sys.stdout.write(f"compiled {path.relative_to(LOCALE.parent)}\n")
