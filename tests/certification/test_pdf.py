"""Certificate PDFs: a real PDF with the holder, programme and serial, and a QR code that
carries the verification URL."""

import io
import re
from datetime import date

import pytest
import segno
from pypdf import PdfReader

from certification.pdf import CertificateDocument, certificate_html, certificate_pdf_render
from certification.qr import qr_png_data_uri, qr_svg

URL = "https://mentors.example.org/verify/A9WN-0ZZ1-76MJ-HN3Q-GR3R/"


def document(**overrides) -> CertificateDocument:
    values = {
        "organisation_name": "Riverside Recovery Network",
        "holder_name": "Carlos Bennett",
        "programme_name": "Certified Peer Mentor",
        "serial": "PMA-2026-000042",
        "verification_code": "A9WN-0ZZ1-76MJ-HN3Q-GR3R",
        "verification_url": URL,
        "issued_on": date(2026, 1, 5),
        "valid_until": date(2028, 1, 5),
        "competencies": ["Active listening", "Crisis intervention"],
        "endorsed_by": "Samuel Okafor",
    }
    return CertificateDocument(**{**values, **overrides})


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return " ".join((page.extract_text() or "") for page in reader.pages)


def test_the_pdf_is_a_real_one_page_pdf_naming_holder_programme_and_serial():
    data = certificate_pdf_render(document=document())
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for expected in [
        "Carlos Bennett",
        "Certified Peer Mentor",
        "PMA-2026-000042",
        "5 January 2028",
        "A9WN-0ZZ1-76MJ-HN3Q-GR3R",
    ]:
        assert expected in text
    assert "RIVERSIDE RECOVERY NETWORK" in text.upper()


def test_the_qr_code_encodes_the_verification_url():
    svg = qr_svg(URL)
    assert svg.startswith("<svg") and "<?xml" not in svg
    expected = segno.make(URL, error="m", micro=False)
    assert (
        expected.svg_inline(scale=4, border=2, dark="#1d2733", title="Verification QR code") == svg
    )
    assert expected.designator.endswith("-M")
    # The PDF prints the same code as a PNG (one pixel per module, not interpolated: PDF/A).
    png = qr_png_data_uri(URL)
    printed = segno.make(URL, error="m", micro=False, mask=0)
    assert png == printed.png_data_uri(scale=1, border=2, dark="#1d2733")
    assert f'src="{png}"' in certificate_html(document())


def test_html_in_names_is_escaped_and_nothing_is_fetched_from_the_network():
    doc = document(
        holder_name='<img src="https://evil.example/x.png">Eve',
        organisation_name="<script>alert(1)</script>",
    )
    html = certificate_html(doc)
    assert '<img src="https://evil.example' not in html and "<script>" not in html
    text = pdf_text(certificate_pdf_render(document=doc))
    assert "Eve" in text


def test_a_logo_outside_the_media_root_is_ignored(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"not an image")
    html = certificate_html(document(logo_path=str(outside)))
    assert "secret.png" not in html


def test_renders_reuse_one_font_configuration():
    from certification import pdf

    certificate_pdf_render(document=document())
    first = pdf._shared_resources()
    certificate_pdf_render(document=document(holder_name="Someone Else"))
    assert pdf._shared_resources() is first


@pytest.mark.parametrize("name", ["Zoë Ångström-Łukasz", "Siobhán Ní Bhriain", "José Muñoz"])
def test_names_with_accents_render(name):
    text = pdf_text(certificate_pdf_render(document=document(holder_name=name)))
    assert re.sub(r"\s+", " ", name) in text
