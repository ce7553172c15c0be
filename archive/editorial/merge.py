"""Merging registry entries an editor found to be one: outlets, or people.

The oldest entry is kept; the others' articles, quotes and suggestions move to it,
their names become its aliases, and each merge is one revision (django-reversion)
that an editor can see and undo.
"""

import reversion
from django.db import transaction

from archive.models import (
    Article,
    ArticlePerson,
    Outlet,
    Person,
    Quote,
    SpeakerSuggestion,
)


def merged_names(target, other) -> list[str]:
    """The target's aliases with the other's name, Latin name and aliases added."""
    names = [
        *target.aliases,
        other.name,
        getattr(other, "name_latin", ""),
        *other.aliases,
    ]
    return [n for n in dict.fromkeys(names) if n and n != target.name]


def _move_outlet(other: Outlet, target: Outlet) -> None:
    Article.objects.filter(outlet=other).update(outlet=target)


def _move_person(other: Person, target: Person) -> None:
    for link in ArticlePerson.objects.filter(person=other):
        mine = ArticlePerson.objects.filter(article=link.article, person=target).first()
        if mine is None:
            link.person = target
            link.save()
            continue
        if link.role == ArticlePerson.Role.SPEAKER:  # a speaker in either stays one
            mine.role = ArticlePerson.Role.SPEAKER
            mine.save()
        link.delete()
    Quote.objects.filter(person=other).update(person=target)
    SpeakerSuggestion.objects.filter(person=other).update(person=target)
    target.titles = list(dict.fromkeys([*target.titles, *other.titles]))


_MOVES = {Outlet: _move_outlet, Person: _move_person}


def merge(entries: list, user=None) -> tuple[object, int]:
    """Merge ``entries`` (outlets or people) into the oldest; returns it and how
    many were merged into it. Fewer than two entries change nothing."""
    target, *others = sorted(entries, key=lambda e: e.pk)
    if not others:
        return target, 0
    move = _MOVES[type(target)]
    with transaction.atomic(), reversion.create_revision():
        for other in others:
            move(other, target)
            target.aliases = merged_names(target, other)
            other.delete()
        target.save()
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(f"دمج {len(others)} في {target}")
    return target, len(others)
