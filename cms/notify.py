"""Notify once per event: the one place that decides whether an event's notice still goes out.

Tasks are retried (a worker dies, the broker hands a task out again after ``retry``) and the
stuck-work sweeps queue again what looks unsent, so two workers may hold the same event. The
``EventNotification`` row is written in the same transaction as the sending, under its unique
key (event type, event id, purpose): the second worker's insert waits for the first to commit
and then finds the row, so it sends nothing. If sending raises, the row rolls back with it and
the next attempt sends. The remaining gap is the one every mail queue has: a message handed to
the mail server just before the commit fails is sent again by the retry.
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from cms.events import EventNotification

# The purpose of the e-mail about an event (one per event; its recipients depend on the event).
EMAIL = "email"


def notify_once(*, event: models.Model, purpose: str, send: Callable[[], bool]) -> bool:
    """Call ``send`` for ``event`` and ``purpose`` unless that was done before; record it.

    Returns what ``send`` returned (whether anything went out) the first time, then False. A
    notice with nobody to go to counts as handled: the row stays, so the sweep leaves it be."""
    with transaction.atomic():
        _row, created = EventNotification.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(event),
            object_id=event.pk,
            purpose=purpose,
        )
        if not created:
            return False
        return bool(send())


def unnotified(events: models.QuerySet, *, purpose: str) -> models.QuerySet:
    """The events of a queryset whose ``purpose`` notice was never handled (the sweeps' work)."""
    return events.filter(~EventNotification.objects.handled(model=events.model, purpose=purpose))
