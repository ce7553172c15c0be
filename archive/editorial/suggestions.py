"""Accepting what the importer suggests: a speaker or an outlet the registry lacks.

The extractor never adds a person or an outlet on its own; it suggests the name, and
an editor's acceptance adds it to the registry (or maps it to an entry the editor
chose) and to the articles that name it.
"""

from django.db import transaction

from archive.models import (
    Article,
    ArticlePerson,
    Outlet,
    OutletSuggestion,
    Person,
    SpeakerSuggestion,
)


def person_named(name: str) -> Person:
    """The registry's person of that name or alias, or a new one."""
    person = (
        Person.objects.filter(name=name).first()
        or Person.objects.filter(aliases__contains=[name]).first()
    )
    return person or Person.objects.create(name=name)


def accept_speaker(suggestion: SpeakerSuggestion) -> None:
    """The suggested speaker (or the person the editor chose) speaks in its article."""
    with transaction.atomic():
        person = suggestion.person or person_named(suggestion.name)
        ArticlePerson.objects.update_or_create(
            article=suggestion.article,
            person=person,
            defaults={"role": ArticlePerson.Role.SPEAKER},
        )
        suggestion.person = person
        suggestion.status = SpeakerSuggestion.Status.ACCEPTED
        suggestion.save(update_fields=["person", "status"])


def accept_outlet(suggestion: OutletSuggestion) -> int:
    """Add the suggested outlet (or the one the editor chose) to the registry and
    to every article whose suggestion names it and whose outlet no editor set;
    returns how many articles it gave an outlet."""
    with transaction.atomic():
        outlet = (
            suggestion.outlet or Outlet.objects.filter(name=suggestion.name).first()
        )
        if outlet is None:
            outlet = Outlet.objects.create(name=suggestion.name)
        pending = OutletSuggestion.objects.filter(
            name=suggestion.name, status=OutletSuggestion.Status.PENDING
        ).exclude(pk=suggestion.pk)
        done = 0
        for each in [suggestion, *pending.select_related("article")]:
            article = each.article
            if article.outlet_id is None and "outlet" not in article.editor_fields:
                Article.objects.filter(pk=article.pk).update(outlet=outlet)
                done += 1
            each.outlet = outlet
            each.status = OutletSuggestion.Status.ACCEPTED
            each.save(update_fields=["outlet", "status"])
    return done
