"""Assignment decisions reach Wagtail's audit log: create, flag, review cleared, reactivated,
ended, with the event's actor (the system for the lapse flow-through) and no names."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from certification import services as certification_services
from certification.models import Certificate
from matching import audit, services
from matching.models import Assignment, AssignmentEvent, AssignmentEventKind

pytestmark = pytest.mark.django_db


def entries(assignment, action=None):
    queryset = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Assignment), object_id=str(assignment.pk)
    )
    return queryset.filter(action=action) if action else queryset


@pytest.fixture
def assignment(certified, mentee, coordinator):
    return services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)


def test_an_assignment_through_the_gate_is_logged_as_its_coordinator(assignment, coordinator):
    entry = entries(assignment, "pma.assignment.create").get()
    event = assignment.events.get()
    assert entry.user == coordinator
    assert entry.label == f"Assignment {assignment.pk}"
    assert entry.data == {"event": event.pk, "kind": "created"}
    assert entry.timestamp == event.at


def test_a_revocation_flags_the_assignment_as_the_system(
    assignment, coordinator, django_capture_on_commit_callbacks
):
    certificate = Certificate.objects.get(holder=assignment.mentor)
    with django_capture_on_commit_callbacks(execute=True):
        certification_services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Boundary breach."
        )
    flag = entries(assignment, "pma.assignment.flag").get()
    assert AssignmentEvent.objects.get(kind="flagged").actor is None
    assert flag.user is None  # the system, though a coordinator revoked


def test_clearing_and_ending_are_logged_as_the_coordinator(
    client, assignment, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        services.assignment_flag_for_review(assignment_id=assignment.pk, reason="Please check")
    assert entries(assignment, "pma.assignment.flag").get().user is None
    client.force_login(coordinator)
    url = reverse("matching_assignment:edit", args=[assignment.pk])
    client.post(url, {"decision": "continue", "reason": "Checked"})
    client.post(url, {"decision": "end", "reason": "Done"})
    assert entries(assignment, "pma.assignment.clear_review").get().user == coordinator
    assert entries(assignment, "pma.assignment.end").get().user == coordinator

    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    for message in (
        "Assignment created through the gate",
        "Assignment flagged for coordinator review",
        "Assignment review cleared: it continues",
        "Assignment ended",
    ):
        assert message in html
    assert f"Assignment {assignment.pk}" in html
    assert "M-KESTREL" not in html  # the mentee's code name stays on the assignment's page


@pytest.mark.parametrize("kind", AssignmentEventKind.values)
def test_every_assignment_event_kind_reaches_the_log(assignment, coordinator, kind):
    event = AssignmentEvent.objects.create(
        assignment=assignment, kind=kind, actor=coordinator, at=timezone.now()
    )
    entry = entries(assignment).get(data__event=event.pk)
    assert entry.action == audit.ASSIGNMENT_ACTIONS[kind]
    assert entry.user == coordinator


def test_every_assignment_event_kind_maps_to_a_registered_action():
    assert set(audit.ASSIGNMENT_ACTIONS) == set(AssignmentEventKind.values)
    assert set(audit.ASSIGNMENT_ACTIONS.values()) == set(audit.ACTIONS)
    for action in audit.ACTIONS:
        assert log_registry.action_exists(action), action


def test_writing_one_event_costs_a_bounded_number_of_queries(
    assignment, coordinator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        AssignmentEvent.objects.create(
            assignment=assignment, kind="flagged", actor=coordinator, at=timezone.now()
        )
