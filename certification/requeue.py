"""Certification's stuck work, and the sweep that queues it again (contract: cms/task_queue.py).

Stuck: a current certificate whose PDF is still pending or failed ``STUCK_AFTER`` after its
issue and its last failed render; a certificate or practice-log event whose e-mail was never
sent (no e-mail ``cms.events.EventNotification`` for it) ``STUCK_AFTER`` after it happened.
The sweep queues each again unless a task for it is still with the broker. It is
idempotent twice over: it skips what is queued, and the tasks themselves render a ready PDF or
send a marked e-mail never again. E-mails older than ``RECENT`` are left alone (old news), and
a PDF that failed ``PDF_FAILURES_BEFORE_GIVING_UP`` times waits for a person (the report).
"""

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certification import tasks
from certification.models import (
    CURRENT_STATUSES,
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    PdfStatus,
    PracticeLogEvent,
)
from cms import notify
from cms.task_queue import RECENT, STUCK_AFTER, StuckWork, queued_ids

# Three rounds of the broker's retries (max_attempts 3): then a person looks at the error.
PDF_FAILURES_BEFORE_GIVING_UP = 9
# At most this many of each kind per sweep, so a backlog drains without flooding the queue.
BATCH = 500

RENDER = "certification.tasks.render_certificate_pdf"
EMAIL = "certification.tasks.email_certificate_event"

KIND_LABELS = {
    "certificate_pdf": gettext_lazy("Certificate PDF not rendered"),
    "certificate_email": gettext_lazy("Certificate e-mail not sent"),
    "practice_log_email": gettext_lazy("Practice log e-mail not sent"),
}


def _certificates_with_pdf_stuck(*, at: datetime):
    """Current certificates (of holders not erased) still without a PDF: issued before the
    threshold and no failed render since; annotated with their number of failed renders."""
    threshold = at - STUCK_AFTER
    recent_failure = CertificateEvent.objects.filter(
        certificate=OuterRef("pk"), kind=CertificateEventKind.PDF_FAILED, at__gt=threshold
    )
    return (
        Certificate.objects.filter(
            status__in=CURRENT_STATUSES,
            pdf_status__in=(PdfStatus.PENDING, PdfStatus.FAILED),
            holder__erased_at__isnull=True,
            issued_at__lte=threshold,
        )
        .exclude(Exists(recent_failure))
        .annotate(failures=Count("events", filter=Q(events__kind=CertificateEventKind.PDF_FAILED)))
        .order_by("issued_at", "pk")
    )


def _certificate_events_unsent(*, at: datetime, since: datetime | None):
    events = notify.unnotified(
        CertificateEvent.objects.exclude(kind__in=tasks.CERTIFICATE_EVENTS_WITHOUT_EMAIL),
        purpose=notify.EMAIL,
    ).filter(at__lte=at - STUCK_AFTER)
    if since is not None:
        events = events.filter(at__gte=since)
    return events.order_by("at", "pk")


def _practice_log_events_unsent(*, at: datetime, since: datetime | None):
    events = notify.unnotified(PracticeLogEvent.objects.all(), purpose=notify.EMAIL).filter(
        to_status__in=list(tasks.PRACTICE_LOG_EMAIL_TASKS), at__lte=at - STUCK_AFTER
    )
    if since is not None:
        events = events.filter(at__gte=since)
    return events.order_by("at", "pk")


def _practice_log_tasks() -> set[str]:
    return {f"certification.tasks.{name}" for name in set(tasks.PRACTICE_LOG_EMAIL_TASKS.values())}


def _pdf_description(certificate, *, queued: bool) -> str:
    text = _("%(serial)s (%(status)s), failed renders: %(failures)s") % {
        "serial": certificate.serial,
        "status": certificate.get_pdf_status_display(),
        "failures": certificate.failures,
    }
    if queued:
        text += " · " + _("a render is waiting in the queue: is a worker running?")
    return text


def stuck(*, at: datetime) -> list[StuckWork]:
    """Everything of certification stuck now, recent or not (the coordinators' report). A PDF
    whose render is still waiting with the broker cannot be re-queued: a worker must run."""
    rendering = queued_ids(RENDER, "certificate_id")
    items = [
        StuckWork(
            kind="certificate_pdf",
            kind_label=KIND_LABELS["certificate_pdf"],
            pk=certificate.pk,
            description=_pdf_description(certificate, queued=certificate.pk in rendering),
            since=certificate.issued_at,
            url=reverse("certification_admin:certificate_manage", args=[certificate.pk]),
            can_requeue=certificate.pk not in rendering,
        )
        for certificate in _certificates_with_pdf_stuck(at=at)[:BATCH]
    ]
    for event in _certificate_events_unsent(at=at, since=None).select_related("certificate")[
        :BATCH
    ]:
        items.append(
            StuckWork(
                kind="certificate_email",
                kind_label=KIND_LABELS["certificate_email"],
                pk=event.pk,
                description=f"{event.certificate.serial}: {event.get_kind_display()}",
                since=event.at,
                url=reverse("certification_admin:certificate_manage", args=[event.certificate_id]),
            )
        )
    for event in _practice_log_events_unsent(at=at, since=None)[:BATCH]:
        items.append(
            StuckWork(
                kind="practice_log_email",
                kind_label=KIND_LABELS["practice_log_email"],
                pk=event.pk,
                description=_("Practice log %(log)s: %(status)s")
                % {"log": event.log_id, "status": event.get_to_status_display()},
                since=event.at,
            )
        )
    return items


def certificate_pdf_requeue(*, pk: int, at: datetime | None = None) -> bool:
    """Queue the render of one certificate whose PDF is stuck (a coordinator's action, however
    often it failed). False when its PDF is not stuck or a render is already queued."""
    at = at or timezone.now()
    if not _certificates_with_pdf_stuck(at=at).filter(pk=pk).exists():
        return False
    if pk in queued_ids(RENDER, "certificate_id"):
        return False
    tasks.enqueue_certificate_pdf(certificate_id=pk)
    return True


ACTIONS = {"certificate_pdf": certificate_pdf_requeue}


def requeue_stuck(*, at: datetime | None = None) -> int:
    """The sweep: queue again the stuck PDFs (until they failed too often) and the unsent
    e-mails of the last ``RECENT``, except what is still with the broker. Returns the count."""
    at = at or timezone.now()
    count = 0
    rendering = queued_ids(RENDER, "certificate_id")
    pdfs = _certificates_with_pdf_stuck(at=at).filter(failures__lt=PDF_FAILURES_BEFORE_GIVING_UP)
    for certificate_id in pdfs.values_list("pk", flat=True)[:BATCH]:
        if certificate_id not in rendering:
            tasks.enqueue_certificate_pdf(certificate_id=certificate_id)
            count += 1

    emailing = queued_ids(EMAIL, "event_id")
    events = _certificate_events_unsent(at=at, since=at - RECENT)
    for event_id in events.values_list("pk", flat=True)[:BATCH]:
        if event_id not in emailing:
            tasks.enqueue_certificate_email(event_id=event_id)
            count += 1

    notifying = set().union(*(queued_ids(func, "event_id") for func in _practice_log_tasks()))
    log_events = _practice_log_events_unsent(at=at, since=at - RECENT)
    for event_id, to_status in log_events.values_list("pk", "to_status")[:BATCH]:
        if event_id not in notifying:
            tasks.enqueue_on_commit(tasks.PRACTICE_LOG_EMAIL_TASKS[to_status], event_id=event_id)
            count += 1
    return count
