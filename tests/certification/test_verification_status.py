"""What a verifier is told is decided in one place, ``verification_facts``: its wording and
dates for each status, the successor of a replaced certificate, and the public page and the
JSON saying the same (issue 16 point 7)."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from certification import selectors, services
from certification.models import Certificate, CertificateStatus
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(mentor, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory(name="Certified Peer Mentor")
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


CHANGED = datetime.datetime(2026, 3, 4, 12, tzinfo=datetime.UTC)


def set_status(certificate, status, *, changed=CHANGED):
    Certificate.objects.filter(pk=certificate.pk).update(status=status, status_changed_at=changed)


def renew(certificate) -> Certificate:
    """A renewal replacing ``certificate`` (the row the renewal service would write)."""
    set_status(certificate, CertificateStatus.SUPERSEDED)
    return Certificate.objects.create(
        serial="PMA-2026-999999",
        verification_code="ZZZZ-YYYY-XXXX-WWWW-VVVV",
        holder=certificate.holder,
        holder_name=certificate.holder_name,
        programme=certificate.programme,
        issued_at=CHANGED,
        valid_from=CHANGED.date(),
        valid_until=CHANGED.date() + datetime.timedelta(days=730),
        grace_until=CHANGED.date() + datetime.timedelta(days=760),
        status_changed_at=CHANGED,
        previous=certificate,
    )


def facts(certificate, on=None):
    found = selectors.certificate_by_code(code=certificate.verification_code)
    return selectors.verification_facts(found, on=on or timezone.localdate())


def test_valid(certificate):
    result = facts(certificate)
    assert (result["status"], result["status_label"]) == ("valid", "Valid")
    assert result["status_text"] == "This certificate is valid today."
    assert date_format(certificate.valid_until) in result["status_detail"]
    assert result["status_changed_on"] is None and result["successor"] is None
    assert result["holder"] == certificate.holder_name
    assert result["programme"] == "Certified Peer Mentor"
    assert result["issuer"]  # the organisation's name
    assert result["competencies"] == services.evidence_competency_names(certificate.evidence)


def test_valid_in_grace_says_the_renewal_is_overdue(certificate):
    on = certificate.valid_until + datetime.timedelta(days=1)
    result = facts(certificate, on=on)
    assert result["status"] == "valid" and result["in_grace_period"]
    assert "overdue" in result["status_detail"]
    assert date_format(certificate.grace_until) in result["status_detail"]


def test_expired_after_its_grace_and_not_yet_valid_before_its_start(certificate):
    after = facts(certificate, on=certificate.grace_until + datetime.timedelta(days=1))
    assert (after["status"], after["status_label"]) == ("expired", "Expired")
    assert after["status_text"] == "This certificate has expired."
    assert date_format(certificate.valid_until) in after["status_detail"]
    before = facts(certificate, on=certificate.valid_from - datetime.timedelta(days=1))
    assert before["status"] == "expired"
    assert before["status_text"] == "This certificate is not valid yet."
    set_status(certificate, CertificateStatus.EXPIRED)
    assert facts(certificate)["status_text"] == "This certificate has expired."


@pytest.mark.parametrize(
    "status, label, text, detail",
    [
        (
            CertificateStatus.SUSPENDED,
            "Suspended",
            "This certificate is suspended.",
            "Suspended on",
        ),
        (CertificateStatus.REVOKED, "Revoked", "This certificate has been revoked.", "Revoked on"),
        (
            CertificateStatus.SUPERSEDED,
            "Replaced",
            "This certificate was replaced by a renewal.",
            "Replaced on",
        ),
    ],
)
def test_a_status_change_is_dated(certificate, status, label, text, detail):
    set_status(certificate, status)
    result = facts(certificate)
    assert (result["status"], result["status_label"], result["status_text"]) == (
        status.value,
        label,
        text,
    )
    day = timezone.localdate(CHANGED)
    assert result["status_detail"].startswith(f"{detail} {date_format(day)}.")
    assert result["status_changed_on"] == day.isoformat()


def test_a_replaced_certificate_names_and_links_its_successor(client, certificate):
    successor = renew(certificate)
    result = facts(certificate)
    assert result["status"] == "superseded"
    assert (
        result["status_text"] == f"This certificate was replaced by certificate {successor.serial}."
    )
    assert result["successor"] == {
        "serial": successor.serial,
        "code": successor.verification_code,
        "url": services.verification_url(successor),
        "issued_on": timezone.localdate(CHANGED).isoformat(),
    }
    html = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert f'href="/verify/{successor.verification_code}/"' in html
    assert f"Check the current certificate, {successor.serial}" in html
    assert (
        client.get(f"/verify/{certificate.verification_code}.json").json()["successor"]
        == (result["successor"])
    )
    # The successor itself is valid and names no successor.
    assert facts(successor)["status"] == "valid" and facts(successor)["successor"] is None


@pytest.mark.parametrize(
    "status",
    [
        CertificateStatus.ACTIVE,
        CertificateStatus.SUSPENDED,
        CertificateStatus.REVOKED,
        CertificateStatus.EXPIRED,
        CertificateStatus.SUPERSEDED,
    ],
)
def test_the_page_says_what_the_json_says(client, certificate, status):
    if status == CertificateStatus.SUPERSEDED:
        renew(certificate)
    else:
        set_status(certificate, status)
    data = client.get(f"/verify/{certificate.verification_code}.json").json()
    assert data == facts(certificate)
    html = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    for key in ("status_label", "status_text", "status_detail", "holder", "programme", "issuer"):
        assert escape(data[key]) in html, key
    for key in ("serial", "issued_on", "valid_from", "valid_until", "checked_on"):
        assert data[key] in html, key
    for name in data["competencies"]:
        assert escape(name) in html
    if data["status_changed_on"]:
        assert data["status_changed_on"] in html
    if data["successor"]:
        assert data["successor"]["serial"] in html


def test_the_banner_is_a_status_announced_by_its_heading(client, certificate):
    set_status(certificate, CertificateStatus.SUSPENDED)
    html = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert 'role="status" aria-labelledby="verify-status"' in html
    heading = html.split('<h2 id="verify-status">', 1)[1].split("</h2>", 1)[0]
    # The status in words, not only in colour, and the icon hidden from screen readers.
    assert "Suspended" in heading and "This certificate is suspended." in heading
    assert '<span class="verify-icon" aria-hidden="true">' in heading


def test_an_unknown_code_gets_a_404_with_the_form_to_try_again(client):
    response = client.get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "No certificate has this code." in html
    assert 'action="/verify/"' in html and 'name="code"' in html
    assert 'value="AAAA-BBBB-CCCC-DDDD-EEEE"' in html  # ready to correct
    assert "Try the code again" in html
    assert 'role="status"' in html
