"""Coordinators' certificate screens and supervisors' endorsements, in the Wagtail admin."""

import csv
import io

import pytest
from django.core import mail

from certification import services
from certification.models import (
    Certificate,
    CertificateStatus,
    Endorsement,
    RecertificationDecision,
)
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


@pytest.fixture
def coordinator_client(client, coordinator):
    client.login(username=coordinator.username, password=PASSWORD)
    return client


def test_coordinators_list_and_filter_certificates(coordinator_client, certificate):
    response = coordinator_client.get("/admin/certificate/")
    assert response.status_code == 200
    assert certificate.serial in response.content.decode()
    response = coordinator_client.get("/admin/certificate/?status=revoked")
    assert certificate.serial not in response.content.decode()
    assert coordinator_client.get("/admin/certificate/?expiring_within=30").status_code == 200
    added = coordinator_client.get("/admin/certificate/new/")  # never added by hand
    assert added.status_code == 403 and "issued by the certification rules" in added.text
    edit = coordinator_client.get(f"/admin/certificate/edit/{certificate.pk}/")
    assert edit.status_code == 302  # certificates are never edited in place


def test_suspend_then_revoke_from_the_manage_view(
    coordinator_client, coordinator, certificate, django_capture_on_commit_callbacks
):
    url = f"/admin/certification/certificates/{certificate.pk}/manage/"
    page = coordinator_client.get(url)
    assert page.status_code == 200 and "Audit trail" in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"action": "suspend", "reason": "Complaint"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUSPENDED
    assert certificate.events.filter(
        kind="suspended", actor=coordinator, reason="Complaint"
    ).exists()
    assert "suspended" in mail.outbox[0].subject
    response = coordinator_client.post(url, {"action": "suspend", "reason": "Again"})
    assert response.status_code == 400
    assert "Only an active certificate can be suspended" in response.content.decode()
    coordinator_client.post(url, {"action": "revoke", "reason": "Left the programme"})
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED


@pytest.mark.parametrize(
    "data",
    [
        {"action": "revoke", "reason": ""},
        {"action": "explode"},
        {},
        {"action": "suspend", "reason": "x" * 3000},
    ],
)
def test_bad_manage_input_gets_a_400_and_changes_nothing(coordinator_client, certificate, data):
    url = f"/admin/certification/certificates/{certificate.pk}/manage/"
    response = coordinator_client.post(url, data)
    assert response.status_code == 400
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE


def test_rerender_from_the_manage_view(
    coordinator_client, certificate, django_capture_on_commit_callbacks
):
    url = f"/admin/certification/certificates/{certificate.pk}/manage/"
    response = coordinator_client.post(url, {"action": "rerender"})
    assert response.status_code == 302
    assert certificate.events.filter(kind="pdf_rendered").count() == 2


def test_mentors_and_supervisors_cannot_manage_certificates(client, certificate, supervisor):
    url = f"/admin/certification/certificates/{certificate.pk}/manage/"
    for user in (supervisor, UserFactory(role="Mentors"), UserFactory(role="Trainers")):
        client.login(username=user.username, password=PASSWORD)
        assert client.post(url, {"action": "revoke", "reason": "x"}).status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE


