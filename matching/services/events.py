"""An assignment's history: every change of an assignment is one event written here."""

from django.db import transaction
from django.utils import timezone

from matching import tasks
from matching.models import AssignmentEvent, AssignmentEventKind, AssignmentStatus


def assignment_event_record(
    assignment, *, kind: str, actor=None, at=None, reason: str = ""
) -> AssignmentEvent:
    """Append an event to the assignment's history; a flag e-mails coordinators after commit."""
    event = AssignmentEvent.objects.create(
        assignment=assignment, kind=kind, actor=actor, at=at or timezone.now(), reason=reason
    )
    if kind == AssignmentEventKind.FLAGGED:
        transaction.on_commit(lambda: tasks.enqueue_review_email(event_id=event.pk))
    return event


# The event each change of status writes.
EVENT_OF_STATUS = {
    AssignmentStatus.NEEDS_REVIEW: AssignmentEventKind.FLAGGED,
    AssignmentStatus.ENDED: AssignmentEventKind.ENDED,
    AssignmentStatus.ACTIVE: AssignmentEventKind.REVIEW_CLEARED,
}


def assignment_move(assignment, status: str, *, actor, reason: str = "", **fields):
    """Give the (locked) assignment its new ``status`` and ``fields``, save just those and
    record the event that status change writes."""
    fields["status"] = status
    for name, value in fields.items():
        setattr(assignment, name, value)
    assignment.save(update_fields=list(fields))
    assignment_event_record(assignment, kind=EVENT_OF_STATUS[status], actor=actor, reason=reason)
    return assignment
