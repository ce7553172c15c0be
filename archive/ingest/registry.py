"""The registries the extractors read: outlets, people and themes, once a run."""

from dataclasses import dataclass, field

from archive.ingest.outlets import OutletEntry, name_key
from archive.ingest.people import PersonEntry, build_entry
from archive.ingest.themes import ThemeEntry, build_theme
from archive.models import Outlet, Person, Theme


@dataclass
class Registry:
    """Outlets, people and themes as the extractors need them, read once a run."""

    outlets: list[OutletEntry]
    people: list[PersonEntry]
    themes: list[ThemeEntry]
    person_ids: dict[str, int] = field(default_factory=dict)
    theme_ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Registry":
        outlets = [
            OutletEntry(
                o.name,
                frozenset(
                    k
                    for k in map(
                        name_key, [o.name, o.name_latin, *o.aliases, *o.domains]
                    )
                    if k
                ),
                o.is_wire,
            )
            for o in Outlet.objects.all()
        ]
        people = [
            build_entry(p.name, p.aliases, p.name_latin, p.titles)
            for p in Person.objects.all()
        ]
        theme_rows = list(Theme.objects.all())
        themes = [build_theme(t.slug, t.keywords) for t in theme_rows]
        return cls(
            outlets,
            people,
            themes,
            dict(Person.objects.values_list("name", "pk")),
            {t.slug: t.pk for t in theme_rows},
        )
