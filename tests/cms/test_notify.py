"""Notify once (cms.notify): an event's notice with one purpose is handled exactly once, however
often a task is retried or however many workers hold it at the same moment."""

import threading

import pytest

from certification.models import PracticeLogEvent
from cms.events import EventNotification
from cms.notify import EMAIL, notify_once, unnotified
from tests.concurrency import run_together
from tests.factories import PracticeLogFactory


def new_event():
    log = PracticeLogFactory()
    return PracticeLogEvent.objects.create(log=log, to_status="submitted", actor=log.mentor)


class Sender:
    """A ``send`` that counts its calls and says whether a message went out."""

    def __init__(self, *, result=True, error=None, pause=None):
        self.calls, self.result, self.error, self.pause = 0, result, error, pause
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.calls += 1
        if self.pause:
            self.pause()
        if self.error:
            raise self.error
        return self.result


@pytest.mark.django_db
def test_the_first_call_sends_and_a_retry_does_nothing():
    event, send = new_event(), Sender()
    assert notify_once(event=event, purpose=EMAIL, send=send) is True
    assert notify_once(event=event, purpose=EMAIL, send=send) is False
    assert send.calls == 1
    assert EventNotification.objects.get().event == event


@pytest.mark.django_db
def test_nobody_to_tell_counts_as_handled():
    event, send = new_event(), Sender(result=False)
    assert notify_once(event=event, purpose=EMAIL, send=send) is False
    assert notify_once(event=event, purpose=EMAIL, send=send) is False
    assert send.calls == 1
    assert not unnotified(PracticeLogEvent.objects.all(), purpose=EMAIL).exists()


@pytest.mark.django_db
def test_a_failed_send_leaves_no_record_so_the_retry_sends():
    event = new_event()
    with pytest.raises(ConnectionError):
        notify_once(event=event, purpose=EMAIL, send=Sender(error=ConnectionError()))
    assert not EventNotification.objects.exists()
    assert notify_once(event=event, purpose=EMAIL, send=Sender()) is True


@pytest.mark.django_db
def test_each_purpose_and_each_event_is_its_own_once():
    first, second, send = new_event(), new_event(), Sender()
    assert notify_once(event=first, purpose=EMAIL, send=send) is True
    assert notify_once(event=first, purpose="sms", send=send) is True
    assert notify_once(event=second, purpose=EMAIL, send=send) is True
    assert send.calls == 3


@pytest.mark.django_db
def test_the_sweep_sees_the_events_not_yet_handled():
    handled, waiting = new_event(), new_event()
    notify_once(event=handled, purpose=EMAIL, send=Sender())
    events = PracticeLogEvent.objects.filter(pk__in=[handled.pk, waiting.pk])
    assert list(unnotified(events, purpose=EMAIL)) == [waiting]
    assert list(unnotified(events, purpose="sms")) == [handled, waiting]
    assert EventNotification.objects.for_events(events).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_message():
    """Both workers start together; the first holds its transaction open while it "sends". The
    second's insert waits on the unique key, then finds the row and sends nothing."""
    event = new_event()
    send = Sender(pause=lambda: threading.Event().wait(0.5))

    def worker():
        return notify_once(
            event=PracticeLogEvent.objects.get(pk=event.pk), purpose=EMAIL, send=send
        )

    assert sorted(run_together(worker, worker)) == [False, True]
    assert send.calls == 1
    assert EventNotification.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_when_the_first_worker_fails_the_waiting_one_sends():
    event = new_event()
    outcomes = iter([ConnectionError(), None])
    lock = threading.Lock()

    def send():
        with lock:
            error = next(outcomes)
        threading.Event().wait(0.5)
        if error:
            raise error
        return True

    def worker():
        return notify_once(
            event=PracticeLogEvent.objects.get(pk=event.pk), purpose=EMAIL, send=send
        )

    results = run_together(worker, worker)
    assert sorted(type(result).__name__ for result in results) == ["ConnectionError", "bool"]
    assert True in results
    assert EventNotification.objects.count() == 1
