"""Certification's hot paths for `manage.py bench` (see docs/performance.md).

They use the demo's ``certified`` mentor and certificate and write nothing: the certificate
PDF is rendered to bytes (never stored), the eligibility check only reads.
"""

from django.utils import timezone

from bench.core import LATENCY, MEMORY, Benchmark


def _certified():
    from cms.models import User

    certified = User.objects.filter(username="certified").first()
    if certified is None:
        raise RuntimeError("No demo accounts: run `python manage.py seed_demo` first.")
    return certified


def certificate_document():
    """What the certificate service prints for the demo `certified` mentor's certificate
    (certification.services.certificate_document), without storing anything."""
    from certification.models import Certificate
    from certification.services import certificate_document as document_for

    certificate = (
        Certificate.objects.select_related("programme")
        .filter(holder=_certified())
        .order_by("-issued_at")
        .first()
    )
    if certificate is None:
        raise RuntimeError("The demo `certified` mentor has no certificate: run seed_demo.")
    return document_for(certificate)


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


def _verification_client():
    """A client for the public check, and the demo certificate's code. Each request comes from
    its own address, so the look-up throttle (60 a minute per address) never answers instead."""
    import itertools

    from django.test import Client

    from certification.models import Certificate

    certificate = Certificate.objects.filter(holder=_certified()).order_by("-issued_at").first()
    if certificate is None:
        raise RuntimeError("The demo `certified` mentor has no certificate: run seed_demo.")
    return {
        "client": Client(),
        "code": certificate.verification_code,
        "unknown": "AAAA-BBBB-CCCC-DDDD-EEEE",
        "addresses": (f"10.9.{n // 250 % 250}.{n % 250 + 1}" for n in itertools.count()),
    }


def _verify(context, code: str, status: int) -> None:
    """Two requests for the page (50 runs of two: 100 requests per figure)."""
    for _ in range(2):
        response = context["client"].get(
            f"/verify/{code}/", REMOTE_ADDR=next(context["addresses"]), HTTP_HOST="localhost"
        )
        if response.status_code != status:
            raise RuntimeError(f"/verify/{code}/ answered {response.status_code}, not {status}")


def verify_real_code(context) -> None:
    _verify(context, context["code"], 200)


def verify_unknown_code(context) -> None:
    _verify(context, context["unknown"], 404)


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
    Benchmark(
        name="verify_real_code",
        kind=LATENCY,
        description="The public check of the demo certificate's code, twice (the page, 200).",
        setup=_verification_client,
        run=verify_real_code,
    ),
    Benchmark(
        name="verify_unknown_code",
        kind=LATENCY,
        description=(
            "The public check of a code that does not exist, twice (the page, 404); the ratio to "
            "verify_real_code, interleaved, should be 1 within noise (SPEC: same timing)."
        ),
        baseline="verify_real_code",
        setup=_verification_client,
        run=verify_unknown_code,
    ),
]
