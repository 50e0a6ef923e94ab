"""The certificate's PDF: what it prints, when it is handed out or rendered again, and storing
a render with its SHA-256. Rendering itself (WeasyPrint) is ``certification.pdf``, in workers."""

import json
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from certification.credentials.documents import certificate_credential
from certification.eligibility import COMPETENCY_CODE_PREFIX
from certification.models import Certificate, CertificateEventKind, CertificateStatus, PdfStatus
from certification.services.events import CertificateError, record_event
from cms.selectors import organisation_settings
from courses.models import Competency


def verification_url(certificate: Certificate) -> str:
    path = reverse("certification:verify", kwargs={"code": certificate.verification_code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def evidence_competency_names(evidence: dict) -> list[str]:
    """The competencies a certificate was issued for, as snapshotted at issue.

    Certificates issued before the snapshot name them only through their requirement codes
    (``competency:<slug>``), so for those the names are looked up by slug (the slug itself if
    the competency was deleted since).
    """
    if "competencies" in evidence:
        return [item["name"] for item in evidence["competencies"]]
    slugs = [
        item["code"].removeprefix(COMPETENCY_CODE_PREFIX)
        for item in evidence.get("requirements", [])
        if item["code"].startswith(COMPETENCY_CODE_PREFIX)
    ]
    if not slugs:
        return []
    names = dict(Competency.objects.filter(slug__in=slugs).values_list("slug", "name"))
    return [names.get(slug, slug) for slug in slugs]


def certificate_document(certificate: Certificate):
    """What the certificate's PDF prints, from its evidence snapshot and the organisation's
    settings. The one place that decides it: the worker's render and the benchmark both use it."""
    from certification.pdf import CertificateDocument  # WeasyPrint is imported by workers only

    organisation = organisation_settings()
    evidence = certificate.evidence or {}
    return CertificateDocument(
        organisation_name=organisation.organisation_name,
        holder_name=certificate.holder_name,
        programme_name=certificate.programme.name,
        serial=certificate.serial,
        verification_code=certificate.verification_code,
        verification_url=verification_url(certificate),
        issued_on=timezone.localdate(certificate.issued_at),
        valid_until=certificate.valid_until,
        competencies=evidence_competency_names(evidence),
        endorsed_by=(evidence.get("endorser") or {}).get("name", ""),
        title=certificate.programme.certificate_title,
        designation=certificate.programme.certificate_designation,
        logo_path=_printed_image_path(organisation.logo),
        signature_path=_printed_image_path(organisation.signature),
        signatory_name=organisation.signatory_name,
        signatory_role=organisation.signatory_role,
        credential_json=certificate_credential_json(
            certificate, organisation_name=organisation.organisation_name
        ),
    )


def _printed_image_path(image) -> str:
    """The file of a settings image at print size (a rendition, made once and kept), so that a
    large upload does not slow every render down. With object storage (S3) there is no local
    file: the worker keeps a copy under its own media folder, where WeasyPrint may read it."""
    if image is None:
        return ""
    rendition = image.get_rendition("max-900x300")
    try:
        return rendition.file.path
    except NotImplementedError:
        local = Path(settings.MEDIA_ROOT) / "print-copies" / rendition.file.name
        if not local.is_file():
            local.parent.mkdir(parents=True, exist_ok=True)
            with rendition.file.open("rb") as stored:
                local.write_bytes(stored.read())
        return str(local)


def certificate_credential_json(certificate: Certificate, *, organisation_name: str) -> str:
    """The signed credential as the PDF embeds it: the same document as
    ``/credentials/<code>.json`` serves, as UTF-8 JSON text."""
    credential = certificate_credential(certificate, organisation_name=organisation_name)
    return json.dumps(credential, ensure_ascii=False, indent=2)


def certificate_pdf_withheld(certificate: Certificate) -> str:
    """Why the certificate's PDF is not handed out, or "" when it is.

    A suspended or revoked certificate's PDF would look valid to anyone shown it, so neither
    the holder nor a coordinator downloads it while that status stands. An expired or
    replaced certificate's PDF is still served: it prints its own validity dates, and the
    verification page it links to says it expired or was replaced.
    """
    if certificate.status == CertificateStatus.SUSPENDED:
        return _(
            "Certificate %(serial)s is suspended, so its PDF is not available: a printed copy "
            "would look valid. It can be downloaded again if the suspension is lifted."
        ) % {"serial": certificate.serial}
    if certificate.status == CertificateStatus.REVOKED:
        return _(
            "Certificate %(serial)s was revoked on %(date)s, so its PDF is no longer available."
        ) % {
            "serial": certificate.serial,
            "date": date_format(timezone.localdate(certificate.status_changed_at)),
        }
    return ""


def certificate_pdf_rerender_refusal(certificate: Certificate) -> str:
    """Why the certificate's PDF may not be rendered again, or "" when it may: a revoked
    certificate is never printed again, so no new copy of it can look valid."""
    if certificate.status == CertificateStatus.REVOKED:
        return _(
            "Certificate %(serial)s was revoked, so its PDF is not rendered again: a new copy "
            "would look valid."
        ) % {"serial": certificate.serial}
    return ""


@transaction.atomic
def certificate_pdf_store(
    *, certificate_id: int, force: bool = False, at: datetime | None = None
) -> Certificate:
    """Render the certificate's PDF and store it with its SHA-256. Idempotent unless forced.

    Runs in the worker. If rendering raises, the failure is recorded (the certificate stays
    valid and shows "PDF pending") and the error propagates so django-q2 retries the task.

    A revoked certificate is never printed again, so no fresh copy can look valid: a forced
    re-render is refused with CertificateError, and the first render, if it runs only after
    the revocation, prints nothing (it is not a failure, so nothing retries it).
    """
    from certification import pdf  # WeasyPrint is imported by workers only

    at = at or timezone.now()
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("programme", "holder")
        .get(pk=certificate_id)
    )
    if certificate.holder.erased_at is not None:
        return certificate  # the printed name was erased on request: nothing to print
    refusal = certificate_pdf_rerender_refusal(certificate)
    if refusal:
        if force:
            raise CertificateError(refusal)
        return certificate
    if certificate.pdf_status == PdfStatus.READY and certificate.pdf and not force:
        return certificate
    document = certificate_document(certificate)
    data = pdf.certificate_pdf_render(document=document)
    digest = pdf.sha256_hex(data)
    old_name = certificate.pdf.name if certificate.pdf else ""
    if digest != certificate.pdf_sha256 or not certificate.pdf:
        certificate.pdf.save(
            f"{certificate.serial}-{digest[:12]}.pdf", ContentFile(data), save=False
        )
    certificate.pdf_sha256 = digest
    certificate.pdf_status = PdfStatus.READY
    certificate.pdf_rendered_at = at
    certificate.save(update_fields=["pdf", "pdf_sha256", "pdf_status", "pdf_rendered_at"])
    record_event(
        certificate,
        kind=CertificateEventKind.PDF_RENDERED,
        at=at,
        data={"sha256": digest, "bytes": len(data), "replaced": old_name},
    )
    return certificate


@transaction.atomic
def certificate_pdf_failed(*, certificate_id: int, error: str, at: datetime | None = None) -> None:
    """Record a failed render: the certificate stays valid, its PDF shows as pending."""
    at = at or timezone.now()
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.pdf_status != PdfStatus.READY:
        certificate.pdf_status = PdfStatus.FAILED
        certificate.save(update_fields=["pdf_status"])
    record_event(
        certificate, kind=CertificateEventKind.PDF_FAILED, at=at, data={"error": error[:500]}
    )
