"""What every certificate change shares: the refusal error, the holder's row lock, the reason
check, and the event (with status) that records the change and what follows once it commits.

Every change is one transaction that writes a CertificateEvent (actor, time, reason) and, for a
status change, the certificate's current status. The holder is e-mailed and, for lapses
(suspension, revocation, expiry), ``certificate_lapsed`` is sent so assignments can be reviewed;
both only once the transaction commits.
"""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
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

REASON_MAX_LENGTH = 2000


class CertificateError(ValidationError):
    """A lifecycle rule refused the change; the message is for the person who asked."""


def local_day(at: datetime) -> date:
    """The local calendar day of ``at``: validity dates are days in the site's time zone."""
    return timezone.localdate(at)


def _lock_mentor(mentor_id: int) -> bool:
    """Serialise certificate decisions for one mentor (issue, renew and the gate all lock it).
    True when the mentor may be certified: their account exists and was not erased."""
    row = (
        get_user_model()
        .objects.select_for_update()
        .filter(pk=mentor_id)
        .values_list("erased_at")
        .first()
    )
    return row is not None and row[0] is None


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
    """Once committed: e-mail the holder, tell listeners, and render the PDF of a new one."""
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

    transaction.on_commit(notify)


def clean_reason(reason: str) -> str:
    """The reason a coordinator gives for a change, stripped; required and bounded."""
    reason = (reason or "").strip()
    if not reason:
        message = _("Please give a reason: it is recorded and sent to the holder.")
    elif len(reason) > REASON_MAX_LENGTH:
        message = _("Please keep the reason under %(max)d characters.") % {"max": REASON_MAX_LENGTH}
    else:
        return reason
    raise CertificateError({"reason": [message]})  # a form shows it on its "reason" field


def locked_certificate(certificate_id: int) -> Certificate:
    """The certificate, locked after its holder's row (the order every decision locks in)."""
    certificate = Certificate.objects.select_related("programme").get(pk=certificate_id)
    _lock_mentor(certificate.holder_id)
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
