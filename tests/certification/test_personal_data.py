"""The certification app's part of export and erasure: practice, supervision, endorsements and
certificates. The audit trail stays, pseudonymised; the erased holder is no longer certified."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certification import services
from certification.models import (
    Certificate,
    CertificateEvent,
    CertificateStatus,
    Endorsement,
    PracticeLog,
    PracticeLogEvent,
    SupervisionLink,
    SupervisorProfile,
)
from cms import privacy
from tests.factories import PracticeLogFactory, SupervisorProfileFactory, UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(django_capture_on_commit_callbacks):
    """A certified mentor with a draft log beside the approved ones that certified them."""
    mentor = UserFactory(role="Mentors", username="holder", first_name="Hana", last_name="Oyelaran")
    programme = ProgrammeFactory(name="Certified Peer Mentor")
    link = qualify(mentor, programme)
    Endorsement.objects.filter(mentor=mentor).update(statement="Hana is ready.")
    SupervisorProfileFactory(user=link.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    PracticeLogFactory(
        mentor=mentor, supervisor=link.supervisor, status="draft", reflection="A draft thought."
    )
    log = PracticeLog.objects.filter(mentor=mentor, status="approved").first()
    PracticeLog.objects.filter(pk=log.pk).update(
        reflection="We talked about her sister.", review_comment="Good boundaries."
    )
    PracticeLogEvent.objects.create(
        log=log,
        from_status="submitted",
        to_status="approved",
        actor=link.supervisor,
        comment="Well done",
    )
    mentor.supervisor = link.supervisor
    return mentor


def test_export_holds_practice_supervision_endorsements_and_certificates(holder):
    export = privacy.person_export(user=holder)["certification"]
    reflections = {log["reflection"] for log in export["practice_logs"]}
    assert {"We talked about her sister.", "A draft thought."} <= reflections
    reviewed = next(log for log in export["practice_logs"] if log["history"])
    assert reviewed["history"][0]["comment"] == "Well done"
    assert reviewed["supervisor"] == holder.supervisor.public_name
    assert export["supervision"][0]["as"] == "mentor"
    assert export["endorsements"][0]["statement"] == "Hana is ready."
    certificate = export["certificates"][0]
    assert certificate["name_as_printed"] == holder.public_name
    assert certificate["history"][0]["event"] == "issued"


def test_a_supervisors_export_names_none_of_their_supervisees(holder):
    export = privacy.person_export(user=holder.supervisor)["certification"]
    text = json.dumps(export, default=str)
    assert "Hana" not in text and "Oyelaran" not in text and "her sister" not in text
    assert export["reviews_given"][0]["decision"] == "approved"
    assert "Well done" not in text  # a comment about the supervisee stays with their record
    assert export["supervision"][0] == {
        "as": "supervisor",
        "supervisor": None,
        "start": holder.supervisor.supervision_links_as_supervisor.get().start,
        "end": None,
    }
    assert export["supervisor_profile"][0]["qualification"]


def test_export_queries_do_not_grow_with_the_number_of_logs(holder):
    """The whole export (every app) costs the same with 10 or 100 practice logs."""

    def count(n):
        PracticeLogFactory.create_batch(n, mentor=holder, supervisor=holder.supervisor)
        with CaptureQueriesContext(connection) as captured:
            privacy.person_export(user=holder)
        return len(captured.captured_queries)

    ten = count(10)
    hundred = count(90)
    assert ten == hundred
    assert hundred <= 20  # 18 today: every section of every app, fixed


def test_erasure_revokes_and_pseudonymises_certificates_keeping_their_history(
    holder, coordinator, django_capture_on_commit_callbacks
):
    certificate = holder.certificates.get()
    events_before = certificate.events.count()
    with django_capture_on_commit_callbacks(execute=True):
        erasure = privacy.person_erase(person_id=holder.pk, actor=coordinator, reason="Request")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.holder_name == "" and certificate.holder_id == holder.pk
    assert certificate.evidence["recipient"] is None
    assert not certificate.pdf
    revoked = certificate.events.get(kind="revoked")
    assert revoked.actor == coordinator and "erased" in revoked.reason
    assert certificate.events.count() == events_before + 1
    assert erasure.counts["certification"]["certificates_revoked"] == 1
    assert CertificateEvent.objects.filter(certificate=certificate, kind="issued").exists()


def test_erasure_removes_practice_text_and_keeps_decisions(holder, coordinator):
    supervisor = holder.supervisor
    privacy.person_erase(person_id=holder.pk, actor=coordinator, reason="Request")
    logs = PracticeLog.objects.filter(mentor=holder)
    assert not logs.exclude(status__in=PracticeLog.FINAL_STATUSES).exists()  # drafts deleted
    assert logs.filter(status="approved").exists()
    assert set(logs.values_list("reflection", flat=True)) == {""}
    assert set(logs.values_list("review_comment", flat=True)) == {""}
    assert not PracticeLogEvent.objects.filter(log__mentor=holder).exclude(comment="").exists()
    assert set(Endorsement.objects.filter(mentor=holder).values_list("statement", flat=True)) == {
        ""
    }
    link = SupervisionLink.objects.get(mentor=holder)
    assert link.end == timezone.localdate()
    assert SupervisorProfile.objects.filter(user=supervisor).exists()  # someone else's profile


def test_erasing_a_supervisor_keeps_their_supervisees_records(holder, coordinator):
    supervisor = holder.supervisor
    privacy.person_erase(person_id=supervisor.pk, actor=coordinator, reason="Request")
    assert not SupervisorProfile.objects.filter(user=supervisor).exists()
    assert PracticeLog.objects.get(mentor=holder, reflection="We talked about her sister.")
    assert holder.certificates.get().status == CertificateStatus.ACTIVE


def test_verification_of_an_erased_holders_certificate(client, holder, coordinator):
    certificate = holder.certificates.get()
    name = certificate.holder_name
    privacy.person_erase(person_id=holder.pk, actor=coordinator, reason="Request")
    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert name not in page and "Hana" not in page
    assert "Erased on request" in page
    assert "no longer valid" in page
    assert certificate.serial in page
    data = client.get(f"/verify/{certificate.verification_code}.json").json()
    assert data["status"] == "revoked"
    assert data["holder"] is None and data["holder_erased"] is True
    assert data["credential"] is None
    assert client.get(f"/credentials/{certificate.verification_code}.json").status_code == 404


def test_an_erased_person_is_never_certified_again(holder, coordinator):
    programme = holder.certificates.get().programme
    privacy.person_erase(person_id=holder.pk, actor=coordinator, reason="Request")
    qualify(holder, programme, on=timezone.localdate() + datetime.timedelta(days=1))
    assert services.certificate_issue_if_eligible(mentor_id=holder.pk, programme=programme) is None
    assert not Certificate.objects.filter(holder=holder, status="active").exists()


def test_erasing_a_supervisor_hands_waiting_logs_back_to_be_resubmitted(coordinator):
    """A log waiting for an erased supervisor would wait for ever: it goes back to its mentor,
    and resubmitting it finds the new supervisor, never the erased one."""
    from tests.factories.certification import SupervisionLinkFactory

    old = SupervisionLinkFactory()
    mentor, erased = old.mentor, old.supervisor
    draft = PracticeLogFactory(mentor=mentor, supervisor=erased, status=PracticeLog.Status.DRAFT)
    waiting = services.practice_log_submit(log=draft, actor=mentor)
    assert waiting.supervisor == erased

    outcome = privacy.person_erase(person_id=erased.pk, actor=coordinator, reason="Left")
    waiting.refresh_from_db()
    assert waiting.status == PracticeLog.Status.CHANGES_REQUESTED
    assert "no longer available" in waiting.events.last().comment
    assert outcome.counts["certification"]["supervisee_logs_handed_back"] == 1

    with pytest.raises(Exception, match="no supervisor"):  # the erased one routes nothing
        services.practice_log_submit(log=waiting, actor=mentor)
    new = SupervisionLinkFactory(mentor=mentor, start=old.start)
    resubmitted = services.practice_log_submit(log=waiting, actor=mentor)
    assert resubmitted.status == PracticeLog.Status.SUBMITTED
    assert resubmitted.supervisor == new.supervisor


def test_an_erased_mentor_can_write_no_practice_log(holder, coordinator):
    from django.core.exceptions import ValidationError

    from courses.models import Competency

    privacy.person_erase(person_id=holder.pk, actor=coordinator, reason="Request")
    holder.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        services.practice_log_create(
            mentor=holder,
            session_date=timezone.localdate() - datetime.timedelta(days=2),
            duration_minutes=30,
            setting=PracticeLog.Setting.ROLE_PLAY,
            competencies=list(Competency.objects.all()[:1]),
            reflection="Practised open questions.",
        )
