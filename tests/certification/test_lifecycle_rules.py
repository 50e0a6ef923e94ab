"""Lifecycle rules a certification board would sign (issue 13, point 2).

A programme states how recent practice must be to count toward a first certificate, how long an
endorsement stays valid, that renewal is measured in the current certificate's own period, and
how long after a lapse a holder may still renew instead of re-qualifying in full. Every path
(first certificate, renewal, re-entry after a lapse, re-qualification, suspension, revocation)
is answered by ``eligibility_evaluate``, and the automatic check issues exactly what it says.
"""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from certification import services
from certification.dates import add_months
from certification.eligibility import Path, eligibility_evaluate
from certification.models import (
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    CertificationProgramme,
    Endorsement,
    RecertificationDecision,
)
from tests.factories import PracticeLogFactory, SupervisionLinkFactory, UserFactory
from tests.factories.certificates import ProgrammeFactory
from tests.factories.cms import PASSWORD
from tests.factories.quizzes import CompetencyFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
_serials = itertools.count(1)


# ---------------------------------------------------------------- helpers


def moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_certificate(mentor, programme, *, valid_from, status=CertificateStatus.ACTIVE, held=False):
    """A certificate issued on ``valid_from`` for one validity period plus grace, in ``status``.
    ``held``: it was suspended (and never reinstated) before it ended."""
    valid_until = add_months(valid_from, programme.validity_months)
    number = next(_serials)
    certificate = Certificate.objects.create(
        serial=f"TEST-{number:06d}",
        verification_code=f"testcode{number:016d}",
        holder=mentor,
        holder_name="Test Holder",
        programme=programme,
        issued_at=moment(valid_from, 9),
        valid_from=valid_from,
        valid_until=valid_until,
        grace_until=valid_until + programme.grace_days * DAY,
        status=status,
        status_changed_at=moment(valid_from, 9),
    )
    CertificateEvent.objects.create(
        certificate=certificate, kind=CertificateEventKind.ISSUED, at=certificate.issued_at
    )
    if held or status == CertificateStatus.SUSPENDED:
        CertificateEvent.objects.create(
            certificate=certificate,
            kind=CertificateEventKind.SUSPENDED,
            at=moment(valid_from + 10 * DAY),
            reason="Complaint under review.",
        )
    return certificate


def practice(mentor, supervisor, on, minutes, competency=None, status="approved"):
    return PracticeLogFactory(
        mentor=mentor,
        supervisor=supervisor,
        status=status,
        duration_minutes=minutes,
        session_date=on,
        competencies=[competency] if competency else [CompetencyFactory()],
    )


def endorse(mentor, programme, supervisor, on):
    return Endorsement.objects.create(
        mentor=mentor, programme=programme, supervisor=supervisor, endorsed_at=moment(on)
    )


def evaluate(mentor, programme, on=None):
    return eligibility_evaluate(mentor=mentor, programme=programme, at=on or timezone.localdate())


def item(result, code):
    return next(r for r in result.requirements if r.code == code)


def kinds(certificate):
    return list(certificate.events.order_by("pk").values_list("kind", flat=True))


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def competency(db):
    return CompetencyFactory(slug="crisis", name="Crisis intervention")


@pytest.fixture
def programme(competency):
    """100 minutes (60 in crisis intervention) within 12 months and an endorsement for a first
    certificate; 60 minutes in the certificate's period to renew; a year's validity, 30 days'
    grace, renewal opening 60 days before expiry, and 6 months to renew after a lapse."""
    return ProgrammeFactory(
        name="Certified Peer Mentor",
        competency_minutes={competency: 60},
        practice_recency_months=12,
        reentry_months=6,
    )


@pytest.fixture
def supervisor(mentor):
    link = SupervisionLinkFactory(
        mentor=mentor, start=timezone.localdate() - datetime.timedelta(days=3000)
    )
    return link.supervisor


# ---------------------------------------------------------------- the settings


