"""Sharing for the holder (issue 16 point 8): the LinkedIn "add to profile" link, the copy-link
field, the programme's badge image in the credential, and public criteria written for a reader."""

import json
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from certification import services, sharing
from tests.factories.certificates import ProgrammeFactory, qualify
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def programme():
    return ProgrammeFactory(name="Certified Peer Mentor", slug="certified-peer-mentor")


@pytest.fixture
def certificate(mentor, programme, django_capture_on_commit_callbacks):
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


def test_the_linkedin_link_is_built_from_the_certificate(certificate):
    url = sharing.linkedin_add_to_profile_url(
        certificate=certificate,
        organisation_name="Peer Mentor Academy & Co",
        verification_url="https://mentors.example.org/verify/X/",
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    assert parse_qs(parts.query) == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": ["Certified Peer Mentor"],
        "organizationName": ["Peer Mentor Academy & Co"],
        "issueYear": [str(certificate.valid_from.year)],
        "issueMonth": [str(certificate.valid_from.month)],
        "expirationYear": [str(certificate.valid_until.year)],
        "expirationMonth": [str(certificate.valid_until.month)],
        "certUrl": ["https://mentors.example.org/verify/X/"],
        "certId": [certificate.serial],
    }
    assert " " not in url and "+" not in url  # spaces as %20, as LinkedIn's form expects


def test_the_holder_page_offers_copy_link_linkedin_and_the_credential(client, certificate, mentor):
    client.login(username=mentor.username, password=PASSWORD)
    html = client.get("/certification/").content.decode()
    link = services.verification_url(certificate)
    # Without JavaScript the link is in a read-only field; the Copy button waits for the script.
    assert f'value="{link}" readonly' in html
    assert "hidden>Copy link</button>" in html
    assert '<script src="/static/certification/share.js" defer></script>' in html
    assert "<script>" not in html and "style=" not in html  # nothing inline, for the CSP
    assert 'href="https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&amp;' in html
    assert f'href="/credentials/{certificate.verification_code}.json" download=' in html
    assert 'src="/credentials/badges/certified-peer-mentor.svg"' in html


def test_the_badge_is_a_deterministic_accessible_svg(client, programme):
    first = client.get("/credentials/badges/certified-peer-mentor.svg")
    assert first.status_code == 200
    assert first["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert first.content == client.get("/credentials/badges/certified-peer-mentor.svg").content
    root = ET.fromstring(first.content)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Badge of the certification “Certified Peer Mentor”"
    body = first.content.decode()
    # Nothing fetched from elsewhere: no web font, no linked image or stylesheet.
    assert body.count("http") == 1 and "http://www.w3.org/2000/svg" in body
    assert "@font-face" not in body and "href" not in body
    assert client.get("/credentials/badges/no-such-programme.svg").status_code == 404


def test_the_badge_escapes_the_programme_name():
    svg = sharing.badge_svg(
        programme_name="<script>alert(1)</script> & a very long programme title " * 3,
        organisation_name="A & B",
    )
    root = ET.fromstring(svg)  # still well-formed
    assert "<script>" not in svg and "A &amp; B" in svg
    assert len(root.findall(f".//{SVG}tspan")) <= sharing.BADGE_LINES


def test_the_achievement_has_the_badge_image_and_criteria_for_a_reader(
    client, certificate, settings
):
    credential = json.loads(
        client.get(f"/credentials/{certificate.verification_code}.json").content
    )
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["image"] == {
        "id": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + "/credentials/badges/certified-peer-mentor.svg",
        "type": "Image",
        "caption": "Badge of the certification “Certified Peer Mentor”",
    }
    narrative = achievement["criteria"]["narrative"]
    assert narrative.startswith("The holder met every requirement of the programme")
    assert "your" not in narrative.lower()
    lines = narrative.splitlines()[1:]
    assert lines and all(line.startswith(("- The holder ", "- A supervisor ")) for line in lines)
    for name in services.evidence_competency_names(certificate.evidence):
        assert name in narrative
