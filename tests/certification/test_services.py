import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from certification import services
from certification.models import PracticeLog, PracticeLogEvent
from certification.selectors import supervision_link_active
from certification.signals import practice_log_approved
from tests.factories import PracticeLogFactory, SupervisionLinkFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = PracticeLog.Status


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_create_resolves_the_supervisor_linked_on_the_session_date(draft, supervisor):
    assert draft.status == Status.DRAFT
    assert draft.supervisor == supervisor
    assert list(draft.events.values_list("to_status", flat=True)) == [Status.DRAFT]


def test_the_link_active_on_the_date_decides(mentor, supervisor):
    today = timezone.localdate()
    earlier = UserFactory(role="Supervisors")
    SupervisionLinkFactory(
        mentor=mentor,
        supervisor=earlier,
        start=today - datetime.timedelta(days=100),
        end=today - datetime.timedelta(days=50),
    )
    SupervisionLinkFactory(
        mentor=mentor, supervisor=supervisor, start=today - datetime.timedelta(days=49)
    )
    assert (
        supervision_link_active(mentor=mentor, on=today - datetime.timedelta(days=60)).supervisor
        == earlier
    )
    assert supervision_link_active(mentor=mentor, on=today).supervisor == supervisor
    assert supervision_link_active(mentor=mentor, on=today - datetime.timedelta(days=101)) is None


def test_no_supervisor_on_the_date_is_a_clear_error(mentor, log_data):
    mentor.date_joined = timezone.now() - datetime.timedelta(days=30)
    mentor.save(update_fields=["date_joined"])
    with pytest.raises(ValidationError) as excinfo:
        services.practice_log_create(mentor=mentor, **log_data)
    assert "ask your coordinator" in errors_of(excinfo)["session_date"][0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration_minutes", 4, "between 5 and 720"),
        ("duration_minutes", 721, "between 5 and 720"),
        ("session_date", timezone.localdate() + datetime.timedelta(days=1), "future"),
        ("session_date", timezone.localdate() - datetime.timedelta(days=400), "before you joined"),
        ("competencies", [], "at least one competency"),
        ("reflection", "x" * 4001, "4000 characters"),
        ("reflection", "   ", "short reflection"),
        ("reflection", "My mentee's number is 07700 900123.", "my mentee"),
    ],
)
def test_bad_input_is_refused_with_a_field_error(link, mentor, log_data, field, value, message):
    with pytest.raises(ValidationError) as excinfo:
        services.practice_log_create(mentor=mentor, **{**log_data, field: value})
    assert message in " ".join(errors_of(excinfo)[field])
    assert not PracticeLog.objects.exists()


def test_the_database_refuses_durations_out_of_range(link, mentor, supervisor):
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeLogFactory(mentor=mentor, supervisor=supervisor, duration_minutes=721)


def test_the_database_refuses_a_link_ending_before_it_starts(mentor, supervisor):
    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        SupervisionLinkFactory(
            mentor=mentor,
            supervisor=supervisor,
            start=today,
            end=today - datetime.timedelta(days=1),
        )


