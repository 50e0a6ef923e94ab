"""The history of practice logs and certificates: one ``cms.events.Event`` table per subject.

A log's or a certificate's ``status`` changes only together with a new event row, written by
the services in one transaction: the events are the history, the status is their latest word.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certification.models.certificates import Certificate
from certification.models.practice import PracticeLog
from cms.events import Event
from cms.reasons import REASON_MAX_LENGTH


class PracticeLogEvent(Event):
    """One status change of a practice log."""

    log = models.ForeignKey(
        PracticeLog, on_delete=models.PROTECT, related_name="events", verbose_name=_("log")
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=PracticeLog.Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=PracticeLog.Status.choices)
    # Every change of a log is a person's (a mentor, a supervisor, a coordinator), never the
    # system's, so the actor is required here.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="practice_log_events",
        verbose_name=_("actor"),
    )
    # The supervisor's words are a "comment" wherever logs are reviewed: the same limit, its
    # own name.
    reason = None
    comment = models.TextField(_("comment"), blank=True, max_length=REASON_MAX_LENGTH)

    class Meta(Event.Meta):
        verbose_name = _("practice log event")
        verbose_name_plural = _("practice log events")

    def __str__(self):
        return f"{self.log_id}: {self.from_status or '-'} → {self.to_status}"


class CertificateEventKind(models.TextChoices):
    ISSUED = "issued", _("Issued")
    RENEWED = "renewed", _("Renewed")
    SUSPENDED = "suspended", _("Suspended")
    REINSTATED = "reinstated", _("Reinstated")
    REVOKED = "revoked", _("Revoked")
    RECERTIFICATION_ALLOWED = "recert_allowed", _("Re-certification allowed")
    EXPIRED = "expired", _("Expired")
    SUPERSEDED = "superseded", _("Replaced by a renewal")
    PDF_RENDERED = "pdf_rendered", _("PDF rendered")
    PDF_FAILED = "pdf_failed", _("PDF rendering failed")
    REMINDER_60 = "reminder_60", _("Reminder: 60 days to expiry")
    REMINDER_30 = "reminder_30", _("Reminder: 30 days to expiry")
    REMINDER_7 = "reminder_7", _("Reminder: 7 days to expiry")


REMINDER_KINDS = {
    60: CertificateEventKind.REMINDER_60,
    30: CertificateEventKind.REMINDER_30,
    7: CertificateEventKind.REMINDER_7,
}


class CertificateEvent(Event):
    """One thing that happened to a certificate (issue, lifecycle, PDF, reminders)."""

    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("certificate"),
    )
    kind = models.CharField(_("event"), max_length=20, choices=CertificateEventKind.choices)
    data = models.JSONField(default=dict, blank=True)

    class Meta(Event.Meta):
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "kind"],
                condition=Q(kind__in=["reminder_60", "reminder_30", "reminder_7", "issued"]),
                name="reminders_and_issue_once",
            ),
        ]

    def __str__(self):
        return f"{self.certificate.serial}: {self.get_kind_display()}"
