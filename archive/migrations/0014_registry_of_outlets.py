"""The registry of the Arabic press: 241 outlets from archive/data/outlets.tsv
(newspapers, TV and radio, news sites, foreign broadcasters' Arabic services, wire
agencies), with their Latin names, variants, domains and countries; see
archive/data/outlets.md. Outlets already in the registry keep their wire flag and
gain the file's aliases, domains and country."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "outlets.tsv"


def rows():
    with DATA.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def unique_slug(Outlet, *candidates: str) -> str:
    base = next(
        (s for s in (slugify(c or "", allow_unicode=True)[:80] for c in candidates) if s),
        "outlet",
    )
    slug, n = base, 2
    while Outlet.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def seed(apps, schema_editor):
    Outlet = apps.get_model("archive", "Outlet")
    for row in rows():
        aliases, domains = split(row["aliases"]), split(row["domains"])
        outlet = Outlet.objects.filter(name=row["name"]).first()
        if outlet is None:
            Outlet.objects.create(
                name=row["name"],
                name_latin=row["name_latin"],
                slug=unique_slug(Outlet, row["name_latin"], row["name"]),
                aliases=aliases,
                domains=domains,
                country=row["country"],
                is_wire=row["is_wire"] == "1",
            )
            continue
        outlet.aliases = list(dict.fromkeys([*outlet.aliases, *aliases]))
        outlet.domains = list(dict.fromkeys([*outlet.domains, *domains]))
        outlet.country = outlet.country or row["country"]
        outlet.name_latin = outlet.name_latin or row["name_latin"]
        outlet.save()


class Migration(migrations.Migration):
    dependencies = [("archive", "0013_outlet_domains_country")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
