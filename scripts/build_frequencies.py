"""Build archive/data/ar_frequencies.tsv.gz from wordfreq's Arabic word list.

The analyzer uses general-Arabic word frequencies to tell a clitic from a word's own
letters (وبوتين is و + بوتين; بكين is not ب + كين). They come from wordfreq (Robyn
Speer et al., data CC BY-SA 4.0: Wikipedia, subtitles, news, books, web, Twitter), keyed
by our normalization so that spelling variants add up.

    pip install -r requirements-lexicon.txt
    python scripts/build_frequencies.py
"""

import gzip
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.text import tokenize  # noqa: E402

MIN_ZIPF = 1.5  # about one in 30 million words; rarer forms carry no signal
OUT = ROOT / "archive" / "data" / "ar_frequencies.tsv.gz"


def main() -> None:
    from wordfreq import get_frequency_dict

    totals: dict[str, float] = {}
    for word, freq in get_frequency_dict("ar", wordlist="large").items():
        tokens = tokenize(word)
        if len(tokens) == 1:
            totals[tokens[0]] = totals.get(tokens[0], 0.0) + freq
    rows = sorted(
        ((w, math.log10(f * 1e9)) for w, f in totals.items()),
        key=lambda item: (-item[1], item[0]),
    )
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("# word\tzipf*100 (wordfreq 'ar' large, CC BY-SA 4.0)\n")
        for word, zipf in rows:
            if zipf >= MIN_ZIPF:
                handle.write(f"{word}\t{round(zipf * 100)}\n")
    print(f"wrote {OUT}")  # noqa: T201


if __name__ == "__main__":
    main()
