"""django-q2 entry points for matching: thin, take ids, safe to retry."""

from django.urls import reverse
from django_q.tasks import async_task

from cms.emails import email_event_once


def enqueue_flag_after_lapse(*, holder_id: int, programme_id: int) -> None:
    async_task("matching.tasks.flag_after_lapse", holder_id=holder_id, programme_id=programme_id)


def enqueue_review_email(*, event_id: int) -> None:
    async_task("matching.tasks.email_review_needed", event_id=event_id)


def flag_after_lapse(*, holder_id: int, programme_id: int) -> list[int]:
    """Flag the holder's active assignments under the programme (already flagged: nothing)."""
    from matching import services

    return services.assignments_flag_after_lapse(holder_id=holder_id, programme_id=programme_id)


def sweep_assignments() -> int:
    """Scheduled nightly: re-check every active assignment; flag what no longer holds."""
    from matching import services

    return len(services.assignments_sweep())


def requeue_unsent_notifications() -> int:
    """Scheduled every 15 minutes: queue again the needs-review e-mails never sent."""
    from matching import requeue

    return requeue.requeue_stuck()


def email_review_needed(*, event_id: int) -> bool:
    """E-mail coordinators that an assignment needs review, at most once per flag."""
    from matching.models import AssignmentEvent
    from matching.services import coordinators_to_notify

    event = (
        AssignmentEvent.objects.select_related("assignment__mentor", "assignment__mentee")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return False
    return email_event_once(
        event=event,
        template="matching/email/review_needed",
        to=coordinators_to_notify(),
        context={
            "assignment": event.assignment,
            "review_url": reverse("matching_assignment:edit", args=[event.assignment_id]),
        },
    )
