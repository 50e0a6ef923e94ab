"""django-q2 entry points for supervised practice: thin, take ids, safe to retry."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django_q.tasks import async_task

from certification.models import PracticeLogEvent, PracticeLogNotification


def enqueue_on_commit(task_name: str, **kwargs) -> None:
    """Queue ``certification.tasks.<task_name>(**kwargs)`` once the current transaction commits."""
    transaction.on_commit(lambda: async_task(f"certification.tasks.{task_name}", **kwargs))


def _send_once(*, event_id: int, to_user_attr: str, template: str) -> bool:
    """Send the e-mail for an event at most once; True when it was sent now."""
    with transaction.atomic():
        event = (
            PracticeLogEvent.objects.select_related(
                "log__mentor", "log__supervisor__supervisor_profile", "log__reviewer", "actor"
            )
            .filter(pk=event_id)
            .first()
        )
        if event is None:
            return False
        _notification, created = PracticeLogNotification.objects.get_or_create(event=event)
        if not created:
            return False
        recipient = getattr(event.log, to_user_attr)
        if not recipient.email:
            return False
        context = {
            "event": event,
            "log": event.log,
            "recipient": recipient,
            "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
            "mentor_url": reverse("certification:practice_log_detail", args=[event.log_id]),
            "review_url": reverse("practice_logs:edit", args=[event.log_id]),
        }
        subject = render_to_string(f"certification/email/{template}_subject.txt", context)
        body = render_to_string(f"certification/email/{template}.txt", context)
        send_mail(" ".join(subject.split()), body, None, [recipient.email])
    return True


def notify_supervisor_of_submission(*, event_id: int) -> bool:
    """E-mail the supervisor that a supervisee submitted a practice log."""
    return _send_once(event_id=event_id, to_user_attr="supervisor", template="log_submitted")


def notify_mentor_of_review(*, event_id: int) -> bool:
    """E-mail the mentor their supervisor's decision on a practice log."""
    return _send_once(event_id=event_id, to_user_attr="mentor", template="log_reviewed")
