"""Reads for programmes and certificates: open programmes, a holder's certificates, the
certificate behind a credential, and the credential status lists (what a verifier is told:
``verification.py``)."""

from django.db.models import QuerySet

from certification.credentials.models import SpentStatusIndex
from certification.credentials.status import COUNTER_KEY, LIST_SIZE, REVOCATION, list_range
from certification.models import (
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    CompetencyRequirement,
    SerialCounter,
)
from cms.roles import COORDINATORS, user_has_role


def programmes_open() -> QuerySet:

    return CertificationProgramme.objects.filter(is_active=True).order_by("-is_default", "name")


def programme_default():

    return CertificationProgramme.objects.filter(is_default=True).first()


def certificates_of(*, holder) -> QuerySet:

    return (
        Certificate.objects.filter(holder=holder).select_related("programme").order_by("-issued_at")
    )


def certificate_event_reason(certificate, *, kind: str) -> str:
    """The reason recorded with the certificate's latest event of this kind ("" if none), e.g.
    why it was revoked: the holder was e-mailed it and their certification page repeats it."""
    event = certificate.events.filter(kind=kind).order_by("at", "pk").last()
    return event.reason if event else ""


def competency_minutes_required(*, programme=None) -> dict[int, int]:
    """Approved minutes the programme (default: the site's default) asks per competency."""

    programme = programme or programme_default()
    if programme is None:
        return {}
    return dict(
        CompetencyRequirement.objects.filter(programme=programme).values_list(
            "competency_id", "minutes"
        )
    )


def certificate_for_credential(*, code: str | None):
    """The certificate behind a credential (with its evidence and status index), or None. Always
    one query, like certificate_by_code. None too once the holder's data was erased: the signed
    document carried their name; the status list still answers "revoked" for copies held
    elsewhere."""

    return (
        Certificate.objects.filter(verification_code=code or "-", holder__erased_at__isnull=True)
        .select_related("programme")
        .only(
            "verification_code",
            "holder_name",
            "status",
            "issued_at",
            "valid_from",
            "valid_until",
            "evidence",
            "status_index",
            "programme__name",
            "programme__slug",
            "programme__description",
        )
        .first()
    )


def status_lists_in_use() -> int:
    """How many status lists hold at least one allocated index (from the allocation counter)."""

    allocated = (
        SerialCounter.objects.filter(key=COUNTER_KEY).values_list("value", flat=True).first()
    )
    return -(-(allocated or 0) // LIST_SIZE)


def status_list_positions(*, purpose: str, number: int) -> list[int]:
    """The set bits of one status list, from one query whatever the number of certificates.

    Revocation: revoked certificates, those replaced by a renewal (so a superseded
    certificate's credential stops verifying even if its successor is later revoked), suspended
    ones (so a verifier reading only the credential sees it), and indexes spent by a
    reinstatement (set for good). The suspension list repeats the suspended ones, for the reason.
    """
    suspended = [CertificateStatus.SUSPENDED]
    revoked = [CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED, *suspended]
    start, end = list_range(number)
    indexes = Certificate.objects.filter(
        status_index__gte=start,
        status_index__lt=end,
        status__in=revoked if purpose == REVOCATION else suspended,
    ).values_list("status_index", flat=True)
    if purpose == REVOCATION:  # in the same query (a UNION takes no ORDER BY in its parts)
        spent = SpentStatusIndex.objects.filter(index__gte=start, index__lt=end)
        indexes = indexes.order_by().union(spent.order_by().values_list("index", flat=True))
    return [index - start for index in indexes]


def certificates_downloadable_by(*, user) -> QuerySet[Certificate]:
    """Certificates whose PDF ``user`` may download: their own, and every one for coordinators
    (superusers hold every role). The one rule for the site's download, the admin's link and
    the templates; whether a status withholds the PDF is ``services.certificate_pdf_withheld``.
    """
    if user_has_role(user, COORDINATORS):
        return Certificate.objects.all()
    return Certificate.objects.filter(holder_id=user.pk)


def certificate_pdf_downloadable(*, user, certificate: Certificate) -> bool:
    """May ``user`` download this certificate's PDF? Asked of ``certificates_downloadable_by``."""
    return certificates_downloadable_by(user=user).filter(pk=certificate.pk).exists()
