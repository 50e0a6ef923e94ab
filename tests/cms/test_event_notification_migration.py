"""The move of the three per-app "sent once" tables into cms.EventNotification loses no row:
the database is migrated back to before the move, rows are written with the historical models,
and after migrating forward every one is there with its sent_at (and back again, reversed)."""

import datetime

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from certification.models import CertificateEvent, PracticeLogEvent
from cms.events import EventNotification
from matching.models import AssignmentEvent

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("certification", "0012_events_share_one_shape"),
    ("matching", "0004_events_share_one_shape"),
]
OLD_TABLES = {
    "certification_certificateemail",
    "certification_practicelognotification",
    "matching_assignmentnotification",
}


def migrate(targets=None):
    """Migrate to ``targets`` (None: every app's latest) and return the models of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def write_history(apps, at):
    """Events of each kind, some e-mailed (old rows with distinct sent_at), some not."""
    User = apps.get_model("cms", "User")
    mentor = User.objects.create(username="mentor", email="mentor@example.org")
    supervisor = User.objects.create(username="supervisor", email="supervisor@example.org")
    programme = apps.get_model("certification", "CertificationProgramme").objects.create(
        name="Peer support", slug="peer-support"
    )
    certificate = apps.get_model("certification", "Certificate").objects.create(
        serial="PMA-1",
        verification_code="CODE-1",
        holder=mentor,
        holder_name="Mentor",
        programme=programme,
        issued_at=at,
        valid_from=at.date(),
        valid_until=at.date(),
        grace_until=at.date(),
        status_changed_at=at,
    )
    log = apps.get_model("certification", "PracticeLog").objects.create(
        mentor=mentor,
        supervisor=supervisor,
        session_date=at.date(),
        duration_minutes=60,
        setting="role_play",
        reflection="Practised.",
        status="submitted",
    )
    mentee = apps.get_model("matching", "Mentee").objects.create(
        code_name="M-1", programme=programme
    )
    assignment = apps.get_model("matching", "Assignment").objects.create(
        mentor=mentor, mentee=mentee, start=at.date(), status="needs_review"
    )
    CertificateEvent_ = apps.get_model("certification", "CertificateEvent")
    PracticeLogEvent_ = apps.get_model("certification", "PracticeLogEvent")
    AssignmentEvent_ = apps.get_model("matching", "AssignmentEvent")
    events = {
        ("certification.CertificateEmail", CertificateEvent): [
            CertificateEvent_.objects.create(certificate=certificate, kind=kind, at=at)
            for kind in ("issued", "suspended", "reinstated")
        ],
        ("certification.PracticeLogNotification", PracticeLogEvent): [
            PracticeLogEvent_.objects.create(log=log, to_status=status, actor=mentor, at=at)
            for status in ("draft", "submitted")
        ],
        ("matching.AssignmentNotification", AssignmentEvent): [
            AssignmentEvent_.objects.create(assignment=assignment, kind=kind, at=at)
            for kind in ("created", "flagged", "ended")
        ],
    }
    sent = set()
    for (old, model), rows in events.items():
        Old = apps.get_model(old)
        for minutes, event in enumerate(rows[:-1]):  # the last of each was never e-mailed
            sent_at = at - datetime.timedelta(minutes=minutes + 1)
            Old.objects.create(event_id=event.pk)
            Old.objects.filter(event_id=event.pk).update(sent_at=sent_at)  # auto_now_add
            sent.add((model, event.pk, sent_at))
    return sent


def old_rows(apps):
    return {
        (model, event_id, sent_at)
        for old, model in (
            ("certification.CertificateEmail", CertificateEvent),
            ("certification.PracticeLogNotification", PracticeLogEvent),
            ("matching.AssignmentNotification", AssignmentEvent),
        )
        for event_id, sent_at in apps.get_model(old).objects.values_list("event_id", "sent_at")
    }


def test_every_sent_record_moves_with_its_time_and_moves_back():
    at = timezone.now().replace(microsecond=0)
    try:
        historical = migrate(BEFORE)
        sent = write_history(historical, at)
        assert len(sent) == 5

        migrate()
        ContentType.objects.clear_cache()
        moved = {
            (row.content_type.model_class(), row.object_id, row.sent_at)
            for row in EventNotification.objects.filter(purpose="email")
        }
        assert moved == sent
        assert not OLD_TABLES & set(connection.introspection.table_names())

        historical = migrate(BEFORE)
        assert old_rows(historical) == sent
        assert not EventNotification.objects.exists()
    finally:
        migrate()
        # The migrations made new content-type rows; the process-wide cache must not keep ids
        # the next test's database will not have, nor be left cold: the next transactional
        # test's serialized restore then fails on django_content_type's unique (app, model).
        # Warm it with the ids as they are now, as the rest of the session saw them.
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*django_apps.get_models())
