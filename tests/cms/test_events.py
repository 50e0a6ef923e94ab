"""The shared event shape (cms.events.Event): every domain history table has it, and a row is
written once and never saved again or deleted one by one."""

import pytest
from django.db.models import PROTECT
from django.utils import timezone

from certification.models import CertificateEvent, PracticeLogEvent
from cms.events import Event
from cms.reasons import REASON_MAX_LENGTH
from matching.models import AssignmentEvent
from tests.factories import PracticeLogFactory

EVENT_TABLES = [
    (PracticeLogEvent, "comment"),
    (CertificateEvent, "reason"),
    (AssignmentEvent, "reason"),
]


@pytest.mark.parametrize(("model", "text"), EVENT_TABLES, ids=lambda v: getattr(v, "__name__", v))
def test_every_event_table_has_the_shared_shape(model, text):
    assert issubclass(model, Event)
    assert model._meta.ordering == ["at", "pk"]
    assert model._meta.get_field("actor").remote_field.on_delete is PROTECT
    assert model._meta.get_field(text).max_length == REASON_MAX_LENGTH


@pytest.fixture
def event(db):
    log = PracticeLogFactory()
    return PracticeLogEvent.objects.create(log=log, to_status="submitted", actor=log.mentor)


def test_an_event_happens_now_unless_told_otherwise(event):
    assert abs(timezone.now() - event.at).total_seconds() < 60


def test_an_event_is_never_saved_a_second_time(event):
    event.comment = "Changed afterwards"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    event.refresh_from_db()
    assert event.comment == ""


def test_an_event_is_never_deleted_one_by_one(event):
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert PracticeLogEvent.objects.filter(pk=event.pk).exists()