def test_submitting_twice_records_one_event_and_one_email(
    draft, mentor, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_log_submit(log=draft, actor=mentor)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_log_submit(log=draft, actor=mentor)
    assert draft.events.filter(to_status=Status.SUBMITTED).count() == 1
    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    assert mentor.public_name in mail.outbox[0].subject


def test_review_flow_with_changes_requested_then_approved(
    submitted, mentor, supervisor, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, log_id, mentor_id, **kwargs):
        received.append((log_id, mentor_id))

    practice_log_approved.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.practice_log_request_changes(
                log=submitted, reviewer=supervisor, comment="Say what you would change."
            )
        log = PracticeLog.objects.get(pk=submitted.pk)
        assert log.status == Status.CHANGES_REQUESTED
        assert mail.outbox[-1].to == [mentor.email]
        assert "Say what you would change." in mail.outbox[-1].body
        assert "Clinical psychologist" in mail.outbox[-1].body
        services.practice_log_update(
            log=log,
            actor=mentor,
            session_date=log.session_date,
            duration_minutes=50,
            setting="shadowing",
            competencies=list(log.competencies.all()),
            reflection="Next time I will pause before answering.",
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.practice_log_submit(log=log, actor=mentor)
        with django_capture_on_commit_callbacks(execute=True):
            services.practice_log_approve(log=log, reviewer=supervisor, comment="Well done.")
    finally:
        practice_log_approved.disconnect(receiver)
    log.refresh_from_db()
    assert (log.status, log.reviewer, log.duration_minutes) == (Status.APPROVED, supervisor, 50)
    assert log.reviewed_at is not None
    assert list(log.events.values_list("from_status", "to_status")) == [
        ("", Status.DRAFT),
        (Status.DRAFT, Status.SUBMITTED),
        (Status.SUBMITTED, Status.CHANGES_REQUESTED),
        (Status.CHANGES_REQUESTED, Status.SUBMITTED),
        (Status.SUBMITTED, Status.APPROVED),
    ]
    assert received == [(log.pk, mentor.pk)]
    assert len(mail.outbox) == 4  # submitted, changes requested, resubmitted, approved
    assert "Approved" in mail.outbox[-1].subject


@pytest.mark.parametrize(
    "decide", [services.practice_log_request_changes, services.practice_log_reject]
)
def test_request_changes_and_reject_need_a_comment(submitted, supervisor, decide):
    with pytest.raises(ValidationError) as excinfo:
        decide(log=submitted, reviewer=supervisor, comment="  ")
    assert "comment" in errors_of(excinfo)
    assert PracticeLog.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_only_the_logs_supervisor_may_review(submitted):
    other = UserFactory(role="Supervisors")
    with pytest.raises(PermissionDenied):
        services.practice_log_approve(log=submitted, reviewer=other)
    assert not submitted.events.filter(to_status=Status.APPROVED).exists()


def test_a_supervisor_cannot_review_their_own_log(supervisor, competency):
    own = PracticeLogFactory(mentor=supervisor, supervisor=UserFactory(), competencies=[competency])
    with pytest.raises(PermissionDenied):
        services.practice_log_approve(log=own, reviewer=supervisor)


def test_a_log_mentor_and_supervisor_cannot_be_the_same_person(supervisor):
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeLogFactory(mentor=supervisor, supervisor=supervisor)


@pytest.mark.parametrize("final", [Status.APPROVED, Status.REJECTED])
def test_approved_and_rejected_logs_are_immutable(submitted, mentor, supervisor, log_data, final):
    decide = (
        services.practice_log_approve if final == Status.APPROVED else services.practice_log_reject
    )
    decide(log=submitted, reviewer=supervisor, comment="Decided.")
    with pytest.raises(ValidationError):
        services.practice_log_update(log=submitted, actor=mentor, **log_data)
    with pytest.raises(ValidationError):
        services.practice_log_submit(log=submitted, actor=mentor)
    with pytest.raises(ValidationError):
        services.practice_log_request_changes(log=submitted, reviewer=supervisor, comment="again")
    log = PracticeLog.objects.get(pk=submitted.pk)
    assert log.status == final
    assert log.events.count() == 3


def test_a_submitted_log_cannot_be_edited(submitted, mentor, log_data):
    with pytest.raises(ValidationError):
        services.practice_log_update(log=submitted, actor=mentor, **log_data)


def test_another_mentor_cannot_edit_or_submit(draft, log_data):
    other = UserFactory(role="Mentors")
    with pytest.raises(PermissionDenied):
        services.practice_log_update(log=draft, actor=other, **log_data)
    with pytest.raises(PermissionDenied):
        services.practice_log_submit(log=draft, actor=other)


def test_notification_tasks_send_each_email_once(submitted, supervisor):
    from certification.tasks import notify_supervisor_of_submission

    event = PracticeLogEvent.objects.get(log=submitted, to_status=Status.SUBMITTED)
    assert len(mail.outbox) == 1
    assert notify_supervisor_of_submission(event_id=event.pk) is False
    assert notify_supervisor_of_submission(event_id=0) is False
    assert len(mail.outbox) == 1