def test_programme_defaults_are_a_board_s_defaults(db):
    programme = CertificationProgramme.objects.create(name="Defaults", slug="defaults")
    assert programme.practice_recency_months == 24
    assert programme.endorsement_valid_months is None
    assert programme.endorsement_validity_months == programme.validity_months == 24
    assert programme.reentry_months == 12
    programme.endorsement_valid_months = 6
    assert programme.endorsement_validity_months == 6


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("practice_recency_months", -1),
        ("practice_recency_months", 121),
        ("endorsement_valid_months", 0),
        ("endorsement_valid_months", 121),
        ("reentry_months", -1),
        ("reentry_months", 121),
    ],
)
def test_settings_out_of_range_are_refused(db, field, value):
    programme = ProgrammeFactory.build(**{field: value})
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert field in error.value.message_dict


def test_the_admin_form_offers_the_lifecycle_settings_with_help(client, coordinator):
    client.login(username=coordinator.username, password=PASSWORD)
    page = client.get("/admin/certificationprogramme/new/").content.decode()
    for name in ("practice_recency_months", "endorsement_valid_months", "reentry_months"):
        assert f'name="{name}"' in page
    assert "0 means practice from any date counts" in page
    assert "Leave empty for one certification cycle" in page
    assert "re-qualify in full" in page


# ---------------------------------------------------------------- first certificate


def test_first_certificate_counts_practice_inside_the_recency_window_only(
    mentor, programme, competency, supervisor, today
):
    since = add_months(today, -12)
    practice(mentor, supervisor, since - DAY, 100, competency)  # one day too old
    endorse(mentor, programme, supervisor, today)
    result = evaluate(mentor, programme)
    assert result.path == Path.FIRST
    total = item(result, "practice_total")
    assert total.current == 0 and not total.met
    assert f"since {date_format(since)}" in total.label
    assert f"since {date_format(since)}" in item(result, "competency:crisis").label
    assert total.detail == "1 h 40 min more approved practice needed."
    assert services.certificate_check(mentor_id=mentor.pk) == []

    practice(mentor, supervisor, since, 100, competency)  # the first day of the window counts
    result = evaluate(mentor, programme)
    assert result.qualifies
    (issued,) = services.certificate_check(mentor_id=mentor.pk)
    assert issued.previous is None and kinds(issued) == ["issued"]
    assert issued.valid_from == today
    assert issued.evidence["path"] == "first"


def test_a_recency_window_of_zero_counts_practice_from_any_date(
    mentor, programme, competency, supervisor, today
):
    programme.practice_recency_months = 0
    programme.save()
    practice(mentor, supervisor, today - 3650 * DAY, 100, competency)
    endorse(mentor, programme, supervisor, today)
    result = evaluate(mentor, programme)
    assert result.qualifies
    assert "since" not in item(result, "practice_total").label


@pytest.mark.parametrize(
    ("valid_months", "age_months", "counts"),
    [(None, 11, True), (None, 13, False), (6, 5, True), (6, 7, False)],
)
def test_an_endorsement_counts_for_one_cycle_or_the_months_set(
    mentor, programme, competency, supervisor, today, valid_months, age_months, counts
):
    programme.endorsement_valid_months = valid_months
    programme.save()
    practice(mentor, supervisor, today - 3 * DAY, 100, competency)
    given = add_months(today, -age_months)
    endorse(mentor, programme, supervisor, given)
    result = evaluate(mentor, programme)
    endorsement = item(result, "endorsement")
    assert endorsement.met is counts
    window = add_months(today, -(valid_months or programme.validity_months))
    assert f"since {date_format(window)}" in endorsement.label
    if not counts:
        assert date_format(given) in endorsement.detail
        assert "endorse you again" in endorsement.detail
    assert bool(services.certificate_check(mentor_id=mentor.pk)) is counts


def test_an_endorsement_after_the_evaluation_day_does_not_count(
    mentor, programme, competency, supervisor, today
):
    practice(mentor, supervisor, today - 10 * DAY, 100, competency)
    endorse(mentor, programme, supervisor, today)
    assert not item(evaluate(mentor, programme, today - DAY), "endorsement").met


# ---------------------------------------------------------------- renewal while active