def test_expiring_and_lapsed_report_with_csv(coordinator_client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(status=CertificateStatus.SUSPENDED)
    response = coordinator_client.get("/admin/reports/certificates/?view=lapsed")
    assert response.status_code == 200 and certificate.serial in response.content.decode()
    export = coordinator_client.get("/admin/reports/certificates/?view=lapsed&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[1][0] == certificate.serial
    response = coordinator_client.get("/admin/reports/certificates/?view=expiring")
    assert certificate.serial not in response.content.decode()


def test_programmes_are_managed_by_coordinators(coordinator_client):
    assert coordinator_client.get("/admin/certificationprogramme/").status_code == 200
    assert coordinator_client.get("/admin/certificationprogramme/new/").status_code == 200


def test_supervisor_endorses_only_their_own_supervisee(client, mentor):
    programme = ProgrammeFactory()
    link = qualify(mentor, programme, endorse=False)
    stranger = UserFactory(role="Supervisors")
    url = f"/admin/certification/endorse/{mentor.pk}/"
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(username=link.supervisor.username, password=PASSWORD)
    assert client.get(url).status_code == 200
    response = client.post(url, {"programme": programme.pk, "statement": "Ready."})
    assert response.status_code == 302
    assert Endorsement.objects.filter(mentor=mentor, supervisor=link.supervisor).exists()
    assert client.post(url, {"programme": 999999}).status_code == 200


# --- After a revocation: re-certification decision, no new PDF ----------------------------


@pytest.fixture
def revoked(certificate, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Boundary breach."
        )
    certificate.refresh_from_db()
    return certificate


def allow_url(certificate) -> str:
    return f"/admin/certification/certificates/{certificate.pk}/allow-recertification/"


def manage_url(certificate) -> str:
    return f"/admin/certification/certificates/{certificate.pk}/manage/"


def test_only_a_revoked_certificate_offers_allow_recertification(
    coordinator_client, certificate, coordinator, django_capture_on_commit_callbacks
):
    page = coordinator_client.get(manage_url(certificate)).content.decode()
    assert allow_url(certificate) not in page
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Boundary breach."
        )
    page = coordinator_client.get(manage_url(certificate)).content.decode()
    assert allow_url(certificate) in page
    assert "Allow re-certification" in page


def test_the_confirmation_step_explains_what_allowing_means(coordinator_client, revoked):
    response = coordinator_client.get(allow_url(revoked))
    assert response.status_code == 200
    html = response.content.decode()
    assert revoked.serial in html
    assert "stays revoked" in html
    assert "every requirement again with new evidence" in html
    assert "e-mailed" in html
    assert not RecertificationDecision.objects.exists()  # looking decides nothing


def test_allowing_recertification_records_who_when_and_why(
    coordinator_client, coordinator, revoked, mentor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            allow_url(revoked), {"reason": "Completed remedial supervision."}
        )
    assert response.status_code == 302 and response.url == manage_url(revoked)
    decision = RecertificationDecision.objects.get(revoked_certificate=revoked)
    assert decision.decided_by == coordinator
    assert decision.reason == "Completed remedial supervision."
    revoked.refresh_from_db()
    assert revoked.status == CertificateStatus.REVOKED
    assert [m.to for m in mail.outbox] == [[mentor.email]]

    page = coordinator_client.get(manage_url(revoked)).content.decode()
    assert "Re-certification allowed" in page  # in the certificate's history
    assert "Completed remedial supervision." in page
    assert coordinator.public_name in page
    assert allow_url(revoked) not in page  # decided once

    again = coordinator_client.post(allow_url(revoked), {"reason": "Once more."})
    assert again.status_code == 400
    assert "Re-certification was already allowed for this certificate." in again.content.decode()
    assert RecertificationDecision.objects.count() == 1


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Please give a reason"),
        ("   ", "Please give a reason"),
        ("x" * 3000, "2000 characters"),
    ],
)
def test_allowing_needs_a_reason(coordinator_client, revoked, reason, message):
    response = coordinator_client.post(allow_url(revoked), {"reason": reason})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert not RecertificationDecision.objects.exists()


def test_allowing_is_refused_calmly_for_a_certificate_that_is_not_revoked(
    coordinator_client, certificate
):
    response = coordinator_client.post(allow_url(certificate), {"reason": "Why not."})
    assert response.status_code == 400
    assert "Only a revoked certificate needs this decision." in response.content.decode()
    assert not RecertificationDecision.objects.exists()
    assert coordinator_client.get(allow_url(Certificate(pk=999999))).status_code == 404


def test_only_certificate_managers_may_allow_recertification(client, revoked, supervisor):
    for user in (supervisor, UserFactory(role="Mentors"), UserFactory(role="Trainers")):
        client.login(username=user.username, password=PASSWORD)
        assert client.get(allow_url(revoked)).status_code in (302, 403)
        assert client.post(allow_url(revoked), {"reason": "x"}).status_code in (302, 403)
    assert not RecertificationDecision.objects.exists()


def test_a_revoked_certificate_is_never_rendered_again(
    coordinator_client, revoked, django_capture_on_commit_callbacks
):
    rendered = revoked.events.filter(kind="pdf_rendered").count()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(manage_url(revoked), {"action": "rerender"})
    assert response.status_code == 400
    assert "was revoked, so its PDF is not rendered again" in response.content.decode()
    assert revoked.events.filter(kind="pdf_rendered").count() == rendered
    page = coordinator_client.get(manage_url(revoked)).content.decode()
    assert f"/certification/certificates/{revoked.serial}/pdf/" not in page  # no download link
    assert "Render the PDF again" not in page


def test_the_pdf_service_refuses_to_render_a_revoked_certificate(revoked):
    rendered = revoked.events.filter(kind="pdf_rendered").count()
    with pytest.raises(services.CertificateError, match="not rendered again"):
        services.certificate_pdf_store(certificate_id=revoked.pk, force=True)
    # The first render, queued at issue, may run after the revocation: it prints nothing.
    Certificate.objects.filter(pk=revoked.pk).update(pdf_status="pending")
    services.certificate_pdf_store(certificate_id=revoked.pk)
    revoked.refresh_from_db()
    assert revoked.pdf_status == "pending"
    assert revoked.events.filter(kind="pdf_rendered").count() == rendered


def test_a_suspended_certificate_may_still_be_rendered_again(
    coordinator_client, certificate, coordinator
):
    services.certificate_suspend(certificate_id=certificate.pk, actor=coordinator, reason="Review")
    services.certificate_pdf_store(certificate_id=certificate.pk, force=True)
    assert certificate.events.filter(kind="pdf_rendered").count() == 2
