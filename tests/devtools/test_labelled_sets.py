"""The labelled sets stay what their READMEs say: every label checks out."""

import subprocess
import sys
from pathlib import Path

EXTRACTION = Path(__file__).resolve().parents[1] / "data" / "extraction"


def test_the_extraction_labels_check_out():
    done = subprocess.run(
        [sys.executable, str(EXTRACTION / "check_labels.py")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "pages labelled: 150" in done.stdout


def test_a_third_of_the_pages_is_held_out():
    lines = (EXTRACTION / "held_out.txt").read_text(encoding="utf-8").splitlines()
    held_out = [line for line in lines if line and not line.startswith("#")]
    assert len(held_out) == 48  # of 150 pages and 5 seeds: 31%
    assert all(int(name[:3]) % 2 == 1 and name[:3] >= "055" for name in held_out)