def test_renewal_counts_practice_in_the_current_certificates_period_only(
    mentor, programme, supervisor, today
):
    valid_from = add_months(today, -11)  # expires in about a month: the window is open
    current = make_certificate(mentor, programme, valid_from=valid_from)
    practice(mentor, supervisor, valid_from - DAY, 600)  # the day before its period
    result = evaluate(mentor, programme)
    assert result.path == Path.RENEWAL and result.certified
    assert [r.code for r in result.requirements] == ["renewal_window", "renewal_practice"]
    renewal = item(result, "renewal_practice")
    assert renewal is result.renewal or renewal == result.renewal
    assert renewal.current == 0 and f"since {date_format(valid_from)}" in renewal.label
    assert item(result, "renewal_window").met and not result.qualifies
    with pytest.raises(services.CertificateError, match="more approved practice needed to renew"):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme)
    assert services.certificate_check(mentor_id=mentor.pk) == []

    practice(mentor, supervisor, valid_from, 60)  # the first day of its period counts
    assert evaluate(mentor, programme).qualifies
    (renewed,) = services.certificate_check(mentor_id=mentor.pk)
    current.refresh_from_db()
    assert current.status == CertificateStatus.SUPERSEDED
    assert renewed.previous == current and kinds(renewed) == ["renewed"]
    assert renewed.valid_from == today
    assert renewed.valid_until == add_months(current.valid_until, programme.validity_months)


def test_renewal_waits_for_its_window(mentor, programme, supervisor, today):
    valid_from = add_months(today, -6)
    current = make_certificate(mentor, programme, valid_from=valid_from)
    practice(mentor, supervisor, today - DAY, 600)
    result = evaluate(mentor, programme)
    window = item(result, "renewal_window")
    opens = current.valid_until - programme.renewal_window_days * DAY
    assert not window.met and date_format(opens) in window.label
    assert item(result, "renewal_practice").met and not result.qualifies
    assert result.unmet == []  # certified: the gate is open meanwhile
    with pytest.raises(services.CertificateError, match="Renewal opens 60 days"):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme)
    assert services.certificate_check(mentor_id=mentor.pk) == []


def test_a_suspended_certificate_blocks_renewal_until_reinstated(
    mentor, programme, competency, supervisor, today
):
    make_certificate(
        mentor, programme, valid_from=add_months(today, -11), status=CertificateStatus.SUSPENDED
    )
    practice(mentor, supervisor, today - DAY, 600, competency)
    endorse(mentor, programme, supervisor, today)
    result = evaluate(mentor, programme)
    assert result.path == Path.SUSPENDED and not result.qualifies
    assert [r.code for r in result.requirements] == ["reinstated"]
    assert "coordinator" in result.requirements[0].detail
    assert services.certificate_check(mentor_id=mentor.pk) == []
    assert services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme) is None
    with pytest.raises(services.CertificateError, match="suspended"):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme)


# ---------------------------------------------------------------- after a lapse


@pytest.mark.parametrize("recency", [12, 0])
@pytest.mark.parametrize("expired_months_ago", [2, 24])
def test_a_lapsed_holder_is_not_recertified_on_old_practice_and_an_old_endorsement(
    mentor, programme, competency, supervisor, today, recency, expired_months_ago
):
    """The bug of issue 13: an expired holder with no practice since was re-certified on
    first-issue rules, counting practice from any date and an endorsement given years ago."""
    programme.practice_recency_months = recency
    programme.save()
    valid_from = add_months(today, -(12 + expired_months_ago))
    practice(mentor, supervisor, valid_from - 20 * DAY, 600, competency)
    endorse(mentor, programme, supervisor, valid_from - 10 * DAY)
    lapsed = make_certificate(
        mentor, programme, valid_from=valid_from, status=CertificateStatus.EXPIRED
    )
    result = evaluate(mentor, programme)
    assert result.path == (Path.REENTRY if expired_months_ago == 2 else Path.REQUALIFY)
    assert not result.qualifies
    assert services.certificate_check(mentor_id=mentor.pk) == []
    assert services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme) is None
    with pytest.raises(services.CertificateError):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme)
    assert list(Certificate.objects.filter(holder=mentor)) == [lapsed]


