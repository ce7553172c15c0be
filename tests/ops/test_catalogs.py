"""The catalogs are compiled when missing or older than their .po, and only then."""

import gettext
import os
import shutil

from archive.ops.catalogs import LOCALE, compile_catalogs


def test_a_catalog_is_compiled_when_missing_or_stale_and_read_by_gettext(tmp_path):
    shutil.copytree(LOCALE / "ar", tmp_path / "ar")
    for mo in tmp_path.glob("*/LC_MESSAGES/*.mo"):
        mo.unlink()
    written = compile_catalogs(tmp_path)
    assert [p.name for p in written] == ["django.mo"]
    assert compile_catalogs(tmp_path) == []  # fresh: nothing to do
    po = tmp_path / "ar" / "LC_MESSAGES" / "django.po"
    later = po.with_suffix(".mo").stat().st_mtime + 10  # an edit after compiling
    os.utime(po, (later, later))
    assert len(compile_catalogs(tmp_path)) == 1  # the .po changed since
    ar = gettext.translation("django", tmp_path, languages=["ar"])
    one = ar.ngettext("<bdi>%(counter)s</bdi> result", "", 1)
    eleven = ar.ngettext("<bdi>%(counter)s</bdi> result", "", 11)
    assert one == "نتيجة واحدة" and eleven == "<bdi>%(counter)s</bdi> نتيجةً"
