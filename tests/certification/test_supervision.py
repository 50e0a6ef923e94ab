"""Supervisors are qualified people (issue 13, point 4): who may be a supervisor, overlapping
links, qualifications a programme asks for, stuck logs (reassign, withdraw), the privacy guard on
supervisor comments, and deleting a supervision link."""

import datetime
import time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from certification import selectors, services
from certification.models import PracticeLog, SupervisionLink, SupervisorProfile
from certification.signals import supervision_link_in_use
from tests.concurrency import outcomes, run_together
from tests.factories import (
    PracticeLogFactory,
    SupervisionLinkFactory,
    SupervisorProfileFactory,
    UserFactory,
)
from tests.factories.certificates import EndorsementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
Status = PracticeLog.Status
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def new_link(**fields) -> SupervisionLink:
    return services.supervision_link_save(link=SupervisionLink(**fields))


# --- 1. Who may be chosen as a supervisor; overlapping links -----------------------------------


def test_an_active_supervisor_and_an_active_mentor_make_a_link(mentor, supervisor):
    link = new_link(supervisor=supervisor, mentor=mentor, start=TODAY())
    assert link.pk and selectors.supervision_link_active(mentor=mentor, on=TODAY()) == link


@pytest.mark.parametrize(
    "who",
    ["mentor_in_training", "trainer", "deactivated_supervisor", "coordinator"],
)
def test_only_an_active_member_of_supervisors_can_supervise(mentor, who):
    candidate = {
        "mentor_in_training": lambda: UserFactory(role="Mentors"),
        "trainer": lambda: UserFactory(role="Trainers"),
        "deactivated_supervisor": lambda: UserFactory(role="Supervisors", is_active=False),
        "coordinator": lambda: UserFactory(role="Coordinators"),
    }[who]()
    with pytest.raises(ValidationError) as excinfo:
        new_link(supervisor=candidate, mentor=mentor, start=TODAY())
    assert "supervisor" in excinfo.value.message_dict
    assert "not an active member of Supervisors" in messages_of(excinfo)
    assert not SupervisionLink.objects.exists()


def test_only_an_active_mentor_can_be_supervised(supervisor):
    for mentee in (UserFactory(role="Trainers"), UserFactory(role="Mentors", is_active=False)):
        with pytest.raises(ValidationError) as excinfo:
            new_link(supervisor=supervisor, mentor=mentee, start=TODAY())
        assert "not an active member of Mentors" in excinfo.value.message_dict["mentor"][0]


def test_self_supervision_and_reversed_dates_are_refused(supervisor):
    supervisor.groups.add(*UserFactory(role="Mentors").groups.all())
    with pytest.raises(ValidationError, match="cannot supervise themselves"):
        new_link(supervisor=supervisor, mentor=supervisor, start=TODAY())
    mentor = UserFactory(role="Mentors")
    with pytest.raises(ValidationError, match="end date cannot be before"):
        new_link(supervisor=supervisor, mentor=mentor, start=TODAY(), end=TODAY() - DAY)


def test_a_departed_supervisors_link_can_still_be_ended(mentor, supervisor):
    """Ending is how a coordinator closes a link to someone who left: the role check applies to
    whom a link names, not to dating an existing link."""
    link = new_link(supervisor=supervisor, mentor=mentor, start=TODAY() - 30 * DAY)
    supervisor.is_active = False
    supervisor.save()
    link.end = TODAY() - DAY
    services.supervision_link_save(link=link)
    link.refresh_from_db()
    assert link.end == TODAY() - DAY
    link.supervisor = UserFactory(role="Mentors")
    with pytest.raises(ValidationError, match="not an active member of Supervisors"):
        services.supervision_link_save(link=link)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (-5, None),  # starts inside the open link
        (-400, -300),  # ends inside the open link's period
        (-400, None),  # covers it entirely
        (-200, -200),  # one day inside
    ],
)
def test_overlapping_links_for_one_mentor_are_refused_naming_the_other(
    mentor, supervisor, start, end
):
    new_link(supervisor=supervisor, mentor=mentor, start=TODAY() - 365 * DAY)
    other = UserFactory(role="Supervisors", first_name="Olga", last_name="Other")
    with pytest.raises(ValidationError) as excinfo:
        new_link(
            supervisor=other,
            mentor=mentor,
            start=TODAY() + start * DAY,
            end=None if end is None else TODAY() + end * DAY,
        )
    message = messages_of(excinfo)
    assert supervisor.public_name in message
    assert str((TODAY() - 365 * DAY).year) in message
    assert "End that link first" in message
    assert SupervisionLink.objects.filter(mentor=mentor).count() == 1