def test_reentry_within_the_window_renews_under_the_renewal_rules(
    mentor, programme, supervisor, today
):
    valid_from = add_months(today, -14)  # ended two months ago, grace a month ago
    lapsed = make_certificate(
        mentor, programme, valid_from=valid_from, status=CertificateStatus.EXPIRED
    )
    practice(mentor, supervisor, valid_from + 10 * DAY, 60)  # not in the required competency
    result = evaluate(mentor, programme)
    assert result.path == Path.REENTRY and not result.certified
    assert result.reentry_until == add_months(lapsed.grace_until, 6)
    assert date_format(result.reentry_until) in result.summary
    assert [r.code for r in result.requirements] == ["renewal_practice", "endorsement"]
    assert f"since {date_format(valid_from)}" in item(result, "renewal_practice").label
    assert item(result, "renewal_practice").met
    assert not item(result, "endorsement").met  # a continuing requirement after a lapse
    assert services.certificate_check(mentor_id=mentor.pk) == []

    endorse(mentor, programme, supervisor, today)
    assert evaluate(mentor, programme).qualifies
    (renewed,) = services.certificate_check(mentor_id=mentor.pk)
    assert renewed.previous == lapsed and kinds(renewed) == ["renewed"]
    assert renewed.valid_from == today
    assert renewed.valid_until == add_months(today, programme.validity_months)
    assert renewed.evidence["path"] == "reentry"
    lapsed.refresh_from_db()
    assert lapsed.status == CertificateStatus.EXPIRED  # its history is not rewritten


def test_reentry_counts_practice_since_the_lapsed_certificate_began(
    mentor, programme, supervisor, today
):
    valid_from = add_months(today, -14)
    make_certificate(mentor, programme, valid_from=valid_from, status=CertificateStatus.EXPIRED)
    practice(mentor, supervisor, valid_from - DAY, 600)  # before its period: does not count
    endorse(mentor, programme, supervisor, today)
    result = evaluate(mentor, programme)
    renewal = item(result, "renewal_practice")
    assert renewal.current == 0
    assert "more approved practice needed to renew" in renewal.detail
    assert date_format(result.reentry_until) in renewal.detail
    practice(mentor, supervisor, today - DAY, 60)  # catching up after the lapse counts
    assert evaluate(mentor, programme).qualifies


def test_reentry_through_the_mentors_renew_button(mentor, programme, supervisor, today):
    valid_from = add_months(today, -14)
    lapsed = make_certificate(
        mentor, programme, valid_from=valid_from, status=CertificateStatus.EXPIRED
    )
    practice(mentor, supervisor, today - DAY, 60)
    endorse(mentor, programme, supervisor, today)
    renewed = services.certificate_renew(mentor_id=mentor.pk, programme=programme, actor=mentor)
    assert renewed.previous == lapsed
    assert renewed.events.get().actor == mentor


def test_a_lapse_the_sweep_has_not_recorded_yet_follows_the_same_rules(
    mentor, programme, supervisor, today
):
    lapsed = make_certificate(mentor, programme, valid_from=add_months(today, -14))  # active
    practice(mentor, supervisor, today - DAY, 60)
    endorse(mentor, programme, supervisor, today)
    result = evaluate(mentor, programme)
    assert result.path == Path.REENTRY and not result.certified
    (renewed,) = services.certificate_check(mentor_id=mentor.pk)
    lapsed.refresh_from_db()
    assert lapsed.status == CertificateStatus.EXPIRED and "expired" in kinds(lapsed)
    assert renewed.previous == lapsed and renewed.status == CertificateStatus.ACTIVE


def test_after_the_reentry_window_the_holder_requalifies_in_full(
    mentor, programme, competency, supervisor, today
):
    valid_from = add_months(today, -20)  # ended eight months ago; re-entry closed a month ago
    lapsed = make_certificate(
        mentor, programme, valid_from=valid_from, status=CertificateStatus.EXPIRED
    )
    practice(mentor, supervisor, valid_from + 30 * DAY, 600, competency)  # outside recency
    endorse(mentor, programme, supervisor, today)
    result = evaluate(mentor, programme)
    assert result.path == Path.REQUALIFY and not result.qualifies
    assert date_format(add_months(lapsed.grace_until, 6)) in result.summary
    codes = [r.code for r in result.requirements]
    assert codes == ["practice_total", "competency:crisis", "endorsement"]
    with pytest.raises(services.CertificateError, match="qualify again in full"):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme)

    practice(mentor, supervisor, today - DAY, 100, competency)
    (issued,) = services.certificate_check(mentor_id=mentor.pk)
    assert issued.previous is None and kinds(issued) == ["issued"]
    assert issued.evidence["path"] == "requalify"


