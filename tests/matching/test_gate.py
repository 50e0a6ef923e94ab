"""The gate: every refusal reason, creation, review and ending."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from certification import services as certification
from certification.models import SupervisionLink
from matching import services
from matching.models import Assignment, AssignmentEvent, AssignmentStatus
from tests.factories import MenteeFactory, MentorProfileFactory, UserFactory
from tests.factories.certificates import ProgrammeFactory

pytestmark = pytest.mark.django_db


def reasons_of(call) -> list[str]:
    with pytest.raises(services.AssignmentRefused) as refused:
        call()
    return [reason["requirement"] for reason in refused.value.reasons]


def test_a_certified_supervised_mentor_is_assigned_with_an_event(certified, mentee, coordinator):
    assignment = services.assignment_create(
        mentor=certified, mentee=mentee, coordinator=coordinator
    )
    assert assignment.status == AssignmentStatus.ACTIVE
    assert assignment.start == timezone.localdate()
    event = AssignmentEvent.objects.get(assignment=assignment)
    assert (event.kind, event.actor) == ("created", coordinator)


def test_a_mentor_without_certificate_is_refused_with_what_is_left(mentee, coordinator):
    mentor = UserFactory(role="Mentors")
    codes = reasons_of(
        lambda: services.assignment_create(mentor=mentor, mentee=mentee, coordinator=coordinator)
    )
    assert codes[0] == "certificate"
    assert {"practice_total", "endorsement", "supervision"} <= set(codes)
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("change", ["suspend", "revoke"])
def test_a_suspended_or_revoked_certificate_is_refused(certified, mentee, coordinator, change):
    certificate = certified.certificates.get()
    getattr(certification, f"certificate_{change}")(
        certificate_id=certificate.pk, actor=coordinator, reason="Concern raised"
    )
    with pytest.raises(services.AssignmentRefused) as refused:
        services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)
    first = refused.value.reasons[0]
    assert first["requirement"] == "certificate"
    assert certificate.serial in first["detail"]


def test_a_start_after_the_certificate_ends_is_refused(certified, mentee, coordinator):
    certificate = certified.certificates.get()
    later = certificate.grace_until + datetime.timedelta(days=1)
    codes = reasons_of(
        lambda: services.assignment_create(
            mentor=certified, mentee=mentee, coordinator=coordinator, start=later
        )
    )
    assert codes[0] == "certificate"


def test_no_active_supervision_link_is_refused(certified, mentee, coordinator):
    SupervisionLink.objects.filter(mentor=certified).update(
        end=timezone.localdate() - datetime.timedelta(days=1),
        start=timezone.localdate() - datetime.timedelta(days=30),
    )
    codes = reasons_of(
        lambda: services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)
    )
    assert codes == ["supervision"]


def test_capacity_counts_active_and_needs_review(certified, programme, coordinator):
    MentorProfileFactory(user=certified, capacity=2)
    first, second, third = MenteeFactory.create_batch(3, programme=programme)
    services.assignment_create(mentor=certified, mentee=first, coordinator=coordinator)
    flagged = services.assignment_create(mentor=certified, mentee=second, coordinator=coordinator)
    services.assignment_flag_for_review(assignment_id=flagged.pk, reason="Check")
    codes = reasons_of(
        lambda: services.assignment_create(mentor=certified, mentee=third, coordinator=coordinator)
    )
    assert codes == ["capacity"]


def test_not_accepting_and_inactive_mentor_are_refused(certified, mentee, coordinator):
    MentorProfileFactory(user=certified, accepting_new=False)
    certified.is_active = False
    certified.save(update_fields=["is_active"])
    codes = reasons_of(
        lambda: services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)
    )
    assert codes == ["mentor_active", "accepting_new"]


def test_a_mentee_already_assigned_or_inactive_is_refused(certified, programme, coordinator):
    other = UserFactory(role="Mentors")
    from tests.factories import certify

    certify(other, programme)
    mentee = MenteeFactory(programme=programme)
    services.assignment_create(mentor=other, mentee=mentee, coordinator=coordinator)
    mentee.is_active = False
    mentee.save(update_fields=["is_active"])
    codes = reasons_of(
        lambda: services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)
    )
    assert codes == ["mentee_active", "mentee_assigned"]


def test_crisis_training_and_languages_are_checked(certified, programme, coordinator):
    MentorProfileFactory(user=certified, languages="en, fr", crisis_trained=False)
    mentee = MenteeFactory(programme=programme, needs_crisis_trained=True, languages="cy")
    codes = reasons_of(
        lambda: services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)
    )
    assert codes == ["crisis_trained", "language"]
    mentee.languages = "FR"
    mentee.needs_crisis_trained = False
    mentee.save()
    assert services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)


def test_the_mentee_programme_decides_which_certificate_counts(certified, coordinator):
    other_programme = ProgrammeFactory(competency_minutes={})
    mentee = MenteeFactory(programme=other_programme)
    codes = reasons_of(
        lambda: services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)
    )
    assert codes[0] == "certificate"


def test_a_start_long_ago_is_a_field_error(certified, mentee, coordinator):
    with pytest.raises(ValidationError) as error:
        services.assignment_create(
            mentor=certified,
            mentee=mentee,
            coordinator=coordinator,
            start=timezone.localdate() - datetime.timedelta(days=2),
        )
    assert "start" in error.value.message_dict


def test_unknown_mentor_or_mentee_is_a_field_error(certified, mentee, coordinator):
    with pytest.raises(ValidationError) as error:
        services.assignment_create(mentor=999_999, mentee=mentee, coordinator=coordinator)
    assert "mentor" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.assignment_create(mentor=certified, mentee=999_999, coordinator=coordinator)
    assert "mentee" in error.value.message_dict


def test_review_continue_passes_the_gate_again(certified, mentee, coordinator):
    assignment = services.assignment_create(
        mentor=certified, mentee=mentee, coordinator=coordinator
    )
    services.assignment_flag_for_review(assignment_id=assignment.pk, reason="Check")
    resolved = services.assignment_review_resolve(
        assignment_id=assignment.pk, actor=coordinator, decision="continue", reason="Fine"
    )
    assert resolved.status == AssignmentStatus.ACTIVE
    assert list(assignment.events.values_list("kind", flat=True)) == [
        "created",
        "flagged",
        "review_cleared",
    ]


def test_review_continue_is_refused_when_the_certificate_lapsed(certified, mentee, coordinator):
    assignment = services.assignment_create(
        mentor=certified, mentee=mentee, coordinator=coordinator
    )
    certification.certificate_revoke(
        certificate_id=certified.certificates.get().pk, actor=coordinator, reason="Misconduct"
    )
    services.assignment_flag_for_review(assignment_id=assignment.pk, reason="Revoked")
    codes = reasons_of(
        lambda: services.assignment_review_resolve(
            assignment_id=assignment.pk, actor=coordinator, decision="continue"
        )
    )
    assert codes == ["certificate", "recertification_allowed"]
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NEEDS_REVIEW
    ended = services.assignment_review_resolve(
        assignment_id=assignment.pk, actor=coordinator, decision="end", reason="Revoked"
    )
    assert (ended.status, ended.end) == (AssignmentStatus.ENDED, timezone.localdate())
    with pytest.raises(ValidationError):
        services.assignment_end(assignment_id=assignment.pk, actor=coordinator)


def test_an_ended_assignment_frees_the_mentee(certified, mentee, coordinator):
    assignment = services.assignment_create(
        mentor=certified, mentee=mentee, coordinator=coordinator
    )
    services.assignment_end(assignment_id=assignment.pk, actor=coordinator, reason="Goals met")
    again = services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)
    assert again.pk != assignment.pk


def test_tokens_only_for_coordinators_and_service_accounts(coordinator, mentor):
    from django.contrib.auth.models import Group

    token = services.api_token_issue(user=coordinator)
    assert services.api_token_issue(user=coordinator).key == token.key
    assert services.api_token_issue(user=coordinator, rotate=True).key != token.key
    with pytest.raises(ValidationError):
        services.api_token_issue(user=mentor)
    mentor.groups.add(Group.objects.get(name="Service accounts"))
    assert services.api_token_issue(user=mentor)
