"""What a verifier is told about a certificate, decided in one place: its status, the words
for it and the dates that go with it, the successor of a replaced certificate and the public
facts. The public verification page and its JSON both render ``verification_facts``, so they
cannot disagree (tests/certification/test_verification_status.py)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from certification.models import Certificate, CertificateStatus
from cms.selectors import organisation_name

VALID = "valid"
EXPIRED = "expired"
SUSPENDED = CertificateStatus.SUSPENDED.value
REVOKED = CertificateStatus.REVOKED.value
REPLACED = CertificateStatus.SUPERSEDED.value  # "superseded" in the JSON, as before
STATUSES = (VALID, EXPIRED, SUSPENDED, REVOKED, REPLACED)


def certificate_by_code(*, code: str | None):
    """The certificate with this normalised code (with its successor, if a renewal replaced
    it), or None. Always one query, so that unknown and malformed codes take as long as real
    ones."""

    return (
        Certificate.objects.filter(verification_code=code or "-")
        .select_related("programme", "holder", "renewed_by")
        .only(
            "serial",
            "verification_code",
            "holder_name",
            "holder__erased_at",
            "status",
            "status_changed_at",
            "valid_from",
            "valid_until",
            "grace_until",
            "issued_at",
            "evidence",
            "programme__name",
            "programme__slug",
            "renewed_by__serial",
            "renewed_by__verification_code",
            "renewed_by__issued_at",
        )
        .first()
    )


def verification_status(certificate, *, on) -> str:
    """What a verifier is told: valid, expired, suspended, revoked or superseded."""

    if certificate.status == CertificateStatus.ACTIVE:  # in force is the gate's one rule
        return VALID if certificate.in_force_on(on) else EXPIRED
    return certificate.status


def status_label(status: str) -> str:
    """The one word of the banner (and of the JSON's ``status_label``)."""
    return {
        VALID: pgettext("certificate status", "Valid"),
        EXPIRED: pgettext("certificate status", "Expired"),
        SUSPENDED: pgettext("certificate status", "Suspended"),
        REVOKED: pgettext("certificate status", "Revoked"),
        REPLACED: pgettext("certificate status", "Replaced"),
    }[status]


def _successor(certificate) -> dict | None:
    from certification.services import verification_url

    successor = getattr(certificate, "renewed_by", None)
    if successor is None:
        return None
    return {
        "serial": successor.serial,
        "code": successor.verification_code,
        "url": verification_url(successor),
        "issued_on": timezone.localdate(successor.issued_at).isoformat(),
    }


def _status_sentences(certificate, status: str, *, on, successor) -> tuple[str, str]:
    """The banner's heading and the sentence under it, with the dates that matter."""
    day = date_format  # the site's locale, as on the printed certificate
    since = timezone.localdate(certificate.status_changed_at) if certificate.pk else on
    if status == VALID:
        if on > certificate.valid_until:
            detail = _(
                "It reached its end date on %(until)s; the renewal is overdue, and it still "
                "counts during the programme's grace period, until %(grace)s."
            ) % {"until": day(certificate.valid_until), "grace": day(certificate.grace_until)}
        else:
            detail = _("Valid from %(start)s until %(until)s.") % {
                "start": day(certificate.valid_from),
                "until": day(certificate.valid_until),
            }
        return _("This certificate is valid today."), detail
    if status == EXPIRED:
        if on < certificate.valid_from:
            return _("This certificate is not valid yet."), _("It is valid from %(start)s.") % {
                "start": day(certificate.valid_from)
            }
        return _("This certificate has expired."), _("It was valid until %(until)s.") % {
            "until": day(certificate.valid_until)
        }
    if status == SUSPENDED:
        return _("This certificate is suspended."), _(
            "Suspended on %(date)s. It is not valid while suspended; the programme may "
            "reinstate it."
        ) % {"date": day(since)}
    if status == REVOKED:
        return _("This certificate has been revoked."), _(
            "Revoked on %(date)s. It is no longer valid."
        ) % {"date": day(since)}
    if successor:
        return _("This certificate was replaced by certificate %(serial)s.") % {
            "serial": successor["serial"]
        }, _("Replaced on %(date)s by a renewal. Check the current certificate instead.") % {
            "date": day(since)
        }
    return _("This certificate was replaced by a renewal."), _("Replaced on %(date)s.") % {
        "date": day(since)
    }


def verification_facts(certificate, *, on) -> dict:
    """Everything the public page and the JSON say about a certificate, as JSON values. The
    same work for the never-saved placeholder of an unknown code as for a real certificate."""
    from certification.credentials.documents import credential_url
    from certification.services import evidence_competency_names

    status = verification_status(certificate, on=on)
    if status not in STATUSES:  # the placeholder of an unknown code
        status = EXPIRED
    # An erased holder's certificate was revoked and its printed name removed: the page says
    # so, names nobody, and still answers for the serial.
    holder_erased = certificate.holder.erased_at is not None
    successor = _successor(certificate) if status == REPLACED else None
    headline, detail = _status_sentences(certificate, status, on=on, successor=successor)
    changed = certificate.status_changed_at if status in (SUSPENDED, REVOKED, REPLACED) else None
    return {
        "code": certificate.verification_code,
        "status": status,
        "status_label": status_label(status),
        "status_text": headline,
        "status_detail": detail,
        "status_changed_on": timezone.localdate(changed).isoformat() if changed else None,
        "successor": successor,
        "holder": None if holder_erased else certificate.holder_name,
        "holder_erased": holder_erased,
        "programme": certificate.programme.name,
        "competencies": evidence_competency_names(certificate.evidence or {}),
        "issuer": organisation_name(),
        "serial": certificate.serial,
        "issued_on": timezone.localdate(certificate.issued_at).isoformat(),
        "valid_from": certificate.valid_from.isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
        "in_grace_period": status == VALID and on > certificate.valid_until,
        "checked_on": on.isoformat(),
        "credential": None if holder_erased else credential_url(certificate.verification_code),
    }
