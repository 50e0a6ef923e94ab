"""The certificate lifecycle: issue, PDF, suspend, reinstate, revoke, expire, remind, renew."""

import datetime
import hashlib

import pytest
from django.core import mail
from django.utils import timezone

from certification import services, tasks
from certification.models import (
    Certificate,
    CertificateEvent,
    CertificateStatus,
    PdfStatus,
)
from certification.signals import certificate_lapsed
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Certified Peer Mentor")


@pytest.fixture
def lapses():
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    certificate_lapsed.connect(listener, dispatch_uid="test-lapses")
    yield received
    certificate_lapsed.disconnect(dispatch_uid="test-lapses")


def issue(mentor, programme, capture, **kwargs) -> Certificate:
    qualify(mentor, programme)
    with capture(execute=True):
        certificate = services.certificate_issue_if_eligible(
            mentor_id=mentor.pk, programme=programme, **kwargs
        )
    assert certificate is not None
    certificate.refresh_from_db()
    return certificate


def kinds(certificate) -> list[str]:
    return list(certificate.events.order_by("pk").values_list("kind", flat=True))


def test_issuing_records_everything_and_renders_the_pdf(
    mentor, programme, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    assert certificate.serial.startswith(f"PMA-{today.year}-")
    assert len(certificate.verification_code) == 24
    assert certificate.valid_from == today
    assert certificate.valid_until.year == today.year + 1
    assert (certificate.grace_until - certificate.valid_until).days == 30
    assert certificate.holder_name == mentor.public_name
    evidence = certificate.evidence
    assert {r["code"] for r in evidence["requirements"]} >= {"practice_total", "endorsement"}
    assert evidence["endorser"]["name"]
    assert kinds(certificate) == ["issued", "pdf_rendered"]
    assert certificate.pdf_status == PdfStatus.READY
    assert certificate.pdf.read().startswith(b"%PDF-")
    assert len(certificate.pdf_sha256) == 64
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert "issued" in mail.outbox[0].subject
    assert certificate.verification_code in mail.outbox[0].body


def test_issuing_happens_once(mentor, programme, django_capture_on_commit_callbacks):
    issue(mentor, programme, django_capture_on_commit_callbacks)
    again = services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    assert again is None
    assert Certificate.objects.filter(holder=mentor).count() == 1


def test_no_certificate_while_a_requirement_is_missing(mentor, programme):
    qualify(mentor, programme, endorse=False)
    assert services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme) is None
    assert not Certificate.objects.exists()


def test_an_approved_log_triggers_issuing(mentor, programme, django_capture_on_commit_callbacks):
    from certification.models import PracticeLog

    link = qualify(mentor, programme)
    log = PracticeLog.objects.filter(mentor=mentor).first()
    log.status = "submitted"
    log.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_log_approve(log=log, reviewer=link.supervisor, comment="Good work")
    assert Certificate.objects.filter(holder=mentor, status="active").count() == 1


