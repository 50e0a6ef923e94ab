"""What a delete would have to take with it: the one answer every admin delete path asks.

History (learning records, quiz attempts, practice logs, certificates, assignments, audit
events, erasure records) is protected in the schema: every foreign key from a history row to
something an admin can delete (a page, a quiz, a competency, a programme, a mentee, a person)
is ``on_delete=PROTECT``, so the ORM refuses the cascade with ``ProtectedError``. That is the
rule and its backstop. This selector asks the same question before anything is deleted, the way
Django's deletion collector would, so that every admin delete path (cms.wagtail_hooks, the
viewsets' delete views) can refuse with an explanation instead of a 500, and a new PROTECT
foreign key is honoured everywhere without another list to keep in step.

It reads only: one COUNT per protected relation reachable from the objects through cascades,
whatever the number of rows of history.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from wagtail.models import Page

from cms.compat import relations_to_delete

BLOCKING = (models.PROTECT, models.RESTRICT)
# Cascades are followed this deep (a page's specific row, its child rows, theirs...): far
# beyond any chain in this schema, and a guard against a cycle of cascades.
MAX_DEPTH = 6


@dataclass(frozen=True)
class Blocker:
    """``count`` rows of ``model`` that a delete would have to take and may not."""

    model: type[models.Model]
    count: int

    def __str__(self) -> str:
        opts = self.model._meta
        name = opts.verbose_name if self.count == 1 else opts.verbose_name_plural
        return gettext("%(count)s %(records)s") % {"count": self.count, "records": name}


def _deleted_with(objects: list[models.Model]) -> models.QuerySet:
    """What deleting ``objects`` deletes first: a page takes the pages below it (Wagtail's tree
    deletes a subtree in one query); anything else is itself."""
    if all(isinstance(obj, Page) for obj in objects):
        return Page.objects.filter(reduce(or_, (Q(path__startswith=obj.path) for obj in objects)))
    model = objects[0]._meta.concrete_model
    return model._base_manager.filter(pk__in=[obj.pk for obj in objects])


def _blocked(queryset: models.QuerySet, *, depth: int = 0) -> Counter:
    counts: Counter = Counter()
    if depth > MAX_DEPTH:
        return counts
    for relation in relations_to_delete(queryset.model):
        related = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": queryset}
        )
        if relation.on_delete in BLOCKING:
            count = related.count()
            if count:
                counts[relation.related_model] += count
        elif relation.on_delete is models.CASCADE:
            counts += _blocked(related, depth=depth + 1)
    return counts


def deletion_blockers(*, objects: Iterable[models.Model]) -> list[Blocker]:
    """The rows, by kind, that refuse to be deleted with ``objects`` (all of one model, or all
    pages); empty when deleting them takes no history with it."""
    objects = list(objects)
    if not objects:
        return []
    counts = _blocked(_deleted_with(objects))
    return [
        Blocker(model=model, count=count)
        for model, count in sorted(counts.items(), key=lambda item: item[0]._meta.label)
    ]


def deletion_blockers_by_object(
    *, objects: Iterable[models.Model]
) -> list[tuple[models.Model, list[Blocker]]]:
    """For a bulk delete: each object that holds history back, with what it holds."""
    found = []
    for obj in objects:
        blockers = deletion_blockers(objects=[obj])
        if blockers:
            found.append((obj, blockers))
    return found
