"""Certification's history reaches Wagtail's audit log: certificate events, practice-log
decisions, endorsements and supervision-link changes, with the right action, actor and object,
readable in Reports → Site history and in an object's History."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import LogContext
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from certification import audit, services
from certification.models import (
    CertificateEvent,
    CertificateEventKind,
    PracticeLog,
    PracticeLogEvent,
    SupervisionLink,
)
from tests.factories import SupervisionLinkFactory, UserFactory, certify
from tests.factories.certificates import ProgrammeFactory

pytestmark = pytest.mark.django_db

Status = PracticeLog.Status


def entries(instance, action=None):
    content_type = ContentType.objects.get_for_model(type(instance))
    queryset = ModelLogEntry.objects.filter(content_type=content_type, object_id=str(instance.pk))
    if action:
        queryset = queryset.filter(action=action)
    return queryset.order_by("timestamp", "pk")


def only_entry(instance, action):
    found = list(entries(instance, action))
    assert len(found) == 1, [entry.action for entry in entries(instance)]
    return found[0]


def site_history(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Certified Peer Mentor")


@pytest.fixture
def certificate(mentor, programme, django_capture_on_commit_callbacks):
    mentor.first_name, mentor.last_name = "Quillon", "Marchbanks"
    mentor.save(update_fields=["first_name", "last_name"])
    with django_capture_on_commit_callbacks(execute=False):
        return certify(mentor, programme)


# --- Certificates ----------------------------------------------------------------------------


def test_an_automatic_issue_is_logged_as_the_system(certificate):
    entry = only_entry(certificate, "pma.certificate.issue")
    event = certificate.events.get(kind=CertificateEventKind.ISSUED)
    assert entry.user is None
    assert entry.label == certificate.serial
    assert entry.timestamp == event.at
    assert entry.data == {"event": event.pk, "kind": "issued"}
    assert entry.message == "Certificate issued"


@pytest.mark.parametrize(
    "steps",
    [
        [("certificate_suspend", "pma.certificate.suspend")],
        [
            ("certificate_suspend", "pma.certificate.suspend"),
            ("certificate_reinstate", "pma.certificate.reinstate"),
        ],
        [("certificate_revoke", "pma.certificate.revoke")],
        [
            ("certificate_revoke", "pma.certificate.revoke"),
            ("certificate_allow_recertification", "pma.certificate.allow_recertification"),
        ],
    ],
    ids=["suspend", "reinstate", "revoke", "allow-recertification"],
)
def test_a_coordinators_decision_is_logged_with_them_as_actor(
    certificate, coordinator, steps, django_capture_on_commit_callbacks
):
    for service, action in steps:
        with django_capture_on_commit_callbacks(execute=False):
            getattr(services, service)(
                certificate_id=certificate.pk, actor=coordinator, reason="A recorded reason."
            )
        entry = entries(certificate, action).last()
        assert entry.user == coordinator
        assert entry.label == certificate.serial
        event = CertificateEvent.objects.get(pk=entry.data["event"])
        assert event.certificate_id == certificate.pk and event.actor == coordinator
        # Free text stays in the domain table, where an erasure can redact it.
        assert "A recorded reason." not in str(entry.data)


def test_the_nightly_expiry_is_logged_as_the_system(
    certificate, django_capture_on_commit_callbacks
):
    later = timezone.now() + datetime.timedelta(days=2000)
    with django_capture_on_commit_callbacks(execute=False):
        assert services.certificate_expire_due(at=later) == [certificate.pk]
    entry = only_entry(certificate, "pma.certificate.expire")
    assert entry.user is None
    assert entry.timestamp == later


def test_a_system_event_in_a_coordinators_request_stays_the_systems(certificate, coordinator):
    """Wagtail's ``log()`` would credit the signed-in user; the domain event says nobody."""
    with LogContext(user=coordinator):
        CertificateEvent.objects.create(
            certificate=certificate, kind=CertificateEventKind.PDF_RENDERED, at=timezone.now()
        )
    assert only_entry(certificate, "pma.certificate.pdf_rendered").user is None


@pytest.mark.parametrize("kind", CertificateEventKind.values)
def test_every_certificate_event_kind_reaches_the_log(certificate, coordinator, kind):
    # One "issued" per certificate (a constraint): the certificate's own is that case.
    event = certificate.events.filter(kind=kind).first() or CertificateEvent.objects.create(
        certificate=certificate,
        kind=kind,
        actor=coordinator,
        at=timezone.now(),
        data={"days_left": 30} if kind.startswith("reminder") else {},
    )
    entry = entries(certificate).filter(data__event=event.pk).get()
    assert entry.action == audit.CERTIFICATE_ACTIONS[kind]
    assert entry.user_id == event.actor_id
    assert entry.message and not entry.message.startswith("Unknown")


def test_a_reminder_says_how_many_days_are_left(certificate):
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=CertificateEventKind.REMINDER_30,
        at=timezone.now(),
        data={"days_left": 30},
    )
    entry = only_entry(certificate, "pma.certificate.reminder")
    assert entry.message == "Expiry reminder sent: 30 days left"