def test_a_reentry_window_of_zero_means_requalify_after_the_grace_period(
    mentor, programme, supervisor, today
):
    programme.reentry_months = 0
    programme.save()
    make_certificate(
        mentor, programme, valid_from=add_months(today, -13) - 31 * DAY, status="expired"
    )
    assert evaluate(mentor, programme).path == Path.REQUALIFY


def test_a_certificate_that_ended_while_suspended_is_not_renewed_late(
    mentor, programme, supervisor, today
):
    make_certificate(
        mentor,
        programme,
        valid_from=add_months(today, -14),
        status=CertificateStatus.EXPIRED,
        held=True,
    )
    practice(mentor, supervisor, today - DAY, 60)
    endorse(mentor, programme, supervisor, today)
    result = evaluate(mentor, programme)
    assert result.path == Path.REQUALIFY and not result.qualifies
    assert "suspended" in result.summary
    assert services.certificate_check(mentor_id=mentor.pk) == []


def test_a_reinstated_certificate_that_then_lapsed_may_still_reenter(
    mentor, programme, supervisor, today
):
    lapsed = make_certificate(
        mentor,
        programme,
        valid_from=add_months(today, -14),
        status=CertificateStatus.EXPIRED,
        held=True,
    )
    CertificateEvent.objects.create(
        certificate=lapsed,
        kind=CertificateEventKind.REINSTATED,
        at=moment(lapsed.valid_from + 20 * DAY),
        reason="Complaint dismissed.",
    )
    assert evaluate(mentor, programme).path == Path.REENTRY


# ---------------------------------------------------------------- revocation


def test_revocation_blocks_until_a_decision_then_requalify_in_full(
    mentor, programme, competency, supervisor, coordinator, today
):
    revoked = make_certificate(
        mentor, programme, valid_from=add_months(today, -3), status=CertificateStatus.REVOKED
    )
    result = evaluate(mentor, programme)
    assert result.path == Path.BLOCKED
    assert [r.code for r in result.requirements] == ["recertification_allowed"]
    with pytest.raises(services.CertificateError):
        services.certificate_renew(mentor_id=mentor.pk, programme=programme)
    services.certificate_allow_recertification(
        certificate_id=revoked.pk, actor=coordinator, reason="Panel decision."
    )
    result = evaluate(mentor, programme)
    assert result.path == Path.REQUALIFY and result.evidence_since is not None
    assert item(result, "recertification_allowed").met
    decided = timezone.localdate(RecertificationDecision.objects.get().decided_at)
    assert f"since {date_format(decided)}" in item(result, "practice_total").label


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_lapse_renewed_by_racing_triggers_and_the_sweep_gives_one_certificate():
    """The automatic check, the holder's button and the nightly sweep race on a lapse the
    sweep has not recorded yet: one expiry, one renewal, one current certificate."""
    from tests.concurrency import outcomes, run_together

    today = timezone.localdate()
    competency = CompetencyFactory(slug="crisis", name="Crisis intervention")
    programme = ProgrammeFactory(competency_minutes={competency: 60}, reentry_months=6)
    mentor = UserFactory(role="Mentors")
    supervisor = SupervisionLinkFactory(mentor=mentor, start=today - 3000 * DAY).supervisor
    lapsed = make_certificate(mentor, programme, valid_from=add_months(today, -14))  # active
    practice(mentor, supervisor, today - DAY, 60)
    endorse(mentor, programme, supervisor, today)

    def renew():
        return services.certificate_renew(mentor_id=mentor.pk, programme=programme)

    results = run_together(
        *[lambda: services.certificate_check(mentor_id=mentor.pk)] * 3,
        renew,
        renew,
        lambda: services.certificate_expire_due(),
    )
    assert outcomes(results, refused=services.CertificateError).count("ok") >= 4
    current = Certificate.objects.filter(holder=mentor, programme=programme).current()
    (renewed,) = current
    assert renewed.previous_id == lapsed.pk
    lapsed.refresh_from_db()
    assert lapsed.status == CertificateStatus.EXPIRED
    assert kinds(lapsed).count("expired") == 1
    assert Certificate.objects.filter(holder=mentor).count() == 2


# ---------------------------------------------------------------- queries