def test_suspend_reinstate_revoke_with_reasons_events_and_mails(
    mentor, programme, coordinator, lapses, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_suspend(
            certificate_id=certificate.pk, actor=coordinator, reason="Complaint under review"
        )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUSPENDED
    assert lapses[-1]["kind"] == "suspended" and lapses[-1]["holder_id"] == mentor.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_reinstate(
            certificate_id=certificate.pk, actor=coordinator, reason="Review closed, no concerns"
        )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Left the programme"
        )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert lapses[-1]["kind"] == "revoked" and len(lapses) == 2
    events = list(certificate.events.filter(kind__in=["suspended", "reinstated", "revoked"]))
    assert [(e.kind, e.actor, e.reason) for e in events] == [
        ("suspended", coordinator, "Complaint under review"),
        ("reinstated", coordinator, "Review closed, no concerns"),
        ("revoked", coordinator, "Left the programme"),
    ]
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Your certificate has been suspended",
        "Your certificate has been reinstated",
        "Your certificate has been revoked",
    ]
    assert "Complaint under review" in mail.outbox[0].body


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_suspend_and_revoke_need_a_reasonable_reason(
    mentor, programme, coordinator, reason, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    for action in (services.certificate_suspend, services.certificate_revoke):
        with pytest.raises(services.CertificateError):
            action(certificate_id=certificate.pk, actor=coordinator, reason=reason)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE
    assert kinds(certificate) == ["issued", "pdf_rendered"]


def test_transitions_that_make_no_sense_are_refused(
    mentor, programme, coordinator, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    with pytest.raises(services.CertificateError, match="Only a suspended"):
        services.certificate_reinstate(certificate_id=certificate.pk, actor=coordinator, reason="x")
    services.certificate_revoke(certificate_id=certificate.pk, actor=coordinator, reason="x")
    with pytest.raises(services.CertificateError, match="Only an active certificate"):
        services.certificate_suspend(
            certificate_id=certificate.pk, actor=coordinator, reason="again"
        )
    with pytest.raises(services.CertificateError, match="already revoked"):
        services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="again"
        )


def test_the_daily_sweep_expires_after_the_grace_period_only(
    mentor, programme, lapses, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    in_grace = timezone.now() + datetime.timedelta(
        days=(certificate.grace_until - timezone.localdate()).days
    )
    assert services.certificate_expire_due(at=in_grace) == []
    later = in_grace + datetime.timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certificate_expire_due(at=later) == [certificate.pk]
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.EXPIRED
    assert lapses[-1]["kind"] == "expired"
    assert mail.outbox[0].subject.startswith("Your certificate has expired")
    assert services.certificate_expire_due(at=later) == []
    assert tasks.expire_certificates() == 0


def test_reminders_go_out_at_60_30_and_7_days_once_each(
    mentor, programme, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    expiry = datetime.datetime.combine(
        certificate.valid_until, datetime.time(9), tzinfo=datetime.UTC
    )
    sent = []
    for days_before in [70, 60, 59, 45, 30, 29, 10, 7, 6, 1]:
        with django_capture_on_commit_callbacks(execute=True):
            sent += services.certificate_send_reminders(
                at=expiry - datetime.timedelta(days=days_before)
            )
    assert [threshold for _id, threshold in sent] == [60, 30, 7]
    assert len(mail.outbox) == 3
    assert "expires in 60 days" in mail.outbox[0].subject


def test_a_missed_run_sends_only_the_nearest_reminder(
    mentor, programme, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    expiry = datetime.datetime.combine(
        certificate.valid_until, datetime.time(9), tzinfo=datetime.UTC
    )
    sent = services.certificate_send_reminders(at=expiry - datetime.timedelta(days=20))
    assert [threshold for _id, threshold in sent] == [30]


def test_renewal_needs_the_window_and_recent_practice(
    mentor, programme, django_capture_on_commit_callbacks
):
    from tests.factories import PracticeLogFactory

    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    with pytest.raises(services.CertificateError, match="Renewal opens 60 days"):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme)
    in_window = timezone.now() + datetime.timedelta(
        days=(certificate.valid_until - timezone.localdate()).days - 30
    )
    supervisor = certificate.holder.supervision_links_as_mentor.first().supervisor
    PracticeLogFactory(
        mentor=mentor,
        supervisor=supervisor,
        status="approved",
        duration_minutes=60,
        session_date=timezone.localdate(in_window),
    )
    # Renewal counts only practice within the certificate's own period: the 100 minutes that
    # earned it (before its start) do not count again, the 60 minutes since do.
    with django_capture_on_commit_callbacks(execute=True):
        renewed = services.certificate_renew(mentor_id=mentor.pk, programme=programme, at=in_window)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED
    assert renewed.previous == certificate
    assert renewed.valid_until.year == certificate.valid_until.year + 1
    assert renewed.valid_until.month == certificate.valid_until.month
    assert kinds(renewed)[0] == "renewed"
    assert "superseded" in kinds(certificate)


def test_renewal_refused_without_recent_practice(
    mentor, programme, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    # Move all practice to more than a validity period before the renewal date.
    from certification.models import PracticeLog

    PracticeLog.objects.filter(mentor=mentor).update(
        session_date=timezone.localdate() - datetime.timedelta(days=400)
    )
    in_window = timezone.now() + datetime.timedelta(
        days=(certificate.valid_until - timezone.localdate()).days - 10
    )
    with pytest.raises(services.CertificateError, match="more approved practice needed to renew"):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme, at=in_window)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE


def test_a_failed_render_leaves_the_certificate_valid_and_the_task_safe_to_run_again(
    mentor, programme, monkeypatch, django_capture_on_commit_callbacks
):
    """What the task does on a failed render (records it, re-raises, keeps the certificate) and
    that running it again, as the broker's retry does, renders once and is idempotent. The
    retry itself, by a real worker, is proven in test_tasks_retry.py."""
    from certification import pdf

    real_render = pdf.certificate_pdf_render
    calls = {"n": 0}

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("font cache locked")
        return real_render(**kwargs)

    monkeypatch.setattr(pdf, "certificate_pdf_render", flaky)
    qualify(mentor, programme)
    # The task re-raises, so a worker reports the attempt as failed and does not acknowledge it.
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    certificate = Certificate.objects.get(holder=mentor)
    assert certificate.status == CertificateStatus.ACTIVE
    assert certificate.pdf_status == PdfStatus.FAILED
    assert "pdf_failed" in kinds(certificate)
    first_sha = tasks.render_certificate_pdf(certificate_id=certificate.pk)  # run again
    certificate.refresh_from_db()
    assert certificate.pdf_status == PdfStatus.READY and certificate.pdf_sha256 == first_sha
    assert tasks.render_certificate_pdf(certificate_id=certificate.pk) == first_sha  # idempotent
    again = tasks.render_certificate_pdf(certificate_id=certificate.pk, force=True)
    certificate.refresh_from_db()
    data = certificate.pdf.read()
    assert data.startswith(b"%PDF-")
    assert certificate.pdf_sha256 == again == hashlib.sha256(data).hexdigest()
    assert kinds(certificate).count("pdf_rendered") == 2


def test_every_holder_email_is_sent_once_even_when_the_task_reruns(
    mentor, programme, django_capture_on_commit_callbacks
):
    certificate = issue(mentor, programme, django_capture_on_commit_callbacks)
    event = CertificateEvent.objects.get(certificate=certificate, kind="issued")
    assert tasks.email_certificate_event(event_id=event.pk) is False
    assert len(mail.outbox) == 1


def test_endorsement_only_by_the_current_supervisor(mentor, programme):
    link = qualify(mentor, programme, endorse=False)
    stranger = UserFactory(role="Supervisors")
    with pytest.raises(services.CertificateError, match="currently supervise"):
        services.endorsement_give(mentor=mentor, programme=programme, supervisor=stranger)
    with pytest.raises(services.CertificateError, match="yourself"):
        services.endorsement_give(mentor=mentor, programme=programme, supervisor=mentor)
    endorsement = services.endorsement_give(
        mentor=mentor, programme=programme, supervisor=link.supervisor, statement="Ready."
    )
    assert endorsement.supervisor == link.supervisor
