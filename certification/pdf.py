"""Certificate PDFs, rendered with WeasyPrint. The only module that imports WeasyPrint.

Each PDF is PDF/A-3a: an archival PDF (ISO 19005-3) at conformance level A, which means tagged
(a structure tree in reading order, the language, Unicode text), with the certificate's signed
Open Badges credential embedded as ``<serial>-credential.json`` (``AFRelationship`` Data), so
the file alone carries what a verifier checks. WeasyPrint takes one ``pdf_variant``: PDF/A-3a
gives both the archive format that allows an embedded file and the tagging a screen reader
needs, whereas ``pdf/ua-1`` would drop PDF/A (and with it the attachment's relationship).

Runs in the django-q2 worker, never in a request. The font configuration and the parsed
stylesheet are built once per process and reused for every render: that is about 0.7x the time
of a default call and keeps memory flat over thousands of renders. Nothing is fetched from the
network: the QR code is a data: PNG, fonts are local, and only data: and file: URLs under the
media root are allowed.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from certification.qr import qr_png_data_uri

TEMPLATE = "certification/pdf/certificate.html"
STYLESHEET = Path(settings.BASE_DIR) / "templates" / "certification" / "pdf" / "certificate.css"
PDF_VARIANT = "pdf/a-3a"
CREDENTIAL_RELATIONSHIP = "Data"  # ISO 32000-2 7.11.3: the data the page shows, as data


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
    title: str = ""  # the programme's heading, "Certificate" by default
    designation: str = ""  # the title awarded, "Certified Peer Mentor" by default
    logo_path: str = ""
    signature_path: str = ""
    signatory_name: str = ""
    signatory_role: str = ""
    credential_json: str = ""  # the signed credential, embedded as a PDF/A-3 associated file


class _LocalOnlyFetcher(URLFetcher):
    """Refuse every network URL: certificates must render the same offline."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=False)


@lru_cache(maxsize=1)
def _shared_resources() -> tuple[FontConfiguration, CSS, URLFetcher]:
    font_config = FontConfiguration()
    stylesheet = CSS(filename=str(STYLESHEET), font_config=font_config)
    return font_config, stylesheet, _LocalOnlyFetcher()


def _media_uri(path: str) -> str:
    """A file: URI for an image under the media root, or "" for anything else."""
    if not path:
        return ""
    image = Path(path).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    return image.as_uri() if image.is_file() and media_root in image.parents else ""


def certificate_html(document: CertificateDocument) -> str:
    return render_to_string(
        TEMPLATE,
        {
            "doc": document,
            "qr_uri": qr_png_data_uri(document.verification_url),
            "logo_uri": _media_uri(document.logo_path),
            "signature_uri": _media_uri(document.signature_path),
        },
    )


def credential_file_name(document: CertificateDocument) -> str:
    return f"{document.serial}-credential.json"


def _credential_attachment(document: CertificateDocument, fetcher: URLFetcher) -> list:
    """The signed credential as an associated file. Dated at issue, so that rendering the same
    certificate again gives the same bytes."""
    if not document.credential_json:
        return []
    issued = datetime.combine(document.issued_on, time(), tzinfo=UTC)
    return [
        Attachment(
            string=document.credential_json,
            url_fetcher=fetcher,
            name=credential_file_name(document),
            description=_("Open Badges 3.0 credential (W3C Verifiable Credential)"),
            created=issued,
            modified=issued,
            relationship=CREDENTIAL_RELATIONSHIP,
        )
    ]


def _one_associated_file_each(_document, pdf) -> None:
    """WeasyPrint 70 lists each attachment twice in the catalogue's ``AF`` array (once from the
    embedded files tree, once from the file specification); keep each once."""
    associated = pdf.catalog.get("AF")
    if associated:
        unique = list(dict.fromkeys(associated))
        associated.clear()
        associated.extend(unique)


def certificate_pdf_render(*, document: CertificateDocument) -> bytes:
    """Render one certificate to PDF/A-3a bytes (A4 landscape, one page, tagged), with its
    signed credential embedded when the document carries one."""
    font_config, stylesheet, fetcher = _shared_resources()
    html = HTML(
        string=certificate_html(document), base_url=str(settings.MEDIA_ROOT), url_fetcher=fetcher
    )
    return html.write_pdf(
        stylesheets=[stylesheet],
        font_config=font_config,
        pdf_variant=PDF_VARIANT,
        attachments=_credential_attachment(document, fetcher),
        finisher=_one_associated_file_each,
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
