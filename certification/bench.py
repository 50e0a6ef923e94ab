"""Certification's hot paths for `manage.py bench` (see docs/performance.md).

They use the demo's ``certified`` mentor and certificate and write nothing: the certificate
PDF is rendered to bytes (never stored), the eligibility check only reads.
"""

from django.utils import timezone

from cms.benchmarking import LATENCY, MEMORY, Benchmark


def _certified():
    from cms.models import User

    certified = User.objects.filter(username="certified").first()
    if certified is None:
        raise RuntimeError("No demo accounts: run `python manage.py seed_demo` first.")
    return certified


def certificate_document():
    """The CertificateDocument the certificate service prints for the demo `certified`
    mentor's certificate: the same fields certificate_pdf_store builds, without storing."""
    from wagtail.models import Site

    from certification import pdf
    from certification.models import Certificate
    from certification.services.certificates import verification_url
    from cms.models import OrganisationSettings

    certificate = (
        Certificate.objects.select_related("programme")
        .filter(holder=_certified())
        .order_by("-issued_at")
        .first()
    )
    if certificate is None:
        raise RuntimeError("The demo `certified` mentor has no certificate: run seed_demo.")
    site = Site.objects.filter(is_default_site=True).first()
    organisation = OrganisationSettings.for_site(site) if site else OrganisationSettings()
    evidence = certificate.evidence or {}
    return pdf.CertificateDocument(
        organisation_name=organisation.organisation_name,
        holder_name=certificate.holder_name,
        programme_name=certificate.programme.name,
        serial=certificate.serial,
        verification_code=certificate.verification_code,
        verification_url=verification_url(certificate),
        issued_on=timezone.localdate(certificate.issued_at),
        valid_until=certificate.valid_until,
        competencies=[
            item["label"].split(" practising ", 1)[-1]
            for item in evidence.get("requirements", [])
            if item["code"].startswith("competency:")
        ],
        endorsed_by=(evidence.get("endorser") or {}).get("name", ""),
        logo_path=organisation.logo.file.path if organisation.logo_id else "",
    )


def certificate_pdf(document) -> bytes:
    from certification.pdf import certificate_pdf_render

    return certificate_pdf_render(document=document)


def _eligibility_context() -> dict:
    from certification.models import CertificationProgramme
    from certification.selectors import programme_default

    programme = programme_default() or CertificationProgramme.objects.first()
    if programme is None:
        raise RuntimeError("No certification programme: run `python manage.py seed_demo` first.")
    return {"mentor_id": _certified().pk, "programme": programme, "at": timezone.localdate()}


def eligibility_evaluate(context) -> None:
    from certification.eligibility import eligibility_evaluate as evaluate

    evaluate(mentor=context["mentor_id"], programme=context["programme"], at=context["at"])


BENCHMARKS = [
    Benchmark(
        name="certificate_pdf",
        kind=LATENCY,
        description="The demo certificate rendered to PDF bytes (pdf.certificate_pdf_render).",
        baseline="weasyprint_hello",
        setup=certificate_document,
        run=certificate_pdf,
    ),
    Benchmark(
        name="certificate_pdf_1000",
        kind=MEMORY,
        description="1,000 certificate renders in one process (a worker): resident memory.",
        setup=certificate_document,
        run=certificate_pdf,
        iterations=1000,
    ),
    Benchmark(
        name="eligibility_evaluate",
        kind=LATENCY,
        description="eligibility_evaluate for the certified demo mentor, default programme.",
        setup=_eligibility_context,
        run=eligibility_evaluate,
    ),
]
