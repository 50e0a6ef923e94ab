"""The demo's supervised practice and certificate: runs after the site (accounts) and learning
(competencies, courses) steps.

``supervisor`` supervises ``mentor`` and ``certified``; ``certified`` has 24 approved hours
across all six competencies; ``mentor`` has 5 approved hours, one submitted log and one with
changes requested. Logs are keyed on (mentor, session date), so running again adds nothing.
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from certification import services
from certification.models import (
    Certificate,
    CertificationProgramme,
    CompetencyRequirement,
    Endorsement,
    PracticeLog,
    PracticeLogEvent,
    SupervisionLink,
    SupervisorProfile,
)
from cms.models import User
from courses.models import Competency, CoursePage
from demo import content

Status = PracticeLog.Status
JOINED_DAYS_AGO = 120

REVIEWED = (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED)


def practice_log(entry: dict, *, mentor_id, supervisor_id, session_date, reviewed_at):
    """An unsaved PracticeLog from one of the ``logs`` in demo/content/practice.yaml; a log
    without a status is approved, and ``reviewed_at`` applies only to a reviewed one."""
    status = entry.get("status", Status.APPROVED)
    reviewed = status in REVIEWED
    return PracticeLog(
        mentor_id=mentor_id,
        supervisor_id=supervisor_id,
        session_date=session_date,
        duration_minutes=entry["minutes"],
        setting=entry["setting"],
        reflection=entry["reflection"],
        status=status,
        reviewer_id=supervisor_id if reviewed else None,
        reviewed_at=reviewed_at if reviewed else None,
        review_comment=entry.get("review_comment", ""),
    )


def _path_to(status: str) -> list[str]:
    if status == Status.DRAFT:
        return [Status.DRAFT]
    if status == Status.SUBMITTED:
        return [Status.DRAFT, Status.SUBMITTED]
    return [Status.DRAFT, Status.SUBMITTED, status]


def demo_log(*, mentor, supervisor, today, entry: dict, competencies, log) -> None:
    """One log of ``entry`` (see ``practice_log``) with its competencies and the events of its
    path to its status; none if ``mentor`` has a log on that day already."""
    session_date = today - datetime.timedelta(days=entry["days_ago"])
    if PracticeLog.objects.filter(mentor=mentor, session_date=session_date).exists():
        return
    created = practice_log(
        entry,
        mentor_id=mentor.pk,
        supervisor_id=supervisor.pk,
        session_date=session_date,
        reviewed_at=timezone.now(),
    )
    created.save(force_insert=True)
    created.competencies.set([competencies[slug] for slug in entry["competencies"]])
    previous = ""
    for step in _path_to(created.status):
        actor = supervisor if step in (Status.APPROVED, Status.CHANGES_REQUESTED) else mentor
        PracticeLogEvent.objects.create(
            log=created,
            from_status=previous,
            to_status=step,
            actor=actor,
            comment=created.review_comment if actor == supervisor else "",
        )
        previous = step
    log(f"Created a {created.status} practice log for {mentor.username} on {session_date}.")


@transaction.atomic
def seed(*, log: Callable[[str], None]) -> None:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["supervisor", "mentor", "certified"])
    }
    if len(users) < 3:
        return
    supervisor = users["supervisor"]
    competencies = {c.slug: c for c in Competency.objects.all()}
    today = timezone.localdate()
    joined = timezone.now() - datetime.timedelta(days=JOINED_DAYS_AGO)
    profile, _created = SupervisorProfile.objects.get_or_create(
        user=supervisor,
        defaults={
            "qualification": "Registered mental health nurse, clinical supervision certificate",
            "credential_id": "NMC-DEMO-0001",
            "qualification_expires": today + datetime.timedelta(days=3 * 365),
            "years_supervising": 8,
        },
    )
    if profile.qualification_expires is not None and profile.qualification_expires < today:
        # A demo re-seeded years later: the demo supervisor renewed their qualification.
        profile.qualification_expires = today + datetime.timedelta(days=3 * 365)
        profile.save(update_fields=["qualification_expires"])
    for username in ("mentor", "certified"):
        mentee = users[username]
        if mentee.date_joined > joined:
            mentee.date_joined = joined
            mentee.save(update_fields=["date_joined"])
        _link, created = SupervisionLink.objects.get_or_create(
            supervisor=supervisor,
            mentor=mentee,
            defaults={"start": today - datetime.timedelta(days=JOINED_DAYS_AGO)},
        )
        if created:
            log(f"Linked supervisor to {username}.")
    common = {"supervisor": supervisor, "today": today, "competencies": competencies, "log": log}
    for username, entries in content.practice()["logs"].items():
        for entry in entries:
            demo_log(mentor=users[username], entry=entry, **common)
    seed_certification(supervisor=supervisor, certified=users["certified"], log=log)


PROGRAMME_FIELDS = [
    "name",
    "description",
    "required_minutes_total",
    "supervisor_qualification_required",
    "supervisor_min_years",
]


def seed_programme(*, log: Callable[[str], None]) -> CertificationProgramme:
    """The programme of demo/content/practice.yaml, the default one unless another is."""
    spec = content.practice()["programme"]
    programme, created = CertificationProgramme.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            **{field: spec[field] for field in PROGRAMME_FIELDS},
            "is_default": not CertificationProgramme.objects.filter(is_default=True).exists(),
        },
    )
    if created:
        competencies = {c.slug: c for c in Competency.objects.all()}
        for order, (slug, minutes) in enumerate(spec["competency_minutes"].items()):
            CompetencyRequirement.objects.create(
                programme=programme,
                competency=competencies[slug],
                minutes=minutes,
                sort_order=order,
            )
        programme.required_courses.set(
            CoursePage.objects.filter(slug__in=spec["required_course_slugs"])
        )
        programme.save()
        log(f"Created the programme {programme.name}.")
    return programme


def seed_certification(*, supervisor, certified, log: Callable[[str], None]) -> None:
    """`certified` is endorsed and holds an active certificate with its PDF already rendered."""
    programme = seed_programme(log=log)
    if not Endorsement.objects.filter(mentor=certified, programme=programme).exists():
        Endorsement.objects.create(
            mentor=certified,
            programme=programme,
            supervisor=supervisor,
            endorsed_at=timezone.now() - datetime.timedelta(days=30),
            statement="Consistently safe, warm and boundaried in supervised sessions.",
        )
    if Certificate.objects.filter(holder=certified, programme=programme).exists():
        return
    certificate = services.certificate_issue_if_eligible(
        mentor_id=certified.pk, programme=programme
    )
    if certificate is None:
        log("certified does not meet the programme yet; no certificate issued.")
        return
    services.certificate_pdf_store(certificate_id=certificate.pk)
    log(f"Issued certificate {certificate.serial} to certified (PDF rendered).")
