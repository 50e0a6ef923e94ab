"""The mentor's "My certification" page, renewal and PDF downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certification import selectors, services, sharing
from certification.eligibility import eligibility_evaluate
from certification.models import (
    CertificateEventKind,
    CertificateStatus,
    CertificationProgramme,
    PdfStatus,
)
from certification.qr import qr_svg
from cms.selectors import organisation_name


@login_required
def my_certification(request):
    today = timezone.localdate()
    programmes = []
    for programme in selectors.programmes_open():
        eligibility = eligibility_evaluate(mentor=request.user, programme=programme, at=today)
        certificate = eligibility.certificate
        status = selectors.verification_status(certificate, on=today) if certificate else None
        url = services.verification_url(certificate) if certificate else ""
        revoked = status == CertificateStatus.REVOKED
        programmes.append(
            {
                "programme": programme,
                "eligibility": eligibility,
                "certificate": certificate,
                "status": status,
                "show_certificate": status in ("valid", "suspended"),
                "verification_url": url,
                "qr": mark_safe(qr_svg(url, scale=3)) if url else "",
                "linkedin_url": sharing.linkedin_add_to_profile_url(
                    certificate=certificate,
                    organisation_name=organisation_name(),
                    verification_url=url,
                )
                if certificate
                else "",
                "badge_caption": sharing.badge_caption(programme.name),
                "renewal_open": certificate is not None
                and services.renewal_open(certificate, on=today),
                "pdf_withheld": services.certificate_pdf_withheld(certificate)
                if certificate
                else "",
                # Promise a certificate only when an automatic check really issues one.
                "issue_due": services.certificate_issue_due(eligibility),
                "revoked_on": timezone.localdate(certificate.status_changed_at)
                if revoked
                else None,
                "revocation_reason": selectors.certificate_event_reason(
                    certificate, kind=CertificateEventKind.REVOKED
                )
                if revoked
                else "",
                "evidence_from": timezone.localdate(eligibility.evidence_since)
                if eligibility.evidence_since
                else None,
            }
        )
    return render(
        request,
        "certification/my_certification.html",
        {"programmes": programmes, "history": selectors.certificates_of(holder=request.user)},
    )


@login_required
@require_POST
def renew(request, slug: str):
    programme = get_object_or_404(CertificationProgramme, slug=slug, is_active=True)
    try:
        certificate = services.certificate_renew(
            mentor_id=request.user.pk, programme=programme, actor=request.user
        )
    except services.CertificateError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Renewed: your new certificate is valid until %(date)s.")
            % {"date": certificate.valid_until},
        )
    return redirect("certification:my_certification")


@login_required
def download_pdf(request, serial: str):
    """Whoever ``selectors.certificates_downloadable_by`` allows may download; anyone else gets
    a 404. A suspended or revoked certificate's PDF is withheld with the reason (it would look
    valid)."""
    certificate = (
        selectors.certificates_downloadable_by(user=request.user)
        .filter(serial=serial)
        .select_related("programme")
        .first()
    )
    if certificate is None:
        raise Http404
    withheld = services.certificate_pdf_withheld(certificate)
    if withheld:
        return render(
            request,
            "certification/pdf_withheld.html",
            {
                "certificate": certificate,
                "explanation": withheld,
                "is_holder": certificate.holder_id == request.user.pk,
            },
            status=403,
        )
    if certificate.pdf_status != PdfStatus.READY or not certificate.pdf:
        messages.info(request, _("The PDF is still being prepared. Please try again shortly."))
        return redirect("certification:my_certification")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )
