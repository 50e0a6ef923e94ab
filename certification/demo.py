"""Demo data for supervised practice: runs after cms (accounts) and courses (competencies).

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
from courses.models import Competency

Status = PracticeLog.Status
Setting = PracticeLog.Setting
JOINED_DAYS_AGO = 120

CERTIFIED_LOGS = [
    # days ago, minutes, setting, competency slugs, reflection
    (
        110,
        180,
        Setting.ROLE_PLAY,
        ["active-listening", "empathy-validation"],
        "Role-played a first meeting. I let silences sit longer and reflected feelings back.",
    ),
    (
        100,
        180,
        Setting.SHADOWING,
        ["boundaries", "confidentiality"],
        "Shadowed an experienced mentor. Noticed how she explained what stays private.",
    ),
    (
        90,
        180,
        Setting.CO_FACILITATED,
        ["active-listening", "referral"],
        "Co-facilitated a peer group. Signposted my mentee to the housing advice service.",
    ),
    (
        80,
        180,
        Setting.ROLE_PLAY,
        ["crisis-intervention", "confidentiality"],
        "Crisis role-play: practised asking directly about safety and staying calm.",
    ),
    (
        70,
        180,
        Setting.SUPERVISED_LIVE,
        ["empathy-validation", "boundaries"],
        "Supervised session with my mentee J. Held a boundary about contact outside sessions.",
    ),
    (
        60,
        180,
        Setting.SUPERVISED_LIVE,
        ["crisis-intervention", "referral"],
        "My mentee was struggling; we made a safety plan together and agreed next steps.",
    ),
    (
        50,
        180,
        Setting.CO_FACILITATED,
        ["active-listening", "empathy-validation", "boundaries"],
        "Co-led the recovery group. Balanced sharing my story with keeping the focus on them.",
    ),
    (
        40,
        180,
        Setting.SUPERVISED_LIVE,
        ["confidentiality", "crisis-intervention", "referral"],
        "Explained confidentiality limits at the start; it made the later conversation easier.",
    ),
]

MENTOR_LOGS = [
    # days ago, minutes, setting, competency slugs, status, review comment, reflection
    (
        60,
        100,
        Setting.ROLE_PLAY,
        ["active-listening"],
        Status.APPROVED,
        "",
        "First role-play as the mentor. I interrupted less in the second half.",
    ),
    (
        45,
        100,
        Setting.SHADOWING,
        ["empathy-validation", "boundaries"],
        Status.APPROVED,
        "",
        "Shadowed a session; noticed how validation came before any suggestion.",
    ),
    (
        30,
        100,
        Setting.CO_FACILITATED,
        ["confidentiality"],
        Status.APPROVED,
        "",
        "Co-facilitated a drop-in; practised explaining what I would keep private.",
    ),
    (
        14,
        90,
        Setting.ROLE_PLAY,
        ["crisis-intervention"],
        Status.CHANGES_REQUESTED,
        (
            "Good start. Please add what you would do differently next time, and which "
            "services you would refer to."
        ),
        "Crisis role-play. It felt hard.",
    ),
    (
        7,
        60,
        Setting.SUPERVISED_LIVE,
        ["active-listening", "referral"],
        Status.SUBMITTED,
        "",
        "First supervised session with my mentee. We agreed to look at local peer groups.",
    ),
]


def _path_to(status: str) -> list[str]:
    if status == Status.DRAFT:
        return [Status.DRAFT]
    if status == Status.SUBMITTED:
        return [Status.DRAFT, Status.SUBMITTED]
    return [Status.DRAFT, Status.SUBMITTED, status]


def _demo_log(
    *,
    mentor,
    supervisor,
    today,
    days_ago,
    minutes,
    setting,
    slugs,
    reflection,
    status,
    comment,
    competencies,
    log,
) -> None:
    session_date = today - datetime.timedelta(days=days_ago)
    if PracticeLog.objects.filter(mentor=mentor, session_date=session_date).exists():
        return
    reviewed = status in (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED)
    practice_log = PracticeLog.objects.create(
        mentor=mentor,
        supervisor=supervisor,
        session_date=session_date,
        duration_minutes=minutes,
        setting=setting,
        reflection=reflection,
        status=status,
        reviewer=supervisor if reviewed else None,
        reviewed_at=timezone.now() if reviewed else None,
        review_comment=comment,
    )
    practice_log.competencies.set([competencies[slug] for slug in slugs])
    previous = ""
    for step in _path_to(status):
        actor = supervisor if step in (Status.APPROVED, Status.CHANGES_REQUESTED) else mentor
        PracticeLogEvent.objects.create(
            log=practice_log,
            from_status=previous,
            to_status=step,
            actor=actor,
            comment=comment if actor == supervisor else "",
        )
        previous = step
    log(f"Created a {status} practice log for {mentor.username} on {session_date}.")


@transaction.atomic
def seed(*, log: Callable[[str], None], scale: int = 0) -> None:
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
    for days_ago, minutes, setting, slugs, reflection in CERTIFIED_LOGS:
        _demo_log(
            mentor=users["certified"],
            days_ago=days_ago,
            minutes=minutes,
            setting=setting,
            slugs=slugs,
            reflection=reflection,
            status=Status.APPROVED,
            comment="",
            **common,
        )
    for days_ago, minutes, setting, slugs, status, comment, reflection in MENTOR_LOGS:
        _demo_log(
            mentor=users["mentor"],
            days_ago=days_ago,
            minutes=minutes,
            setting=setting,
            slugs=slugs,
            reflection=reflection,
            status=status,
            comment=comment,
            **common,
        )
    seed_certification(supervisor=supervisor, certified=users["certified"], log=log)


PROGRAMME = {
    "slug": "certified-peer-mentor",
    "name": "Certified Peer Mentor",
    "description": (
        "The core certificate for volunteer peer mentors: the Foundations course with its "
        "quizzes, twenty hours of supervised practice across the core skills, and a "
        "supervisor's endorsement. Valid for two years; renewed by continued practice."
    ),
    "required_minutes_total": 1200,
    "competency_minutes": {
        "active-listening": 180,
        "boundaries": 120,
        "confidentiality": 120,
        "crisis-intervention": 180,
    },
    "required_course_slugs": ["peer-mentor-foundations"],
    # Sign-offs and endorsements count from a recorded, in-date qualification and two years of
    # supervising peers (the demo supervisor has eight).
    "supervisor_qualification_required": True,
    "supervisor_min_years": 2,
}


def seed_programme(*, log: Callable[[str], None]) -> CertificationProgramme:
    from courses.models import CoursePage

    programme, created = CertificationProgramme.objects.get_or_create(
        slug=PROGRAMME["slug"],
        defaults={
            "name": PROGRAMME["name"],
            "description": PROGRAMME["description"],
            "required_minutes_total": PROGRAMME["required_minutes_total"],
            "supervisor_qualification_required": PROGRAMME["supervisor_qualification_required"],
            "supervisor_min_years": PROGRAMME["supervisor_min_years"],
            "is_default": not CertificationProgramme.objects.filter(is_default=True).exists(),
        },
    )
    if created:
        competencies = {c.slug: c for c in Competency.objects.all()}
        for order, (slug, minutes) in enumerate(PROGRAMME["competency_minutes"].items()):
            CompetencyRequirement.objects.create(
                programme=programme,
                competency=competencies[slug],
                minutes=minutes,
                sort_order=order,
            )
        programme.required_courses.set(
            CoursePage.objects.filter(slug__in=PROGRAMME["required_course_slugs"])
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
