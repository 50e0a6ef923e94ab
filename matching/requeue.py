"""Matching's stuck work, and the sweep that queues it again (contract: cms/task_queue.py).

Stuck: a "flagged for review" event whose e-mail to the coordinators was never sent (no e-mail
``cms.events.EventNotification`` for it) ``STUCK_AFTER`` after it happened. The sweep queues it
again unless a task for it is still with the broker; the task itself sends a marked e-mail never
again. Flags older than ``RECENT`` are left alone: the needs-review queue shows them anyway.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cms import notify
from cms.task_queue import RECENT, STUCK_AFTER, StuckWork, queued_ids
from matching import tasks
from matching.models import AssignmentEvent, AssignmentEventKind

BATCH = 500  # at most this many per sweep, so a backlog drains without flooding the queue
REVIEW_EMAIL = "matching.tasks.email_review_needed"


def _flags_unsent(*, at: datetime, since: datetime | None):
    events = notify.unnotified(AssignmentEvent.objects.all(), purpose=notify.EMAIL).filter(
        kind=AssignmentEventKind.FLAGGED, at__lte=at - STUCK_AFTER
    )
    if since is not None:
        events = events.filter(at__gte=since)
    return events.order_by("at", "pk")


def stuck(*, at: datetime) -> list[StuckWork]:
    """Flags whose e-mail to the coordinators was never sent, recent or not."""
    return [
        StuckWork(
            kind="assignment_email",
            kind_label=gettext_lazy("Needs-review e-mail not sent"),
            pk=event.pk,
            description=str(event.assignment),
            since=event.at,
            url=reverse("matching_assignment:edit", args=[event.assignment_id]),
        )
        for event in _flags_unsent(at=at, since=None).select_related(
            "assignment__mentor", "assignment__mentee"
        )[:BATCH]
    ]


def requeue_stuck(*, at: datetime | None = None) -> int:
    """The sweep: queue again the unsent flag e-mails of the last ``RECENT``, except what is
    still with the broker. Returns how many were queued."""
    at = at or timezone.now()
    queued = queued_ids(REVIEW_EMAIL, "event_id")
    count = 0
    for event_id in _flags_unsent(at=at, since=at - RECENT).values_list("pk", flat=True)[:BATCH]:
        if event_id not in queued:
            tasks.enqueue_review_email(event_id=event_id)
            count += 1
    return count
