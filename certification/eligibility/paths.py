"""The paths to a certificate (first, renewal, re-entry, re-qualify, on hold, blocked): which
one applies to a holder on a day, its windows, and the path in a sentence."""

from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certification.dates import add_months
from certification.models import (
    Certificate,
    CertificateEventKind,
    CertificateStatus,
    CertificationProgramme,
)


class Path(models.TextChoices):
    """Which rules apply to the holder in a programme on a day."""

    FIRST = "first", gettext_lazy("First certificate")
    RENEWAL = "renewal", gettext_lazy("Renewal")
    REENTRY = "reentry", gettext_lazy("Renewal after a lapse")
    REQUALIFY = "requalify", gettext_lazy("Re-qualify in full")
    SUSPENDED = "suspended", gettext_lazy("On hold while suspended")
    BLOCKED = "blocked", gettext_lazy("Blocked by a revocation")


# The paths on which a certificate is issued as new (ISSUED, no predecessor) and renewed
# (RENEWED, ``previous`` set); the others issue nothing.
ISSUING_PATHS = (Path.FIRST, Path.REQUALIFY)
RENEWING_PATHS = (Path.RENEWAL, Path.REENTRY)


def renewal_opens_on(certificate: Certificate, *, programme: CertificationProgramme) -> date:
    """Renewal opens ``renewal_window_days`` before the expiry date."""
    return date.fromordinal(certificate.valid_until.toordinal() - programme.renewal_window_days)


def renewal_window_open(
    certificate: Certificate, *, programme: CertificationProgramme, on: date
) -> bool:
    """An active certificate may be renewed from ``renewal_opens_on`` to the end of its grace
    period; after that it has lapsed and the re-entry rules apply."""
    return (
        certificate.status == CertificateStatus.ACTIVE
        and renewal_opens_on(certificate, programme=programme) <= on <= certificate.grace_until
    )


def path_of(
    certificate: Certificate | None, *, programme: CertificationProgramme, at: date
) -> tuple[Path, date | None]:
    """The path for the holder of ``certificate`` (current, else latest) on ``at``, and after a
    lapse the last day of the re-entry window. ``certificate`` carries the annotations of
    ``eligibility_evaluate`` (``recertification_allowed_at``, ``last_hold``)."""
    if certificate is None:
        return Path.FIRST, None
    status = certificate.status
    if status == CertificateStatus.REVOKED:
        allowed = certificate.recertification_allowed_at is not None
        return (Path.REQUALIFY if allowed else Path.BLOCKED), None
    in_period = at <= certificate.grace_until
    if in_period and status in (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED):
        return (Path.RENEWAL if status == CertificateStatus.ACTIVE else Path.SUSPENDED), None
    # Lapsed: expired, replaced without a successor, or past its grace period (the nightly
    # sweep has not recorded it yet). Renewal is for holders in good standing: a certificate
    # that ended while suspended is not renewed late.
    reentry_until = add_months(certificate.grace_until, programme.reentry_months)
    held = status == CertificateStatus.SUSPENDED or (
        certificate.last_hold == CertificateEventKind.SUSPENDED
    )
    if not held and at <= reentry_until:
        return Path.REENTRY, reentry_until
    return Path.REQUALIFY, reentry_until


def path_summary(
    *,
    path: Path,
    certificate,
    programme: CertificationProgramme,
    at: date,
    reentry_until: date | None,
    evidence_since: datetime | None,
) -> str:
    if path == Path.FIRST:
        return _("To be certified for the first time, meet every requirement below.")
    serial = certificate.serial
    if path == Path.BLOCKED:
        return _(
            "Certificate %(serial)s was revoked. No certificate can be issued until a "
            "coordinator decides to allow re-certification."
        ) % {"serial": serial}
    if path == Path.SUSPENDED:
        return _(
            "Certificate %(serial)s is suspended. Renewal and any new certificate wait until a "
            "coordinator reinstates it."
        ) % {"serial": serial}
    if path == Path.RENEWAL:
        return _(
            "Certificate %(serial)s is valid until %(until)s. Renewal opens on %(opens)s and "
            "needs approved practice within the certificate's own period, since %(since)s."
        ) % {
            "serial": serial,
            "until": date_format(certificate.valid_until),
            "opens": date_format(renewal_opens_on(certificate, programme=programme)),
            "since": date_format(certificate.valid_from),
        }
    if path == Path.REENTRY:
        return _(
            "Certificate %(serial)s expired on %(expired)s. Until %(until)s you can still "
            "renew it under the renewal rules instead of qualifying again in full."
        ) % {
            "serial": serial,
            "expired": date_format(certificate.valid_until),
            "until": date_format(reentry_until),
        }
    # Re-qualify in full.
    if evidence_since is not None:
        return _(
            "A coordinator allowed re-certification on %(date)s after certificate %(serial)s "
            "was revoked. You qualify again in full; only practice and endorsements from that "
            "day on count."
        ) % {"serial": serial, "date": date_format(timezone.localdate(evidence_since))}
    if certificate.status == CertificateStatus.SUSPENDED or (
        certificate.last_hold == CertificateEventKind.SUSPENDED
    ):
        return _(
            "Certificate %(serial)s ended while it was suspended, so it cannot be renewed. "
            "You qualify again in full, as for a first certificate."
        ) % {"serial": serial}
    return _(
        "Certificate %(serial)s expired on %(expired)s and the time to renew it after a lapse "
        "ended on %(until)s. You qualify again in full, as for a first certificate."
    ) % {
        "serial": serial,
        "expired": date_format(certificate.valid_until),
        "until": date_format(reentry_until),
    }