def test_writing_one_event_costs_a_bounded_number_of_queries(
    certificate, coordinator, django_assert_max_num_queries
):
    # The event's insert, then the entry: its insert and Wagtail's checks of its content type
    # and user. ContentType is cached after the first entry.
    with django_assert_max_num_queries(4):
        CertificateEvent.objects.create(
            certificate=certificate,
            kind=CertificateEventKind.SUSPENDED,
            actor=coordinator,
            at=timezone.now(),
        )


def test_an_entry_is_in_the_events_transaction(certificate, coordinator):
    """A domain event that rolls back leaves no entry behind."""
    before = ModelLogEntry.objects.count()
    with pytest.raises(RuntimeError):
        from django.db import transaction

        with transaction.atomic():
            CertificateEvent.objects.create(
                certificate=certificate,
                kind=CertificateEventKind.SUSPENDED,
                actor=coordinator,
                at=timezone.now(),
            )
            assert ModelLogEntry.objects.count() == before + 1
            raise RuntimeError
    assert ModelLogEntry.objects.count() == before


def test_coordinators_read_certificate_decisions_in_site_history(
    client, certificate, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Boundary breach."
        )
    html = site_history(client, coordinator)
    assert certificate.serial in html
    assert "Certificate revoked" in html
    assert "Certificate issued" in html
    # The label names the certificate, never its holder.
    assert "Marchbanks" in certificate.holder_name
    assert "Marchbanks" not in html


def test_superusers_read_a_certificates_history(client, certificate, coordinator):
    services.certificate_suspend(certificate_id=certificate.pk, actor=coordinator, reason="Check.")
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("certificate:history", args=[certificate.pk]))
    assert response.status_code == 200
    assert "Certificate suspended" in response.content.decode()


# --- Practice logs ---------------------------------------------------------------------------


def test_a_draft_and_its_submission_are_logged_as_the_mentor(submitted, mentor):
    assert only_entry(submitted, "pma.practice_log.create").user == mentor
    entry = only_entry(submitted, "pma.practice_log.submit")
    assert entry.user == mentor
    assert entry.label == f"Practice log {submitted.pk}"
    assert entry.data["from"] == Status.DRAFT and entry.data["to"] == Status.SUBMITTED


