"""The development tools exist only where DEV_TOOLS=1 installs them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV_COMMANDS = [
    "browse_bench", "extraction_quality", "generate_corpus", "hostile_report",
    "import_bench", "load_mix", "search_bench", "search_quality", "statistics_bench",
    "speaker_support",
]  # fmt: skip
OPERATIONS = ["backup", "import_articles", "rebuild_search_vectors", "reextract"]


def _help(dev_tools: str | None) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    env.pop("DEV_TOOLS", None)
    if dev_tools is not None:
        env["DEV_TOOLS"] = dev_tools
    done = subprocess.run(
        [sys.executable, "manage.py", "help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_manage_py_lists_the_development_tools_only_with_dev_tools():
    production = _help(None).split()
    assert set(OPERATIONS) <= set(production)
    assert not set(DEV_COMMANDS) & set(production)
    assert set(DEV_COMMANDS) <= set(_help("1").split())


def test_the_production_image_leaves_the_development_tools_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "devtools" in ignored and "tests" in ignored
    # ...and the image's start-up needs nothing from them.
    entrypoint = (ROOT / "scripts" / "docker-entrypoint.sh").read_text()
    assert "DEV_TOOLS" not in entrypoint and "devtools" not in entrypoint