def test_adjacent_links_and_other_mentors_do_not_overlap(mentor, supervisor):
    first = new_link(
        supervisor=supervisor, mentor=mentor, start=TODAY() - 100 * DAY, end=TODAY() - 51 * DAY
    )
    second = new_link(
        supervisor=UserFactory(role="Supervisors"), mentor=mentor, start=first.end + DAY
    )
    new_link(supervisor=supervisor, mentor=UserFactory(role="Mentors"), start=TODAY() - 100 * DAY)
    # Editing a link never collides with itself.
    second.end = TODAY() + 10 * DAY
    services.supervision_link_save(link=second)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_links_saved_at_once_end_with_one(monkeypatch):
    mentor = UserFactory(role="Mentors")
    first, second = UserFactory(role="Supervisors"), UserFactory(role="Supervisors")
    # Widen the window between the check and the write, so that without the mentor's row lock
    # both saves would pass the overlap check before either commits.
    full_clean = SupervisionLink.full_clean

    def slow_full_clean(self, *args, **kwargs):
        full_clean(self, *args, **kwargs)
        time.sleep(0.5)

    monkeypatch.setattr(SupervisionLink, "full_clean", slow_full_clean)

    def save(supervisor):
        return lambda: new_link(supervisor=supervisor, mentor=mentor, start=TODAY())

    results = run_together(save(first), save(second))
    assert outcomes(results, refused=ValidationError) == ["ok", "refused"]
    assert SupervisionLink.objects.filter(mentor=mentor).count() == 1


def test_the_chooser_lists_only_active_supervisors_and_mentors(mentor, supervisor):
    UserFactory(role="Supervisors", is_active=False)
    trainee = UserFactory(role="Mentors")
    UserFactory(role="Mentors", is_active=False)
    assert list(selectors.supervisors_available()) == [supervisor]
    assert set(selectors.mentors_available()) == {mentor, trainee}


# --- 2. Qualifications a programme may ask for ------------------------------------------------


@pytest.fixture
def strict_programme(db):
    return ProgrammeFactory(supervisor_qualification_required=True, supervisor_min_years=3)


def profile_for(user, **fields) -> SupervisorProfile:
    defaults = {"qualification_expires": TODAY() + 365 * DAY, "years_supervising": 5}
    return SupervisorProfileFactory(user=user, **{**defaults, **fields})


def test_a_recorded_in_date_qualification_qualifies(supervisor, strict_programme):
    profile_for(supervisor)
    assert (
        selectors.supervisor_qualification_problems(
            supervisor=supervisor, programme=strict_programme, on=TODAY()
        )
        == []
    )


def test_a_qualification_without_expiry_does_not_expire(supervisor, strict_programme):
    profile_for(supervisor, qualification_expires=None)
    assert not selectors.supervisor_qualification_problems(
        supervisor=supervisor, programme=strict_programme, on=TODAY()
    )


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (None, "No supervisor qualification is on record"),
        ({"qualification": ""}, "No supervisor qualification is on record"),
        ({"credential_id": ""}, "no identifier"),
        ({"qualification_expires": datetime.date(2020, 5, 3)}, "expired on 3 May 2020"),
        ({"years_supervising": 2}, "at least 3 years"),
    ],
)
def test_why_a_supervisor_is_not_qualified(supervisor, strict_programme, fields, reason):
    if fields is not None:
        profile_for(supervisor, **fields)
    problems = selectors.supervisor_qualification_problems(
        supervisor=supervisor, programme=strict_programme, on=TODAY()
    )
    assert len(problems) == 1 and reason in problems[0]