@pytest.mark.parametrize(
    "service, action",
    [
        ("practice_log_approve", "pma.practice_log.approve"),
        ("practice_log_request_changes", "pma.practice_log.request_changes"),
        ("practice_log_reject", "pma.practice_log.reject"),
    ],
)
def test_a_supervisors_decision_is_logged(
    submitted, supervisor, service, action, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        getattr(services, service)(log=submitted, reviewer=supervisor, comment="Well argued.")
    entry = only_entry(submitted, action)
    assert entry.user == supervisor
    assert "Well argued." not in str(entry.data)


def test_a_withdrawal_is_logged(submitted, mentor, supervisor):
    supervisor.is_active = False
    supervisor.save(update_fields=["is_active"])
    services.practice_log_withdraw(log=submitted, actor=mentor)
    assert only_entry(submitted, "pma.practice_log.withdraw").user == mentor


def test_a_reassignment_is_logged(
    submitted, mentor, supervisor, coordinator, django_capture_on_commit_callbacks
):
    link = SupervisionLink.objects.get(mentor=mentor)
    link.end = timezone.localdate() - datetime.timedelta(days=1)
    link.start = min(link.start, link.end)
    link.save()
    successor = UserFactory(role="Supervisors")
    SupervisionLinkFactory(mentor=mentor, supervisor=successor, start=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=False):
        services.practice_log_reassign(log=submitted, actor=coordinator)
    assert only_entry(submitted, "pma.practice_log.reassign").user == coordinator


@pytest.mark.parametrize(
    "from_status, to_status, action",
    [
        ("", Status.DRAFT, "pma.practice_log.create"),
        (Status.DRAFT, Status.SUBMITTED, "pma.practice_log.submit"),
        (Status.CHANGES_REQUESTED, Status.SUBMITTED, "pma.practice_log.submit"),
        (Status.SUBMITTED, Status.SUBMITTED, "pma.practice_log.reassign"),
        (Status.SUBMITTED, Status.DRAFT, "pma.practice_log.withdraw"),
        (Status.SUBMITTED, Status.APPROVED, "pma.practice_log.approve"),
        (Status.SUBMITTED, Status.CHANGES_REQUESTED, "pma.practice_log.request_changes"),
        (Status.SUBMITTED, Status.REJECTED, "pma.practice_log.reject"),
    ],
)
def test_each_transition_has_its_action(draft, mentor, from_status, to_status, action):
    event = PracticeLogEvent.objects.create(
        log=draft, from_status=from_status, to_status=to_status, actor=mentor
    )
    assert entries(draft).filter(data__event=event.pk).get().action == action


def test_coordinators_read_practice_log_decisions_in_site_history(
    client, submitted, supervisor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        services.practice_log_approve(log=submitted, reviewer=supervisor)
    html = site_history(client, coordinator)
    assert f"Practice log {submitted.pk}" in html
    assert "Practice log approved" in html


# --- Endorsements ----------------------------------------------------------------------------


def test_an_endorsement_is_logged_as_its_supervisor(
    link, mentor, supervisor, programme, coordinator, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        endorsement = services.endorsement_give(
            mentor=mentor, programme=programme, supervisor=supervisor, statement="Ready."
        )
    entry = only_entry(endorsement, "pma.endorsement.give")
    assert entry.user == supervisor
    assert entry.data == {"mentor": mentor.pk, "programme": programme.pk}
    assert entry.label == f"Endorsement {endorsement.pk}"
    html = site_history(client, coordinator)
    assert "Mentor endorsed by their supervisor" in html


# --- Supervision links -----------------------------------------------------------------------


def link_form(supervisor, mentor, start, end=""):
    return {
        "supervisor": supervisor.pk,
        "mentor": mentor.pk,
        "start": start.isoformat(),
        "end": end.isoformat() if end else "",
    }


def test_supervision_link_changes_in_the_admin_are_logged_as_the_coordinator(
    client, coordinator, mentor, supervisor
):
    client.force_login(coordinator)
    start = timezone.localdate() - datetime.timedelta(days=30)
    response = client.post(reverse("supervisionlink:add"), link_form(supervisor, mentor, start))
    assert response.status_code == 302
    link = SupervisionLink.objects.get()
    created = only_entry(link, "pma.supervision_link.create")
    assert created.user == coordinator
    assert created.label == f"Supervision link {link.pk}"
    assert created.data["mentor"] == mentor.pk and created.data["supervisor"] == supervisor.pk

    edit = reverse("supervisionlink:edit", args=[link.pk])
    client.post(edit, link_form(supervisor, mentor, start - datetime.timedelta(days=1)))
    edited = only_entry(link, "pma.supervision_link.edit")
    assert edited.user == coordinator and edited.data["changed"] == ["start"]

    end = timezone.localdate()
    client.post(edit, link_form(supervisor, mentor, start - datetime.timedelta(days=1), end))
    ended = only_entry(link, "pma.supervision_link.end")
    assert ended.user == coordinator
    assert ended.message == f"Supervision link ended on {end.isoformat()}"
    assert not entries(link).filter(action__startswith="wagtail.").exists()

    history = client.get(reverse("supervisionlink:history", args=[link.pk])).content.decode()
    for message in ("Supervision link created", "Supervision link changed (start)"):
        assert message in history
    assert "Supervision link ended" in history

    pk = link.pk
    response = client.post(reverse("supervisionlink:delete", args=[pk]))
    assert response.status_code == 302
    assert not SupervisionLink.objects.filter(pk=pk).exists()
    deleted = ModelLogEntry.objects.get(action="pma.supervision_link.delete", object_id=str(pk))
    assert deleted.user == coordinator and deleted.deleted
    assert "Supervision link deleted" in site_history(client, coordinator)


def test_a_link_saved_outside_a_request_is_the_systems(mentor, supervisor):
    link = SupervisionLink(mentor=mentor, supervisor=supervisor, start=timezone.localdate())
    services.supervision_link_save(link=link)
    assert only_entry(link, "pma.supervision_link.create").user is None
    link.save()  # nothing changed: nothing to log
    assert entries(link).count() == 1


# --- Every kind maps to a registered action ----------------------------------------------------


def test_every_certification_event_kind_maps_to_a_registered_action():
    assert set(audit.CERTIFICATE_ACTIONS) == set(CertificateEventKind.values)
    assert set(audit.PRACTICE_LOG_ACTIONS) == set(Status.values)
    actions = {
        *audit.CERTIFICATE_ACTIONS.values(),
        *audit.PRACTICE_LOG_ACTIONS.values(),
        *audit.PRACTICE_LOG_TRANSITION_ACTIONS.values(),
        *audit.SUPERVISION_LINK_ACTIONS.values(),
        audit.ENDORSEMENT_ACTION,
    }
    assert actions == set(audit.ACTIONS)
    for action in actions:
        assert log_registry.action_exists(action), action
        assert str(log_registry.get_action_label(action)), action


def test_no_entry_names_the_holder(certificate):
    """Labels say which object, never whose: Wagtail keeps a label as written."""
    assert ModelLogEntry.objects.count() >= 2  # the endorsement and the issue, at least
    for entry in ModelLogEntry.objects.all():
        assert certificate.holder_name not in entry.label
        assert certificate.holder.username not in str(entry.data)


def test_site_history_is_not_a_window_on_other_supervisors_caseloads(
    client, submitted, mentor, supervisor
):
    """Wagtail lists entries by object type: a supervisor would see every mentor's log entries
    and their names there. Supervisors read their supervisees' logs on the logs' own pages."""
    other = UserFactory(role=["Supervisors", "Trainers"])  # a trainer may explore pages
    client.force_login(other)
    for name in ("site_history", "site_history_results"):
        response = client.get(reverse(f"wagtailadmin_reports:{name}"))
        assert response.status_code in (302, 403)
        assert mentor.get_full_name() not in response.content.decode()
    assert (
        reverse("wagtailadmin_reports:site_history") not in client.get("/admin/").content.decode()
    )
