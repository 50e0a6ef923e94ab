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
    clean_reason,
    local_day,
    locked_certificate,
    record_event,
    set_status,
)


@transaction.atomic
def certificate_suspend(
    *, certificate_id: int, actor, reason: str, at: datetime | None = None
) -> Certificate:
    """Suspend an active certificate (reversible). A reason is required."""
    at = at or timezone.now()
    reason = clean_reason(reason)
    certificate = locked_certificate(certificate_id)
    if certificate.status != CertificateStatus.ACTIVE:
        raise CertificateError(
            _("Only an active certificate can be suspended; this one is %(status)s.")
            % {"status": certificate.get_status_display().lower()}
        )
    set_status(certificate, CertificateStatus.SUSPENDED, at=at)
    event = record_event(
        certificate, kind=CertificateEventKind.SUSPENDED, actor=actor, at=at, reason=reason
    )
    after_commit(certificate, event, lapsed=True)
    return certificate


@transaction.atomic
def certificate_reinstate(
    *, certificate_id: int, actor, reason: str, at: datetime | None = None
) -> Certificate:
    """Lift a suspension, if the certificate's validity (with grace) has not ended meanwhile."""
    at = at or timezone.now()
    reason = clean_reason(reason)
    certificate = locked_certificate(certificate_id)
    if certificate.status != CertificateStatus.SUSPENDED:
        raise CertificateError(_("Only a suspended certificate can be reinstated."))
    if local_day(at) > certificate.grace_until:
        raise CertificateError(
            _(
                "This certificate's validity ended while it was suspended; it cannot be "
                "reinstated. The holder can certify again."
            )
        )
    set_status(certificate, CertificateStatus.ACTIVE, at=at)
    event = record_event(
        certificate, kind=CertificateEventKind.REINSTATED, actor=actor, at=at, reason=reason
    )
    after_commit(certificate, event)
    return certificate


@transaction.atomic
def certificate_revoke(
    *, certificate_id: int, actor, reason: str, at: datetime | None = None
) -> Certificate:
    """Revoke an active or suspended certificate, for good. A reason is required."""
    at = at or timezone.now()
    reason = clean_reason(reason)
    certificate = locked_certificate(certificate_id)
    if certificate.status not in CURRENT_STATUSES:
        raise CertificateError(
            _("This certificate is already %(status)s and cannot be revoked.")
            % {"status": certificate.get_status_display().lower()}
        )
    set_status(certificate, CertificateStatus.REVOKED, at=at)
    event = record_event(
        certificate, kind=CertificateEventKind.REVOKED, actor=actor, at=at, reason=reason
    )
    after_commit(certificate, event, lapsed=True)
    return certificate


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
            set_status(certificate, CertificateStatus.EXPIRED, at=at)
            event = record_event(
                certificate,
                kind=CertificateEventKind.EXPIRED,
                at=at,
                reason=_("The validity period and its grace period have ended."),
            )
            after_commit(certificate, event, lapsed=True)
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
