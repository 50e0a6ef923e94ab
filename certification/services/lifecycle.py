"""A coordinator's changes to an issued certificate (suspend, reinstate, revoke, allow
re-certification) and the daily sweeps (expiry, reminders). Each is one transaction that
records its event; the holder hears of it once it commits."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification.models import (
    CURRENT_STATUSES,
    REMINDER_KINDS,
    Certificate,
    CertificateEventKind,
    CertificateStatus,
    RecertificationDecision,
)
from certification.services.events import (
    CertificateError,
    after_commit,
    change_status,
    clean_reason,
    expire_locked,
    local_day,
    locked_certificate,
    record_event,
)


def _status_shown(certificate: Certificate) -> str:
    return certificate.get_status_display().lower()


def _suspend_refusal(certificate: Certificate, day) -> str:
    if certificate.status != CertificateStatus.ACTIVE:
        return _("Only an active certificate can be suspended; this one is %(status)s.") % {
            "status": _status_shown(certificate)
        }
    return ""


def _reinstate_refusal(certificate: Certificate, day) -> str:
    if certificate.status != CertificateStatus.SUSPENDED:
        return _("Only a suspended certificate can be reinstated.")
    if day > certificate.grace_until:
        return _(
            "This certificate's validity ended while it was suspended; it cannot be "
            "reinstated. The holder can certify again."
        )
    return ""


def _revoke_refusal(certificate: Certificate, day) -> str:
    if certificate.status not in CURRENT_STATUSES:
        return _("This certificate is already %(status)s and cannot be revoked.") % {
            "status": _status_shown(certificate)
        }
    return ""


def _status_change(name: str, *, to_status: str, kind: str, refusal, lapsed: bool, doc: str):
    """A coordinator's status-change service (``events.change_status`` with its rule)."""

    @transaction.atomic
    def service(
        *, certificate_id: int, actor, reason: str, at: datetime | None = None
    ) -> Certificate:
        return change_status(
            certificate_id=certificate_id,
            actor=actor,
            reason=reason,
            at=at,
            to_status=to_status,
            kind=kind,
            refusal=refusal,
            lapsed=lapsed,
        )

    service.__name__ = service.__qualname__ = name
    service.__doc__ = doc
    return service


certificate_suspend = _status_change(
    "certificate_suspend",
    to_status=CertificateStatus.SUSPENDED,
    kind=CertificateEventKind.SUSPENDED,
    refusal=_suspend_refusal,
    lapsed=True,
    doc="Suspend an active certificate (reversible). A reason is required.",
)
certificate_reinstate = _status_change(
    "certificate_reinstate",
    to_status=CertificateStatus.ACTIVE,
    kind=CertificateEventKind.REINSTATED,
    refusal=_reinstate_refusal,
    lapsed=False,
    doc="Lift a suspension, if the certificate's validity (with grace) has not ended meanwhile.",
)
certificate_revoke = _status_change(
    "certificate_revoke",
    to_status=CertificateStatus.REVOKED,
    kind=CertificateEventKind.REVOKED,
    refusal=_revoke_refusal,
    lapsed=True,
    doc="Revoke an active or suspended certificate, for good. A reason is required.",
)


@transaction.atomic
def certificate_allow_recertification(
    *, certificate_id: int, actor, reason: str, at: datetime | None = None
) -> RecertificationDecision:
    """A coordinator's explicit decision that the holder of a revoked certificate may qualify
    again in its programme. The certificate stays revoked; from this moment on the holder must
    meet every requirement again with new evidence (practice and endorsement dated from the
    decision). Recorded with its reason as a certificate event; the holder is e-mailed.
    """
    at = at or timezone.now()
    reason = clean_reason(reason)
    certificate = locked_certificate(certificate_id)
    if certificate.status != CertificateStatus.REVOKED:
        raise CertificateError(_("Only a revoked certificate needs this decision."))
    if RecertificationDecision.objects.filter(revoked_certificate=certificate).exists():
        raise CertificateError(_("Re-certification was already allowed for this certificate."))
    later = Certificate.objects.filter(
        holder_id=certificate.holder_id,
        programme_id=certificate.programme_id,
        issued_at__gt=certificate.issued_at,
    )
    if later.exists():
        raise CertificateError(_("The holder has been certified again since this revocation."))
    decision = RecertificationDecision.objects.create(
        revoked_certificate=certificate, decided_by=actor, decided_at=at, reason=reason
    )
    event = record_event(
        certificate,
        kind=CertificateEventKind.RECERTIFICATION_ALLOWED,
        actor=actor,
        at=at,
        reason=reason,
    )
    after_commit(certificate, event)
    return decision


def certificate_expire_due(*, at: datetime | None = None) -> list[int]:
    """The daily sweep: expire every current certificate whose grace period has ended."""
    at = at or timezone.now()
    expired = []
    due = Certificate.objects.filter(status__in=CURRENT_STATUSES, grace_until__lt=local_day(at))
    for certificate_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            certificate = locked_certificate(certificate_id)
            if certificate.status not in CURRENT_STATUSES or certificate.grace_until >= local_day(
                at
            ):
                continue  # changed meanwhile
            expire_locked(certificate, at=at)
            expired.append(certificate_id)
    return expired


def certificate_send_reminders(*, at: datetime | None = None) -> list[tuple[int, int]]:
    """Remind holders 60, 30 and 7 days before expiry; each reminder at most once.

    When a run was missed, only the nearest reminder due is sent.
    """
    at = at or timezone.now()
    today = local_day(at)
    horizon = date.fromordinal(today.toordinal() + max(REMINDER_KINDS))
    sent = []
    due = Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, valid_until__gte=today, valid_until__lte=horizon
    )
    for certificate_id, valid_until in due.values_list("pk", "valid_until"):
        days_left = (valid_until - today).days
        threshold = min(days for days in REMINDER_KINDS if days_left <= days)
        kind = REMINDER_KINDS[threshold]
        with transaction.atomic():
            certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
            if certificate.events.filter(kind=kind).exists():
                continue
            event = record_event(certificate, kind=kind, at=at, data={"days_left": days_left})
            after_commit(certificate, event)
            sent.append((certificate_id, threshold))
    return sent