def _setup_path(path, mentor, programme, competency, supervisor, coordinator, today):
    if path == Path.RENEWAL:
        make_certificate(mentor, programme, valid_from=add_months(today, -11))
    elif path == Path.REENTRY:
        make_certificate(mentor, programme, valid_from=add_months(today, -14), status="expired")
    elif path == Path.REQUALIFY:
        make_certificate(mentor, programme, valid_from=add_months(today, -20), status="expired")
    elif path == Path.SUSPENDED:
        make_certificate(mentor, programme, valid_from=add_months(today, -3), status="suspended")
    elif path == Path.BLOCKED:
        make_certificate(mentor, programme, valid_from=add_months(today, -3), status="revoked")


@pytest.mark.parametrize("path", list(Path))
def test_every_path_runs_a_constant_number_of_queries(
    mentor, programme, competency, supervisor, coordinator, today, path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _setup_path(path, mentor, programme, competency, supervisor, coordinator, today)
    counts = []
    for logs in (2, 80):
        for day in range(logs):
            practice(mentor, supervisor, today - day * 5 * DAY, 30, competency)
            endorse(mentor, programme, supervisor, today - day * 9 * DAY)
        with CaptureQueriesContext(connection) as queries:
            result = evaluate(mentor.pk, programme)
        assert result.path == path
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4


# ---------------------------------------------------------------- the page


def test_what_is_left_names_the_path_and_its_windows(client, mentor, programme, supervisor, today):
    valid_from = add_months(today, -14)
    lapsed = make_certificate(mentor, programme, valid_from=valid_from, status="expired")
    practice(mentor, supervisor, today - DAY, 60)
    client.login(username=mentor.username, password=PASSWORD)
    page = client.get(reverse("certification:my_certification")).content.decode()
    assert "Renewal after a lapse" in page
    assert f"since {date_format(valid_from)}" in page
    assert date_format(add_months(lapsed.grace_until, 6)) in page
    assert "Renew now" not in page  # the endorsement is still missing
    endorse(mentor, programme, supervisor, today)
    page = client.get(reverse("certification:my_certification")).content.decode()
    assert "Renew now" in page
    response = client.post(reverse("certification:renew", args=[programme.slug]))
    assert response.status_code == 302
    assert Certificate.objects.filter(holder=mentor, previous=lapsed).exists()


def test_what_is_left_for_a_first_certificate_names_the_windows(
    client, mentor, programme, supervisor, today
):
    client.login(username=mentor.username, password=PASSWORD)
    page = client.get(reverse("certification:my_certification")).content.decode()
    assert "First certificate" in page
    assert f"since {date_format(add_months(today, -12))}" in page


# ---------------------------------------------------------------- generated histories

STATES = [None, "active", "suspended", "expired", "held", "superseded", "revoked", "allowed"]


def oracle(*, programme, today, certificate, logs, endorsements, decided_on):
    """The rules, restated independently of the implementation: (path, qualifies)."""

    def minutes(since, competency=None):
        return sum(
            m
            for on, m, in_competency in logs
            if since <= on <= today and (competency is None or in_competency)
        )

    def endorsed(since):
        return any(since <= on <= today for on in endorsements)

    validity = programme.endorsement_valid_months or programme.validity_months
    endorsement_since = add_months(today, -validity)
    never = datetime.date.min
    recency = (
        add_months(today, -programme.practice_recency_months)
        if programme.practice_recency_months
        else never
    )
    if certificate is None:
        path = Path.FIRST
    else:
        state, valid_from, valid_until, grace_until = certificate
        if state == "revoked":
            path = Path.BLOCKED
        elif state == "allowed":
            path = Path.REQUALIFY
            recency = max(recency, decided_on)
            endorsement_since = max(endorsement_since, decided_on)
        elif state in ("active", "suspended") and today <= grace_until:
            path = Path.RENEWAL if state == "active" else Path.SUSPENDED
        elif state in ("suspended", "held"):
            path = Path.REQUALIFY
        elif today <= add_months(grace_until, programme.reentry_months):
            path = Path.REENTRY
        else:
            path = Path.REQUALIFY
    endorsement_ok = not programme.endorsement_required or endorsed(endorsement_since)
    if path in (Path.FIRST, Path.REQUALIFY):
        qualifies = (
            minutes(recency) >= programme.required_minutes_total
            and minutes(recency, competency=True) >= 60
            and endorsement_ok
        )
    elif path == Path.RENEWAL:
        opens = valid_until - programme.renewal_window_days * DAY
        qualifies = today >= opens and minutes(valid_from) >= programme.renewal_minutes
    elif path == Path.REENTRY:
        qualifies = minutes(valid_from) >= programme.renewal_minutes and endorsement_ok
    else:
        qualifies = False
    return path, qualifies


class GeneratedHistories(TestCase):
    """No path issues a certificate unless the requirements of the applicable path are met on
    that day, and what eligibility says "qualifies" is exactly what the automatic check does."""

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        validity=st.sampled_from([6, 12, 24]),
        recency=st.sampled_from([0, 3, 12, 24]),
        endorsement_valid=st.sampled_from([None, 3, 12]),
        reentry=st.sampled_from([0, 3, 12]),
        window=st.sampled_from([30, 60]),
        grace=st.sampled_from([0, 30]),
        endorsement_required=st.booleans(),
        state=st.sampled_from(STATES),
        issued_days_ago=st.integers(0, 1500),
        logs=st.lists(
            st.tuples(st.integers(-2, 1600), st.sampled_from([20, 40, 60, 100]), st.booleans()),
            max_size=6,
        ),
        endorsed=st.lists(st.integers(-2, 1600), max_size=3),
        decided_days_ago=st.integers(0, 400),
    )
    def test_only_the_applicable_path_issues_and_eligibility_agrees(
        self,
        validity,
        recency,
        endorsement_valid,
        reentry,
        window,
        grace,
        endorsement_required,
        state,
        issued_days_ago,
        logs,
        endorsed,
        decided_days_ago,
    ):
        now = timezone.now()
        today = timezone.localdate(now)
        crisis = CompetencyFactory(slug="crisis", name="Crisis intervention")
        programme = ProgrammeFactory(
            competency_minutes={crisis: 60},
            validity_months=validity,
            practice_recency_months=recency,
            endorsement_valid_months=endorsement_valid,
            reentry_months=reentry,
            renewal_window_days=window,
            grace_days=grace,
            endorsement_required=endorsement_required,
        )
        mentor = UserFactory(role="Mentors")
        supervisor = SupervisionLinkFactory(mentor=mentor, start=today - 3000 * DAY).supervisor
        certificate = None
        decided_on = None
        if state is not None:
            valid_from = today - issued_days_ago * DAY
            status = {"held": "expired", "allowed": "revoked"}.get(state, state)
            if state == "superseded":
                status = "superseded"
            issued = make_certificate(
                mentor, programme, valid_from=valid_from, status=status, held=state == "held"
            )
            if state == "allowed":
                decided_on = max(today - decided_days_ago * DAY, valid_from)
                RecertificationDecision.objects.create(
                    revoked_certificate=issued,
                    decided_by=UserFactory(role="Coordinators"),
                    decided_at=moment(decided_on, 0),
                    reason="Panel decision.",
                )
            certificate = (state, issued.valid_from, issued.valid_until, issued.grace_until)
        history = [(today - days * DAY, minutes, c) for days, minutes, c in logs]
        for on, minutes, in_competency in history:
            practice(mentor, supervisor, on, minutes, crisis if in_competency else None)
        endorsement_days = [today - days * DAY for days in endorsed]
        for on in endorsement_days:
            endorse(mentor, programme, supervisor, on)

        path, qualifies = oracle(
            programme=programme,
            today=today,
            certificate=certificate,
            logs=history,
            endorsements=endorsement_days,
            decided_on=decided_on,
        )
        result = eligibility_evaluate(mentor=mentor, programme=programme, at=today)
        assert result.path == path
        assert result.qualifies is qualifies
        if not qualifies:
            assert any(not r.met for r in result.requirements)
        changed = services.certificate_check(mentor_id=mentor.pk, at=now)
        assert bool(changed) is qualifies
        if changed:
            (new,) = changed
            assert new.valid_from == today and new.status == CertificateStatus.ACTIVE
            renewal = path in (Path.RENEWAL, Path.REENTRY)
            assert (new.previous is not None) is renewal
            assert kinds(new) == ["renewed" if renewal else "issued"]
            assert Certificate.objects.filter(holder=mentor).current().count() == 1
            again = eligibility_evaluate(mentor=mentor, programme=programme, at=today)
            assert again.path == Path.RENEWAL and again.certified and not again.qualifies
            assert services.certificate_check(mentor_id=mentor.pk, at=now) == []
