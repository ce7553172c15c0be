"""The theme taxonomy and its keyword lists (archive/data/themes.tsv). Editors change
both in the admin; this only fills an empty taxonomy."""

import csv
from pathlib import Path

from django.db import migrations

THEMES = Path(__file__).resolve().parent.parent / "data" / "themes.tsv"


def seed(apps, schema_editor):
    Theme = apps.get_model("archive", "Theme")
    if not THEMES.exists():
        return
    themes: dict[str, dict] = {}
    with THEMES.open(encoding="utf-8") as handle:
        rows = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(rows, delimiter="\t"):
            theme = themes.setdefault(
                row["slug"],
                {"name": row["name"], "name_latin": row["name_latin"], "keywords": []},
            )
            weight = row["weight"].strip()
            keyword = row["keyword"].strip()
            theme["keywords"].append(f"{keyword}|{weight}" if weight else keyword)
    for slug, values in themes.items():
        Theme.objects.get_or_create(slug=slug, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("archive", "0009_more_people")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
