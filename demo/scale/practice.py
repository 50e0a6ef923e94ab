"""``seed_demo --scale N`` for certification: supervision, practice logs with competencies,
endorsements and certificates in every state for the scaled mentors (see
demo/scale/mentors.py and demo/scale/learning.py, whose stages this follows).

Every scaled mentor is supervised by the demo ``supervisor``. Those who completed Foundations
(stages 3 to 9) have eight approved three-hour logs like the demo ``certified`` mentor (enough
for the default programme), an endorsement and a certificate: stage 3 expired, stage 4
superseded by an active renewal, stage 5 suspended, stage 6 revoked, stages 7 to 9 active;
every third of them also has a log awaiting review. Those in training have a few approved,
submitted and returned logs. Serials are ``PMA-SCALE-<7 digits>``; PDFs are left pending
(rendering 10,000 of them is the worker's job, measured by ``bench``). Only scaled mentors
without a supervision link are handled.
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from certification.codes import generate_code
from certification.credentials.allocation import status_indexes_allocate
from certification.dates import add_months
from certification.models import (
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    CertificationProgramme,
    Endorsement,
    PracticeLog,
    SupervisionLink,
)
from certification.selectors import programme_default
from cms.models import User
from courses.models import Competency
from demo import content
from demo.practice import practice_log
from demo.scale.learning import completes_foundations, stage_of
from demo.scale.mentors import batches_logged, index_of, scaled_mentors

Status = PracticeLog.Status
DAY = datetime.timedelta(days=1)
CERTIFICATE_STATE = {
    3: CertificateStatus.EXPIRED,
    4: CertificateStatus.SUPERSEDED,  # and an active renewal
    5: CertificateStatus.SUSPENDED,
    6: CertificateStatus.REVOKED,
}


def serial(index: int, renewal: bool = False) -> str:
    return f"PMA-SCALE-{index * 2 + int(renewal):07d}"


def _on(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _logs(*, mentor_id, supervisor_id, index, joined, today, competencies):
    """(log, competency ids) of one mentor, oldest first: the demo ``certified`` mentor's logs
    for those who completed Foundations, the start of the demo ``mentor``'s for the others."""
    logs = content.practice()["logs"]
    if completes_foundations(index):
        plan = [{**entry, "status": Status.APPROVED} for entry in logs["certified"]]
    else:
        plan = logs["mentor"][: 2 + stage_of(index)]
    first = joined + datetime.timedelta(days=12)
    span = max(len(plan), (today - datetime.timedelta(days=10) - first).days)
    days = [first + DAY * (span * position // len(plan)) for position in range(len(plan))]
    if completes_foundations(index) and index % 3 == 0:
        plan.append({**logs["mentor"][-1], "status": Status.SUBMITTED})
        days.append(today - (1 + index % 9) * DAY)
    return [
        (
            practice_log(
                entry,
                mentor_id=mentor_id,
                supervisor_id=supervisor_id,
                session_date=day,
                reviewed_at=_on(day + 2 * DAY),
            ),
            [competencies[slug] for slug in entry["competencies"]],
        )
        for entry, day in zip(plan, days, strict=True)
    ]


def _certificates(*, holder, index, programme, issue_day, today, evidence, now):
    """The certificate(s) of one qualified mentor: [(certificate, renews_first)]."""
    validity, grace = programme.validity_months, programme.grace_days
    state = CERTIFICATE_STATE.get(stage_of(index), CertificateStatus.ACTIVE)

    def make(start, *, status, renewal=False, changed=None):
        until = add_months(start, validity)
        return Certificate(
            serial=serial(index, renewal),
            verification_code=generate_code(),
            holder_id=holder.pk,
            holder_name=holder.public_name,
            programme_id=programme.pk,
            issued_at=_on(start, 9),
            valid_from=start,
            valid_until=until,
            grace_until=until + datetime.timedelta(days=grace),
            status=status,
            status_changed_at=min(changed or _on(start, 9), now),
            evidence=evidence,
        )

    if state == CertificateStatus.EXPIRED:
        start = add_months(today, -validity) - datetime.timedelta(days=grace + 20 + index % 90)
        certificate = make(start, status=state)
        certificate.status_changed_at = _on(certificate.grace_until + DAY, 2)
        return [(certificate, False)]
    if state == CertificateStatus.SUPERSEDED:
        start = add_months(today, -validity) + datetime.timedelta(days=10 + index % 40)
        renewed_on = today - (1 + index % 9) * DAY
        old = make(start, status=state, changed=_on(renewed_on, 9))
        return [
            (old, False),
            (make(renewed_on, status=CertificateStatus.ACTIVE, renewal=True), True),
        ]
    changed = _on(issue_day + 20 * DAY) if state != CertificateStatus.ACTIVE else None
    return [(make(issue_day, status=state, changed=changed), False)]


def _events(certificate: Certificate, *, renewal: bool) -> list[CertificateEvent]:
    kind = CertificateEventKind.RENEWED if renewal else CertificateEventKind.ISSUED
    events = [CertificateEvent(certificate_id=certificate.pk, kind=kind, at=certificate.issued_at)]
    if certificate.status != CertificateStatus.ACTIVE:
        events.append(
            CertificateEvent(
                certificate_id=certificate.pk,
                kind=certificate.status,  # suspended, revoked, expired, superseded
                at=certificate.status_changed_at,
                reason="Scaled demo history.",
            )
        )
    return events


def seed_scale(*, count: int, log: Callable[[str], None]) -> None:
    supervisor = User.objects.filter(username="supervisor").first()
    programme = programme_default() or CertificationProgramme.objects.first()
    if supervisor is None or programme is None:
        log("Scale: no demo supervisor or programme; certification skipped.")
        return
    competencies = {c.slug: c.pk for c in Competency.objects.all()}
    template = Certificate.objects.filter(holder__username="certified").first()
    evidence = template.evidence if template else {}
    mentors = list(
        scaled_mentors(count).filter(
            ~Exists(SupervisionLink.objects.filter(mentor_id=OuterRef("pk")))
        )
    )
    if not mentors:
        return
    now = timezone.now()
    today = timezone.localdate()
    through = PracticeLog.competencies.through
    log(f"Scale: practice, endorsements and certificates for {len(mentors):,} mentors.")
    for batch in batches_logged(mentors, log=log, label="practice, certificates"):
        links, logs, endorsements, firsts, renewals = [], [], [], [], []
        for mentor in batch:
            index = index_of(mentor.username)
            joined = timezone.localdate(mentor.date_joined)
            links.append(SupervisionLink(supervisor=supervisor, mentor=mentor, start=joined))
            mentor_logs = _logs(
                mentor_id=mentor.pk,
                supervisor_id=supervisor.pk,
                index=index,
                joined=joined,
                today=today,
                competencies=competencies,
            )
            logs.extend(mentor_logs)
            if not completes_foundations(index):
                continue
            last_approved = max(
                row.session_date for row, _c in mentor_logs if row.status == Status.APPROVED
            )
            issue_day = last_approved + 3 * DAY
            endorsements.append(
                Endorsement(
                    mentor=mentor,
                    programme=programme,
                    supervisor=supervisor,
                    endorsed_at=_on(issue_day - DAY),
                    statement="Safe, warm and boundaried in supervised sessions.",
                )
            )
            for certificate, renewal in _certificates(
                holder=mentor,
                index=index,
                programme=programme,
                issue_day=issue_day,
                today=today,
                evidence=evidence,
                now=now,
            ):
                (renewals if renewal else firsts).append(certificate)
        with transaction.atomic():
            SupervisionLink.objects.bulk_create(links)
            created = PracticeLog.objects.bulk_create([row for row, _ids in logs])
            through.objects.bulk_create(
                [
                    through(practicelog_id=practice_log.pk, competency_id=competency_id)
                    for practice_log, (_row, ids) in zip(created, logs, strict=True)
                    for competency_id in ids
                ]
            )
            Endorsement.objects.bulk_create(endorsements)
            indexes = iter(status_indexes_allocate(count=len(firsts) + len(renewals)))
            for certificate in [*firsts, *renewals]:
                certificate.status_index = next(indexes)
            Certificate.objects.bulk_create(firsts)
            first_of = {certificate.holder_id: certificate for certificate in firsts}
            for renewal in renewals:
                renewal.previous_id = first_of[renewal.holder_id].pk
            Certificate.objects.bulk_create(renewals)
            CertificateEvent.objects.bulk_create(
                [event for c in firsts for event in _events(c, renewal=False)]
                + [event for c in renewals for event in _events(c, renewal=True)]
            )
