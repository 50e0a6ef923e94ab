"""django-q2 entry points for supervised practice: thin, take ids, safe to retry."""

from django.db import transaction
from django.urls import reverse
from django_q.tasks import async_task

from certification.models import PracticeLog, PracticeLogEvent
from cms.emails import email_event_once

# Which practice-log events e-mail someone, and the task that does it (the review services
# queue these on commit; the stuck-work sweep in certification/requeue.py queues them again).
PRACTICE_LOG_EMAIL_TASKS = {
    PracticeLog.Status.SUBMITTED: "notify_supervisor_of_submission",
    PracticeLog.Status.APPROVED: "notify_mentor_of_review",
    PracticeLog.Status.CHANGES_REQUESTED: "notify_mentor_of_review",
    PracticeLog.Status.REJECTED: "notify_mentor_of_review",
}
# Certificate events the holder is not e-mailed about; every other event e-mails them once.
CERTIFICATE_EVENTS_WITHOUT_EMAIL = ("pdf_rendered", "pdf_failed", "superseded")


def enqueue_on_commit(task_name: str, **kwargs) -> None:
    """Queue ``certification.tasks.<task_name>(**kwargs)`` once the current transaction commits."""
    transaction.on_commit(lambda: async_task(f"certification.tasks.{task_name}", **kwargs))


def _email_log_event(*, event_id: int, to_user_attr: str, template: str) -> bool:
    """E-mail the log's ``to_user_attr`` about an event, at most once; True when sent now."""
    event = (
        PracticeLogEvent.objects.select_related(
            "log__mentor", "log__supervisor__supervisor_profile", "log__reviewer", "actor"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return False
    recipient = getattr(event.log, to_user_attr)
    return email_event_once(
        event=event,
        template=f"certification/email/{template}",
        to=[recipient],
        context={
            "log": event.log,
            "recipient": recipient,
            "mentor_url": reverse("certification:practice_log_detail", args=[event.log_id]),
            "review_url": reverse("practice_logs:edit", args=[event.log_id]),
        },
    )


def notify_supervisor_of_submission(*, event_id: int) -> bool:
    """E-mail the supervisor that a supervisee submitted a practice log."""
    return _email_log_event(event_id=event_id, to_user_attr="supervisor", template="log_submitted")


def notify_mentor_of_review(*, event_id: int) -> bool:
    """E-mail the mentor their supervisor's decision on a practice log."""
    return _email_log_event(event_id=event_id, to_user_attr="mentor", template="log_reviewed")


# --- Certificates ---------------------------------------------------------------------------


def enqueue_certificate_email(*, event_id: int) -> None:
    async_task("certification.tasks.email_certificate_event", event_id=event_id)


def enqueue_certificate_pdf(*, certificate_id: int) -> None:
    async_task("certification.tasks.render_certificate_pdf", certificate_id=certificate_id)


def enqueue_certificate_check(*, mentor_id: int) -> None:
    async_task("certification.tasks.check_certification", mentor_id=mentor_id)


def render_certificate_pdf(*, certificate_id: int, force: bool = False) -> str:
    """Render and store a certificate's PDF. On failure the error is recorded and re-raised, so
    django-q2 retries (Q_CLUSTER max_attempts); the certificate itself is never touched."""
    from certification import services

    try:
        certificate = services.certificate_pdf_store(certificate_id=certificate_id, force=force)
    except Exception as error:
        services.certificate_pdf_failed(certificate_id=certificate_id, error=repr(error))
        raise
    return certificate.pdf_sha256


def check_certification(*, mentor_id: int) -> list[int]:
    """Issue or renew the mentor's certificates where they now qualify (idempotent)."""
    from certification import services

    return [certificate.pk for certificate in services.certificate_check(mentor_id=mentor_id)]


def expire_certificates() -> int:
    """Scheduled daily: expire certificates past their grace period."""
    from certification import services

    return len(services.certificate_expire_due())


def send_expiry_reminders() -> int:
    """Scheduled daily: 60/30/7-day reminders, each once."""
    from certification import services

    return len(services.certificate_send_reminders())


def requeue_stuck_work() -> int:
    """Scheduled every 15 minutes: queue again PDFs and e-mails the queue did not deliver."""
    from certification import requeue

    return requeue.requeue_stuck()


def email_certificate_event(*, event_id: int) -> bool:
    """E-mail the holder about one certificate event, at most once."""
    from certification.models import CertificateEvent
    from certification.services import verification_url

    event = (
        CertificateEvent.objects.select_related("certificate__holder", "certificate__programme")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.kind in CERTIFICATE_EVENTS_WITHOUT_EMAIL:
        return False
    holder = event.certificate.holder
    return email_event_once(
        event=event,
        template="certification/email/certificate",
        to=[holder],
        context={
            "certificate": event.certificate,
            "holder": holder,
            "verification_url": verification_url(event.certificate),
            "my_certification_url": reverse("certification:my_certification"),
        },
    )


def enqueue_certificate_rerender(*, certificate_id: int) -> None:
    async_task(
        "certification.tasks.render_certificate_pdf", certificate_id=certificate_id, force=True
    )
