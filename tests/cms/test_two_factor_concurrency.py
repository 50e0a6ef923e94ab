"""Row locks on PostgreSQL: a recovery code or an app code raced from several requests signs in
exactly once."""

import pytest

from cms.two_factor import services
from tests.cms.test_two_factor import code_for, enrol_totp
from tests.concurrency import outcomes, run_together
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls):
    return outcomes(run_together(*calls), refused=services.TwoFactorError)


def test_one_recovery_code_raced_four_times_signs_in_once():
    coordinator = UserFactory(role="Coordinators")
    enrol_totp(coordinator)
    code = services.recovery_codes_generate(user=coordinator)[0]
    results = race(*[lambda: services.recovery_code_use(user=coordinator, code=code)] * 4)
    assert results == ["ok", "refused", "refused", "refused"]


def test_one_app_code_raced_four_times_signs_in_once():
    coordinator = UserFactory(role="Coordinators")
    device = enrol_totp(coordinator)
    code = code_for(device, steps_ahead=1)
    results = race(*[lambda: services.totp_verify(user=coordinator, code=code)] * 4)
    assert results == ["ok", "refused", "refused", "refused"]
