"""The matching app's part of export and erasure: an erased person can no longer mentor."""

import json

import pytest
from rest_framework.authtoken.models import Token

from cms import privacy
from matching import services
from matching.models import Assignment, AssignmentEvent, AssignmentStatus, MentorProfile
from tests.concurrency import run_together
from tests.factories import MenteeFactory, MentorProfileFactory


@pytest.fixture
def assigned(certified, mentee, coordinator):
    MentorProfileFactory(user=certified, languages="en")
    return services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)


def test_export_holds_matching_details_and_assignments_but_no_mentee_or_token(
    assigned, certified, coordinator
):
    Token.objects.create(user=certified)
    export = privacy.person_export(user=certified)["matching"]
    assert export["mentor_profile"][0]["languages"] == "en"
    assert export["assignments"][0]["status"] == "active"
    assert export["assignments"][0]["history"][0]["event"] == "created"
    assert list(export["api_token"][0]) == ["created"]
    text = json.dumps(privacy.person_export(user=certified), default=str)
    assert "M-KESTREL" not in text
    assert Token.objects.get(user=certified).key not in text
    assert coordinator.username not in text and coordinator.email not in text


def test_erasure_flags_active_assignments_and_keeps_their_history(
    assigned, certified, coordinator, django_capture_on_commit_callbacks
):
    Token.objects.create(user=certified)
    with django_capture_on_commit_callbacks(execute=True):
        erasure = privacy.person_erase(person_id=certified.pk, actor=coordinator, reason="Request")
    assigned.refresh_from_db()
    assert assigned.status == AssignmentStatus.NEEDS_REVIEW
    assert "erased" in assigned.review_reason
    assert assigned.mentor_id == certified.pk
    kinds = list(AssignmentEvent.objects.filter(assignment=assigned).values_list("kind", flat=True))
    assert kinds == ["created", "flagged"]
    assert not MentorProfile.objects.filter(user=certified).exists()
    assert not Token.objects.filter(user=certified).exists()
    assert erasure.counts["matching"] == {
        "assignments_flagged": 1,
        "mentor_profiles_deleted": 1,
        "api_tokens_deleted": 1,
    }


def test_the_gate_refuses_an_erased_person(certified, programme, coordinator):
    privacy.person_erase(person_id=certified.pk, actor=coordinator, reason="Request")
    with pytest.raises(services.AssignmentRefused) as refused:
        services.assignment_create(
            mentor=certified, mentee=MenteeFactory(programme=programme), coordinator=coordinator
        )
    requirements = {reason["requirement"] for reason in refused.value.reasons}
    assert "mentor_active" in requirements


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_an_erasure_racing_an_assignment_leaves_no_active_assignment(
    certified, mentee, coordinator, attempt
):
    results = run_together(
        lambda: services.assignment_create(
            mentor=certified.pk, mentee=mentee.pk, coordinator=coordinator
        ),
        lambda: privacy.person_erase(person_id=certified.pk, actor=coordinator, reason="Race"),
    )
    assert not isinstance(results[1], Exception), results[1]
    assert results[0] is None or isinstance(results[0], (Assignment, services.AssignmentRefused))
    # Whichever took the mentor's row lock first: the gate saw an inactive account and refused,
    # or the erasure found the new assignment and flagged it for review.
    assert not Assignment.objects.filter(mentor=certified, status=AssignmentStatus.ACTIVE).exists()
