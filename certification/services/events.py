"""What every certificate change shares: the refusal error, the holder's row lock, the reason
check, and the event (with status) that records the change and what follows once it commits.

Every change is one transaction that writes a CertificateEvent (actor, time, reason) and, for a
status change, the certificate's current status. The holder is e-mailed and, for lapses
(suspension, revocation, expiry), ``certificate_lapsed`` is sent so assignments can be reviewed;
both only once the transaction commits.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import tasks
from certification.credentials.allocation import status_index_renew
from certification.models import (
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
)
from certification.signals import (
    certificate_issued,
    certificate_lapsed,
    certificate_status_changed,
)
from cms.errors import DomainError
from cms.locks import user_lock
from cms.reasons import reason_clean


class CertificateError(DomainError):
    """A lifecycle rule refused the change; the message is for the person who asked."""

    default_code = "certificate_refused"


def local_day(at: datetime) -> date:
    """The local calendar day of ``at``: validity dates are days in the site's time zone."""
    return timezone.localdate(at)


def holder_lock(mentor_id: int) -> bool:
    """Lock the mentor's account row (``cms.locks.user_lock``: issuing, renewing and the gate all
    take it, so decisions about one mentor queue). True when they may be certified: the account
    exists and was not erased."""
    locked = user_lock(mentor_id)
    return locked is not None and not locked.erased


def record_event(
    certificate: Certificate,
    *,
    kind: str,
    actor=None,
    at: datetime,
    reason: str = "",
    data: dict | None = None,
) -> CertificateEvent:
    """Append the event that records a change; certificate history is never edited."""
    return CertificateEvent.objects.create(
        certificate=certificate, kind=kind, actor=actor, at=at, reason=reason, data=data or {}
    )


def set_status(certificate: Certificate, status: str, *, at: datetime) -> None:
    """Store the certificate's current status and tell listeners (credential status lists)."""
    certificate.status = status
    certificate.status_changed_at = at
    certificate.save(update_fields=["status", "status_changed_at"])
    certificate_status_changed.send(
        sender=Certificate,
        certificate_id=certificate.pk,
        holder_id=certificate.holder_id,
        programme_id=certificate.programme_id,
        status=status,
    )


def after_commit(
    certificate: Certificate, event: CertificateEvent, *, lapsed: bool = False
) -> None:
    """Once committed: e-mail the holder, tell listeners, and render the PDF of a new or a
    reinstated one."""
    kind = event.kind
    ids = {
        "certificate_id": certificate.pk,
        "holder_id": certificate.holder_id,
        "programme_id": certificate.programme_id,
        "kind": kind,
    }

    def notify():
        tasks.enqueue_certificate_email(event_id=event.pk)
        if lapsed:
            certificate_lapsed.send(sender=Certificate, **ids)
        if kind in (CertificateEventKind.ISSUED, CertificateEventKind.RENEWED):
            certificate_issued.send(sender=Certificate, **ids)
            tasks.enqueue_certificate_pdf(certificate_id=certificate.pk)
        if kind == CertificateEventKind.REINSTATED:
            # The PDF embeds the credential, whose status entry reinstatement replaced.
            tasks.enqueue_certificate_rerender(certificate_id=certificate.pk)

    transaction.on_commit(notify)


def clean_reason(reason: str) -> str:
    """The reason a coordinator gives for a change, stripped; required and bounded."""
    return reason_clean(
        reason,
        missing=_("Please give a reason: it is recorded and sent to the holder."),
        error=CertificateError,
    )


def locked_certificate(certificate_id: int) -> Certificate:
    """The certificate, locked after its holder's row (the order every decision locks in)."""
    certificate = Certificate.objects.select_related("programme").get(pk=certificate_id)
    holder_lock(certificate.holder_id)
    return (
        Certificate.objects.select_for_update().select_related("programme").get(pk=certificate_id)
    )


def expire_locked(certificate: Certificate, *, at: datetime) -> None:
    """Record that a locked certificate's validity and grace period have ended (the nightly
    sweep, or an issue that finds the lapse first): a lapse, so listeners review assignments."""
    set_status(certificate, CertificateStatus.EXPIRED, at=at)
    event = record_event(
        certificate,
        kind=CertificateEventKind.EXPIRED,
        at=at,
        reason=_("The validity period and its grace period have ended."),
    )
    after_commit(certificate, event, lapsed=True)


def change_status(
    *,
    certificate_id: int,
    actor,
    reason: str,
    at: datetime | None,
    to_status: str,
    kind: str,
    refusal,
    lapsed: bool = False,
) -> Certificate:
    """A coordinator's status change, in the one order they all take: the reason checked, the
    holder's and the certificate's rows locked, ``refusal(certificate, day)`` (the rule's
    message, or "" when the change is allowed), then the status, its event, and the holder told
    once it commits."""
    at = at or timezone.now()
    reason = clean_reason(reason)
    certificate = locked_certificate(certificate_id)
    if message := refusal(certificate, local_day(at)):
        raise CertificateError(message)
    set_status(certificate, to_status, at=at)
    if to_status == CertificateStatus.ACTIVE:  # reinstated: copies handed out while suspended
        status_index_renew(certificate, at=at)  # stay revoked; the credential gets a new index
    event = record_event(certificate, kind=kind, actor=actor, at=at, reason=reason)
    after_commit(certificate, event, lapsed=lapsed)
    return certificate
