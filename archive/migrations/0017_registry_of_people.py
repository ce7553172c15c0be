"""More of the people the Arabic press quotes on China and Russia, from
archive/data/people.tsv (see archive/data/people.md): name, Latin name, the
spellings outlets use, role, and the titles that stand for them with their years.
A row whose Latin name the registry already has adds its aliases and titles."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "people.tsv"


def rows():
    with DATA.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def split(value: str, separator: str) -> list[str]:
    return [v.strip() for v in (value or "").split(separator) if v.strip()]


def unique_slug(Person, *candidates: str) -> str:
    base = next(
        (s for s in (slugify(c or "", allow_unicode=True)[:80] for c in candidates) if s),
        "person",
    )
    slug, n = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def seed(apps, schema_editor):
    Person = apps.get_model("archive", "Person")
    for row in rows():
        aliases = split(row["aliases"], "|")
        titles = split(row["titles"], " ; ")
        person = (
            Person.objects.filter(name_latin=row["name_latin"]).first()
            or Person.objects.filter(name=row["name"]).first()
        )
        if person is None:
            Person.objects.create(
                name=row["name"],
                name_latin=row["name_latin"],
                slug=unique_slug(Person, row["name_latin"], row["name"]),
                aliases=aliases,
                role=row["role"],
                titles=titles,
            )
            continue
        person.aliases = list(dict.fromkeys([*person.aliases, *aliases]))
        person.titles = list(dict.fromkeys([*person.titles, *titles]))
        person.role = person.role or row["role"]
        person.save()


class Migration(migrations.Migration):
    dependencies = [("archive", "0016_article_byline")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