def test_the_expiry_day_itself_still_counts(supervisor, strict_programme):
    profile_for(supervisor, qualification_expires=TODAY())
    on = TODAY()
    args = {"supervisor": supervisor, "programme": strict_programme}
    assert not selectors.supervisor_qualification_problems(**args, on=on)
    assert selectors.supervisor_qualification_problems(**args, on=on + DAY)


def test_a_programme_without_the_requirement_asks_nothing(supervisor):
    relaxed = ProgrammeFactory()
    assert not selectors.supervisor_qualification_problems(
        supervisor=supervisor, programme=relaxed, on=TODAY()
    )


def test_approval_by_an_unqualified_supervisor_is_refused_with_the_reason(
    submitted, supervisor, strict_programme
):
    SupervisorProfile.objects.filter(user=supervisor).update(
        qualification_expires=datetime.date(2026, 5, 3), years_supervising=5
    )
    with pytest.raises(ValidationError) as excinfo:
        services.practice_log_approve(log=submitted, reviewer=supervisor)
    message = messages_of(excinfo)
    assert "expired on 3 May 2026" in message
    assert "ask a coordinator to update your supervisor profile" in message.lower()
    with pytest.raises(ValidationError, match="expired on 3 May 2026"):
        services.practice_log_reject(log=submitted, reviewer=supervisor, comment="Not enough.")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    # Asking for changes is not a sign-off: it hands the log back to the mentor.
    services.practice_log_request_changes(
        log=submitted, reviewer=supervisor, comment="Add what you practised."
    )


def test_inactive_programmes_do_not_bind_sign_offs(submitted, supervisor, strict_programme):
    strict_programme.is_active = False
    strict_programme.save()
    SupervisorProfile.objects.filter(user=supervisor).update(qualification="")
    assert services.practice_log_approve(log=submitted, reviewer=supervisor).status == "approved"


def test_a_qualified_supervisor_signs_off(submitted, supervisor, strict_programme):
    SupervisorProfile.objects.filter(user=supervisor).update(
        qualification_expires=TODAY() + DAY, years_supervising=3
    )
    assert services.practice_log_approve(log=submitted, reviewer=supervisor).status == "approved"


def test_a_supervisor_who_left_the_role_cannot_decide(submitted, supervisor):
    supervisor.groups.clear()
    with pytest.raises(ValidationError, match="no longer an active supervisor"):
        services.practice_log_request_changes(
            log=submitted, reviewer=supervisor, comment="Please add detail."
        )


def test_endorsement_by_an_unqualified_supervisor_is_refused(
    link, mentor, supervisor, strict_programme
):
    SupervisorProfile.objects.filter(user=supervisor).update(years_supervising=1)
    with pytest.raises(services.CertificateError) as excinfo:
        services.endorsement_give(mentor=mentor, programme=strict_programme, supervisor=supervisor)
    assert "at least 3 years" in messages_of(excinfo)
    SupervisorProfile.objects.filter(user=supervisor).update(years_supervising=3)
    services.endorsement_give(mentor=mentor, programme=strict_programme, supervisor=supervisor)


def test_an_endorsement_statement_passes_the_privacy_guard(link, mentor, supervisor):
    programme = ProgrammeFactory()
    with pytest.raises(services.CertificateError, match="phone number"):
        services.endorsement_give(
            mentor=mentor,
            programme=programme,
            supervisor=supervisor,
            statement="Call her mentee on 07700 900123 to confirm.",
        )


# --- 5. Supervisor comments pass the privacy guard ---------------------------------------------


