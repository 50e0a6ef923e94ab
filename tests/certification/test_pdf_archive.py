"""The certificate PDF as an archive that carries its own proof: PDF/A-3a (tagged, in reading
order) with the signed credential embedded as an associated file (AFRelationship Data), which
the outside verifiers accept as it comes out of the PDF."""

import io
import json
import re

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from certification import services
from certification.pdf import certificate_pdf_render, credential_file_name
from tests.certification import test_credentials_outside_verifiers as outside
from tests.certification.test_pdf import document
from tests.factories.certificates import ProgrammeFactory, qualify

PDFAID = "http://www.aiim.org/pdfa/ns/id/"


def needs_outside_verifiers(test):
    """The skip conditions of the outside verifiers' own tests."""
    for mark in outside.pytestmark:
        if mark.name == "skipif":
            test = mark(test)
    return test


def reader_of(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def stored_pdf(certificate) -> bytes:
    certificate.refresh_from_db()
    with default_storage.open(certificate.pdf.name, "rb") as handle:
        return handle.read()


def embedded_credential(data: bytes) -> tuple[str, dict, dict]:
    """(file name, file specification, credential) of the PDF's one associated file."""
    catalog = reader_of(data).trailer["/Root"]
    associated = [item.get_object() for item in catalog["/AF"]]
    assert len(associated) == 1
    spec = associated[0]
    content = spec["/EF"]["/F"].get_object().get_data()
    return str(spec["/UF"]), spec, json.loads(content)


@pytest.fixture
def certificate(mentor, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory(name="Certified Peer Mentor", description="Mentoring.")
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):  # tasks run at once: the PDF too
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


def test_the_pdf_says_pdf_a_3a_in_its_xmp_metadata_and_is_tagged():
    reader = reader_of(certificate_pdf_render(document=document()))
    xmp = reader.xmp_metadata
    assert xmp is not None
    description = xmp.rdf_root.getElementsByTagNameNS(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description"
    )
    identification = {
        (node.getAttributeNS(PDFAID, "part"), node.getAttributeNS(PDFAID, "conformance"))
        for node in description
        if node.hasAttributeNS(PDFAID, "part")
    }
    assert identification == {("3", "A")}
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True  # tagged PDF
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert "/OutputIntents" in catalog  # sRGB, as PDF/A wants
    assert reader.metadata.title == "Certified Peer Mentor: Carlos Bennett"


def test_no_file_is_embedded_without_a_credential():
    catalog = reader_of(certificate_pdf_render(document=document())).trailer["/Root"]
    assert "/AF" not in catalog


def test_the_same_document_renders_to_the_same_bytes():
    doc = document(credential_json='{"id": "urn:example"}')
    assert certificate_pdf_render(document=doc) == certificate_pdf_render(document=doc)


@pytest.mark.django_db
def test_the_stored_pdf_embeds_the_certificate_s_credential_as_data(client, certificate):
    data = stored_pdf(certificate)
    name, spec, credential = embedded_credential(data)
    assert name == f"{certificate.serial}-credential.json"
    assert spec["/AFRelationship"] == "/Data"
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/json"
    assert reader_of(data).attachments[name] == [
        json.dumps(credential, ensure_ascii=False, indent=2).encode()
    ]
    assert credential == outside.fetch_credential(client, certificate)
    assert credential_file_name(services.certificate_document(certificate)) == name


@pytest.mark.django_db
@needs_outside_verifiers
def test_the_embedded_credential_passes_the_outside_verifiers(client, certificate):
    _name, _spec, credential = embedded_credential(stored_pdf(certificate))
    outcome = outside.outside_verify(client, credential)
    outside.assert_verdict(outcome, valid=True)
    assert outcome["refused"] == []


@pytest.mark.django_db
@needs_outside_verifiers
def test_reinstatement_renders_the_pdf_again_with_the_new_credential(
    client, certificate, django_capture_on_commit_callbacks
):
    coordinator = outside.UserFactory(role="Coordinators")
    before = stored_pdf(certificate)
    for action in (services.certificate_suspend, services.certificate_reinstate):
        with django_capture_on_commit_callbacks(execute=True):
            outside.act(action, certificate, coordinator)
    _name, _spec, old = embedded_credential(before)
    _name, _spec, new = embedded_credential(stored_pdf(certificate))
    assert new == outside.fetch_credential(client, certificate) != old
    outside.assert_verdict(outside.outside_verify(client, new), valid=True)
    outside.assert_verdict(outside.outside_verify(client, old), valid=False)


def test_the_text_is_extracted_in_reading_order():
    text = reader_of(certificate_pdf_render(document=document())).pages[0].extract_text()
    text = re.sub(r"\s+", " ", text)
    order = [
        "RIVERSIDE RECOVERY NETWORK",
        "This certifies that",
        "Carlos Bennett",
        "Certified Peer Mentor",
        "Active listening",
        "PMA-2026-000042",
        "A9WN-0ZZ1-76MJ-HN3Q-GR3R",
    ]
    positions = [text.upper().find(part.upper()) for part in order]
    assert -1 not in positions, (order, text)
    assert positions == sorted(positions), text
