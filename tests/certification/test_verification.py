import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from certification import services
from certification.models import Certificate, CertificateStatus
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(mentor, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory(name="Certified Peer Mentor")
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


def set_status(certificate, status):
    Certificate.objects.filter(pk=certificate.pk).update(status=status)


@pytest.mark.parametrize(
    "status, expected, text",
    [
        (CertificateStatus.ACTIVE, "valid", "This certificate is valid today."),
        (CertificateStatus.SUSPENDED, "suspended", "This certificate is suspended."),
        (CertificateStatus.REVOKED, "revoked", "This certificate has been revoked."),
        (CertificateStatus.EXPIRED, "expired", "This certificate has expired."),
    ],
)
def test_page_and_json_for_each_status(client, certificate, status, expected, text):
    set_status(certificate, status)
    page = client.get(f"/verify/{certificate.verification_code}/")
    assert page.status_code == 200
    assert text in page.content.decode()
    data = client.get(f"/verify/{certificate.verification_code}.json").json()
    assert data["status"] == expected
    assert set(data) == {
        "code",
        "status",
        "status_label",
        "status_text",
        "status_detail",
        "status_changed_on",
        "successor",
        "holder",
        "holder_erased",
        "programme",
        "competencies",
        "issuer",
        "serial",
        "issued_on",
        "valid_from",
        "valid_until",
        "in_grace_period",
        "checked_on",
        "credential",
    }
    assert data["programme"] == "Certified Peer Mentor"


def test_verification_discloses_nothing_else(client, certificate, mentor):
    html = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert mentor.email not in html and mentor.username not in html
    assert certificate.holder_name in html
    body = client.get(f"/verify/{certificate.verification_code}.json").content.decode()
    assert mentor.email not in body and "minutes" not in body


def test_an_active_certificate_past_its_date_but_in_grace_is_valid_with_a_note(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=3),
        valid_from=timezone.localdate() - datetime.timedelta(days=400),
    )
    data = client.get(f"/verify/{certificate.verification_code}.json").json()
    assert data["status"] == "valid" and data["in_grace_period"] is True
    Certificate.objects.filter(pk=certificate.pk).update(
        grace_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(f"/verify/{certificate.verification_code}.json").json()["status"] == (
        "expired"
    )


def test_typed_codes_are_forgiving_and_redirect_to_the_canonical_url(client, certificate):
    sloppy = certificate.verification_code.replace("-", "").lower()
    response = client.get(f"/verify/{sloppy}/")
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{certificate.verification_code}/"
    response = client.get("/verify/", {"code": f"  {sloppy} "})
    assert response["Location"] == f"/verify/{certificate.verification_code}/"


@pytest.mark.parametrize(
    "code",
    [
        "AAAA-BBBB-CCCC-DDDD-EEEE",
        "0000-0000-0000-0000-0000",
        "UUUU-UUUU-UUUU-UUUU-UUUU",
        "----------------------",
    ],
)
def test_unknown_and_malformed_codes_are_404(client, code):
    assert client.get(f"/verify/{code}/").status_code == 404
    response = client.get(f"/verify/{code}.json")
    assert response.status_code == 404 and "error" in response.json()


def test_nonsense_in_the_form_gets_a_clear_400(client):
    response = client.get("/verify/", {"code": "<script>alert(1)</script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "does not look like a verification code" in html
    assert "<script>alert(1)</script>" not in html


def test_look_ups_are_throttled(client, certificate, monkeypatch):
    from certification.views import verification

    monkeypatch.setattr(verification, "LOOKUPS_PER_MINUTE", 3)
    url = f"/verify/{certificate.verification_code}"
    statuses = [client.get(f"{url}/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert client.get(f"{url}/").status_code == 429
    assert client.get(f"{url}.json").status_code == 429


def test_my_certification_shows_what_is_left(client, mentor):
    ProgrammeFactory(name="Certified Peer Mentor")
    client.login(username=mentor.username, password=PASSWORD)
    html = client.get("/certification/").content.decode()
    assert "What is left" in html
    assert "1 h 40 min more approved practice needed." in html
    assert "Your supervisor has not endorsed your readiness yet." in html


def test_my_certification_shows_the_certificate_card(client, mentor, certificate):
    client.login(username=mentor.username, password=PASSWORD)
    html = client.get("/certification/").content.decode()
    assert certificate.serial in html and "Download the PDF" in html
    assert f"/verify/{certificate.verification_code}/" in html
    assert "<svg" in html


@override_settings(WAGTAILADMIN_BASE_URL="https://mentors.example.org")
def test_pdf_download_for_owner_and_coordinators_only(client, certificate, mentor, coordinator):
    url = f"/certification/certificates/{certificate.serial}/pdf/"
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    other = UserFactory(role="Mentors")
    client.login(username=other.username, password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(username=mentor.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.login(username=coordinator.username, password=PASSWORD)
    assert client.get(url).status_code == 200
    assert client.get("/certification/certificates/NOPE/pdf/").status_code == 404


def test_renew_button_refuses_with_a_message_outside_the_window(client, mentor, certificate):
    client.login(username=mentor.username, password=PASSWORD)
    response = client.post(f"/certification/{certificate.programme.slug}/renew/", follow=True)
    assert "Renewal opens 60 days before the expiry date." in response.content.decode()
    assert client.post("/certification/no-such-programme/renew/").status_code == 404