@pytest.mark.parametrize(
    ("decide", "comment", "kind"),
    [
        (services.practice_log_approve, "Well done. Mentee is at jo@example.org.", "e-mail"),
        (services.practice_log_request_changes, "Ring +44 7700 900123 next time.", "phone"),
        (services.practice_log_reject, "Their number is 0161 496 0000.", "phone"),
    ],
)
def test_review_comments_with_contact_details_are_refused(
    submitted, supervisor, decide, comment, kind
):
    with pytest.raises(ValidationError) as excinfo:
        decide(log=submitted, reviewer=supervisor, comment=comment)
    assert kind in excinfo.value.message_dict["comment"][0]
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and submitted.review_comment == ""


def test_ordinary_review_comments_pass(submitted, supervisor):
    services.practice_log_approve(
        log=submitted, reviewer=supervisor, comment="Good 45 minutes on 12/03/2025, module 3."
    )


# --- 3. A coordinator reassigns a departed supervisor's pending logs ---------------------------


@pytest.fixture
def departed(submitted, mentor, supervisor):
    """The supervisor left: account deactivated, their link ended; a successor took over."""
    supervisor.is_active = False
    supervisor.save()
    SupervisionLink.objects.filter(mentor=mentor).update(end=TODAY() - 2 * DAY)
    successor = UserFactory(role="Supervisors", first_name="Sam", last_name="Successor")
    SupervisorProfileFactory(user=successor)
    SupervisionLinkFactory(mentor=mentor, supervisor=successor, start=TODAY() - DAY)
    return successor


def test_stuck_logs_are_listed_for_reassignment(submitted, departed, supervisor):
    other = PracticeLogFactory(status=Status.SUBMITTED)
    SupervisionLinkFactory(mentor=other.mentor, supervisor=other.supervisor)
    rows = list(selectors.practice_logs_to_reassign(on=TODAY()))
    assert [log.pk for log in rows] == [submitted.pk]
    assert rows[0].current_supervisor == departed


def test_reassign_moves_the_log_records_it_and_emails_the_new_supervisor(
    submitted, departed, supervisor, coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        log = services.practice_log_reassign(log=submitted, actor=coordinator)
    assert log.supervisor == departed and log.status == Status.SUBMITTED
    event = log.events.last()
    assert event.actor == coordinator
    assert supervisor.public_name in event.comment and departed.public_name in event.comment
    assert [m.to for m in mail.outbox] == [[departed.email]]
    assert "passed it to you" in mail.outbox[0].body
    assert list(selectors.practice_logs_to_reassign(on=TODAY())) == []
    services.practice_log_approve(log=log, reviewer=departed)


def test_reassign_refusals(submitted, supervisor, mentor, coordinator):
    # The log already waits for the mentor's current supervisor.
    with pytest.raises(ValidationError, match="already waits"):
        services.practice_log_reassign(log=submitted, actor=coordinator)
    # Only coordinators reassign.
    with pytest.raises(PermissionDenied):
        services.practice_log_reassign(log=submitted, actor=supervisor)
    # Nobody to hand it to: the mentor has no supervisor today.
    SupervisionLink.objects.filter(mentor=mentor).update(end=TODAY() - DAY)
    with pytest.raises(ValidationError, match="no supervisor today"):
        services.practice_log_reassign(log=submitted, actor=coordinator)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.APPROVED, Status.CHANGES_REQUESTED])
def test_only_submitted_logs_are_reassigned(submitted, departed, supervisor, coordinator, status):
    log = PracticeLogFactory(mentor=submitted.mentor, supervisor=supervisor, status=status)
    with pytest.raises(ValidationError, match="only a submitted log"):
        services.practice_log_reassign(log=log, actor=coordinator)


# --- 4. A mentor withdraws a log nobody can review ---------------------------------------------


