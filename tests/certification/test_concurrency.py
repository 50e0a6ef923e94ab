"""Row locks on PostgreSQL: concurrent decisions and double submits record one event."""

import pytest
from django.core.exceptions import ValidationError

from certification import services
from certification.models import PracticeLog, PracticeLogEvent
from tests.concurrency import outcomes, run_together


def run_concurrently(*calls):
    return outcomes(run_together(*calls), refused=ValidationError)


pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
Status = PracticeLog.Status


def test_two_concurrent_approvals_record_one_decision(submitted, supervisor):
    def approve():
        services.practice_log_approve(
            log=PracticeLog.objects.get(pk=submitted.pk), reviewer=supervisor
        )

    assert run_concurrently(approve, approve) == ["ok", "refused"]
    assert PracticeLogEvent.objects.filter(log=submitted, to_status=Status.APPROVED).count() == 1


def test_double_submit_records_one_event(draft, mentor):
    def submit():
        services.practice_log_submit(log=PracticeLog.objects.get(pk=draft.pk), actor=mentor)

    assert run_concurrently(submit, submit) == ["ok", "ok"]
    assert PracticeLogEvent.objects.filter(log=draft, to_status=Status.SUBMITTED).count() == 1