def test_a_log_whose_supervisor_left_can_be_withdrawn_and_resubmitted(
    submitted, departed, mentor, django_capture_on_commit_callbacks
):
    reasons = selectors.practice_log_review_blocked(log=submitted, on=TODAY())
    assert reasons and "no longer an active supervisor" in reasons[0]
    log = services.practice_log_withdraw(log=submitted, actor=mentor)
    assert log.status == Status.DRAFT
    event = log.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        Status.SUBMITTED,
        Status.DRAFT,
        mentor,
    )
    assert "no longer an active supervisor" in event.comment
    with django_capture_on_commit_callbacks(execute=True):
        log = services.practice_log_submit(log=log, actor=mentor)
    assert log.supervisor == departed and log.status == Status.SUBMITTED
    # History is kept: draft, submitted, withdrawn to draft, submitted again.
    assert list(log.events.values_list("to_status", flat=True)) == [
        "draft",
        "submitted",
        "draft",
        "submitted",
    ]


def test_a_log_someone_can_still_review_cannot_be_withdrawn(submitted, mentor):
    assert selectors.practice_log_review_blocked(log=submitted, on=TODAY()) == []
    with pytest.raises(ValidationError, match="can still review"):
        services.practice_log_withdraw(log=submitted, actor=mentor)


def test_withdraw_refusals(draft, submitted, departed, supervisor):
    with pytest.raises(PermissionDenied):
        services.practice_log_withdraw(log=submitted, actor=UserFactory(role="Mentors"))
    approved = PracticeLogFactory(mentor=submitted.mentor, supervisor=supervisor, status="approved")
    with pytest.raises(ValidationError, match="only a submitted log"):
        services.practice_log_withdraw(log=approved, actor=submitted.mentor)


def test_an_unqualified_supervisors_log_can_be_withdrawn(submitted, supervisor, mentor):
    ProgrammeFactory(supervisor_qualification_required=True)
    SupervisorProfile.objects.filter(user=supervisor).update(qualification_expires=TODAY() - DAY)
    assert "expired" in selectors.practice_log_review_blocked(log=submitted, on=TODAY())[0]
    assert services.practice_log_withdraw(log=submitted, actor=mentor).status == Status.DRAFT
    # Nobody else can sign it off either: submitting again says why, and keeps it a draft.
    with pytest.raises(ValidationError, match="expired"):
        services.practice_log_submit(log=submitted, actor=mentor)


# --- 6. Deleting a supervision link ------------------------------------------------------------


def test_a_link_with_no_history_may_be_deleted(mentor, supervisor):
    link = new_link(supervisor=supervisor, mentor=mentor, start=TODAY() + 7 * DAY)
    assert selectors.supervision_link_history(link=link) == []
    services.supervision_link_delete(link=link)
    assert not SupervisionLink.objects.exists()


def test_a_link_with_practice_logs_is_ended_not_deleted(draft, mentor):
    link = SupervisionLink.objects.get(mentor=mentor)
    with pytest.raises(ValidationError) as excinfo:
        services.supervision_link_delete(link=link)
    assert "practice log" in messages_of(excinfo)
    assert "set an end date instead" in messages_of(excinfo)
    assert SupervisionLink.objects.filter(pk=link.pk).exists()


def test_a_link_with_an_endorsement_is_ended_not_deleted(link, mentor, supervisor):
    EndorsementFactory(mentor=mentor, supervisor=supervisor)
    with pytest.raises(ValidationError, match="endorsement"):
        services.supervision_link_delete(link=link)


def test_a_link_something_downstream_relies_on_is_ended_not_deleted(link):
    def in_use(sender, *, link, **kwargs):
        return ["an open assignment relies on it"]

    supervision_link_in_use.connect(in_use, dispatch_uid="test_in_use")
    try:
        with pytest.raises(ValidationError, match="an open assignment relies on it"):
            services.supervision_link_delete(link=link)
    finally:
        supervision_link_in_use.disconnect(dispatch_uid="test_in_use")
    assert SupervisionLink.objects.filter(pk=link.pk).exists()
