"""Read-only queries for supervised practice."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certification.models import (
    Endorsement,
    PracticeLog,
    SupervisionLink,
    SupervisorProfile,
)
from certification.models.practice import active_member_q
from cms.models import User
from cms.roles import COORDINATORS, MENTORS, SUPERVISORS, user_has_role
from courses.models import Competency


def supervision_link_active(
    *, mentor: AbstractBaseUser | int, on: datetime.date
) -> SupervisionLink | None:
    """The supervision link in force for ``mentor`` on ``on`` (the latest-starting one), or None.

    "In force" is ``SupervisionLink.objects.in_force_on``: the link covers the day and its
    supervisor is an active member of Supervisors. Overlapping links are refused when saved, so
    there is at most one; the ordering only makes old data deterministic.
    """
    return (
        SupervisionLink.objects.in_force_on(on)
        .filter(mentor=mentor)
        .select_related("supervisor")
        .order_by("-start", "-pk")
        .first()
    )


def supervisors_available() -> QuerySet[User]:
    """Who may be chosen as a supervisor: active members of Supervisors."""
    return (
        User.objects.filter(active_member_q(SUPERVISORS))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def mentors_available() -> QuerySet[User]:
    """Who may be chosen as a supervised mentor: active members of Mentors."""
    return (
        User.objects.filter(active_member_q(MENTORS))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _is_active_supervisor(user: AbstractBaseUser) -> bool:
    return User.objects.filter(active_member_q(SUPERVISORS), pk=user.pk).exists()


def _long_date(day: datetime.date) -> str:
    return date_format(day, "j F Y")


_UNKNOWN = object()


def supervisor_qualification_problems(
    *, supervisor: AbstractBaseUser, programme, on: datetime.date, profile=_UNKNOWN
) -> list[str]:
    """Is ``supervisor`` qualified to sign off for ``programme`` on ``on``? The one answer,
    as the reasons why not (empty: qualified).

    A programme with ``supervisor_qualification_required`` asks for a recorded qualification
    (its kind and identifier on the supervisor's profile) that is in date on ``on`` (the expiry
    day itself still counts; no expiry date means it does not expire); ``supervisor_min_years``
    asks for that many years supervising peers on record. A programme that asks neither is
    satisfied by anyone. ``profile`` (the supervisor's, or None) saves a query when the caller
    already read it.
    """
    required = programme.supervisor_qualification_required
    min_years = programme.supervisor_min_years
    if not required and not min_years:
        return []
    if profile is _UNKNOWN:
        profile = SupervisorProfile.objects.filter(user_id=supervisor.pk).first()
    name = supervisor.public_name
    if profile is None or (required and not profile.qualification.strip()):
        return [_("No supervisor qualification is on record for %(name)s.") % {"name": name}]
    problems = []
    if required and not profile.credential_id.strip():
        problems.append(
            _("The supervisor qualification of %(name)s has no identifier on record.")
            % {"name": name}
        )
    elif required and profile.qualification_expires and profile.qualification_expires < on:
        problems.append(
            _("The supervisor qualification of %(name)s expired on %(date)s.")
            % {"name": name, "date": _long_date(profile.qualification_expires)}
        )
    if profile.years_supervising < min_years:
        problems.append(
            _(
                "%(programme)s asks for at least %(years)s years of supervising peers; "
                "%(recorded)s are on record for %(name)s."
            )
            % {
                "programme": programme.name,
                "years": min_years,
                "recorded": profile.years_supervising,
                "name": name,
            }
        )
    return problems


def supervisor_sign_off_problems(
    *, supervisor: AbstractBaseUser, on: datetime.date, qualification: bool = True
) -> list[str]:
    """Why ``supervisor`` cannot sign off practice logs on ``on`` (empty: they can).

    They must be an active member of Supervisors. With ``qualification``, they must also meet
    the supervisor qualification of EVERY programme open for certification (``is_active``) that
    asks for one: approved minutes are not tied to a programme, they count toward every
    programme the mentor pursues, so a sign-off must be good enough for the strictest open
    programme. Closed programmes do not bind.
    """
    if not _is_active_supervisor(supervisor):
        return [_("%(name)s is no longer an active supervisor.") % {"name": supervisor.public_name}]
    if not qualification:
        return []
    programmes = programmes_open().filter(
        Q(supervisor_qualification_required=True) | Q(supervisor_min_years__gt=0)
    )
    profile = SupervisorProfile.objects.filter(user_id=supervisor.pk).first()
    problems: list[str] = []
    for programme in programmes:
        for problem in supervisor_qualification_problems(
            supervisor=supervisor, programme=programme, on=on, profile=profile
        ):
            if problem not in problems:
                problems.append(problem)
    return problems


def practice_log_reviewer(
    *, mentor: AbstractBaseUser, session_date: datetime.date, on: datetime.date
) -> tuple[AbstractBaseUser | None, list[str]]:
    """Who reviews a log of a session on ``session_date``, asked on ``on``: (reviewer, problems).

    The supervisor in force on the session date reviews it. If the link covering that date names
    someone who can no longer sign off (they left, lost the role, or their qualification lapsed),
    the mentor's supervisor in force on ``on`` takes over. Practice on a day no link covered was
    not supervised: (None, [reason]). When nobody can sign off, the first candidate is returned
    with the reasons, so a draft can still be kept while a coordinator sorts it out.
    """
    session_link = supervision_link_active(mentor=mentor, on=session_date)
    if session_link is None and not (
        SupervisionLink.objects.filter(mentor=mentor)
        .overlapping(start=session_date, end=session_date)
        .exists()
    ):
        return None, [_("You have no supervisor for that date; ask your coordinator.")]
    current_link = supervision_link_active(mentor=mentor, on=on)
    candidates = []
    for link in (session_link, current_link):
        if link is not None and link.supervisor not in candidates:
            candidates.append(link.supervisor)
    if not candidates:
        return None, [
            _(
                "Your supervisor for that date can no longer review logs and you have no "
                "supervisor today; ask your coordinator."
            )
        ]
    first_problems = None
    for candidate in candidates:
        problems = supervisor_sign_off_problems(supervisor=candidate, on=on)
        if not problems:
            return candidate, []
        first_problems = first_problems or problems
    return candidates[0], first_problems


def practice_log_review_blocked(*, log: PracticeLog, on: datetime.date) -> list[str]:
    """Why nobody can review this submitted log now (empty: its supervisor can, or it is not
    waiting for review). Its supervisor cannot sign it off: they left, lost the role, or no
    longer meet an open programme's qualification."""
    if log.status != PracticeLog.Status.SUBMITTED:
        return []
    return supervisor_sign_off_problems(supervisor=log.supervisor, on=on)


def practice_logs_to_reassign(*, on: datetime.date) -> list[PracticeLog]:
    """Submitted logs waiting for someone who is not the mentor's supervisor in force on ``on``
    (they left, lost the role, or the link moved to someone else), each with
    ``current_supervisor``: the mentor's supervisor now, or None when the mentor has none (a
    link must be added first). Oldest session first. Three queries, whatever the count."""
    current = (
        SupervisionLink.objects.in_force_on(on)
        .filter(mentor=OuterRef("mentor"))
        .order_by("-start", "-pk")
        .values("supervisor")[:1]
    )
    logs = list(
        PracticeLog.objects.filter(status=PracticeLog.Status.SUBMITTED)
        .annotate(current_supervisor_id=Subquery(current))
        .filter(Q(current_supervisor_id__isnull=True) | ~Q(current_supervisor_id=F("supervisor")))
        .select_related("mentor", "supervisor")
        .order_by("session_date", "pk")
    )
    supervisors = User.objects.in_bulk({log.current_supervisor_id for log in logs} - {None})
    for log in logs:
        log.current_supervisor = supervisors.get(log.current_supervisor_id)
    return logs


def supervision_link_history(*, link: SupervisionLink) -> list[str]:
    """What a supervision link carries that deleting it would lose, as short phrases (empty: it
    was made by mistake and may be deleted): practice logs the mentor wrote for sessions under it
    to its supervisor, endorsements its supervisor gave the mentor during it, and whatever a
    downstream app relies on (``signals.supervision_link_in_use``: matching's open
    assignments)."""
    from certification.signals import supervision_link_in_use

    logs = PracticeLog.objects.filter(
        mentor_id=link.mentor_id, supervisor_id=link.supervisor_id, session_date__gte=link.start
    )
    endorsements = Endorsement.objects.filter(
        mentor_id=link.mentor_id,
        supervisor_id=link.supervisor_id,
        endorsed_at__date__gte=link.start,
    )
    if link.end is not None:
        logs = logs.filter(session_date__lte=link.end)
        endorsements = endorsements.filter(endorsed_at__date__lte=link.end)
    reasons = []
    if count := logs.count():
        reasons.append(
            ngettext(
                "%(count)s practice log written under it",
                "%(count)s practice logs written under it",
                count,
            )
            % {"count": count}
        )
    if count := endorsements.count():
        reasons.append(
            ngettext(
                "%(count)s endorsement given under it",
                "%(count)s endorsements given under it",
                count,
            )
            % {"count": count}
        )
    for _receiver, answer in supervision_link_in_use.send(sender=SupervisionLink, link=link):
        reasons.extend(str(reason) for reason in answer or [])
    return reasons


def supervision_link_delete_refusal(*, link: SupervisionLink) -> str:
    """Why this link may not be deleted, as the message for the coordinator ("" when it may)."""
    if reasons := supervision_link_history(link=link):
        return _(
            "This supervision link cannot be deleted: %(reasons)s. Its history must be kept, so "
            "set an end date instead."
        ) % {"reasons": "; ".join(reasons)}
    return ""


def practice_logs_for_mentor(*, mentor: AbstractBaseUser) -> QuerySet[PracticeLog]:
    """A mentor's own logs, newest session first; nobody else's."""
    return (
        PracticeLog.objects.filter(mentor=mentor)
        .select_related("supervisor")
        .prefetch_related("competencies")
    )


def practice_log_for_mentor(*, mentor: AbstractBaseUser, pk: int) -> PracticeLog | None:
    """One of the mentor's own logs, or None (so another mentor's id reads as not found)."""
    return practice_logs_for_mentor(mentor=mentor).filter(pk=pk).first()


def practice_minutes_by_competency(
    *, mentor: AbstractBaseUser, status: str = PracticeLog.Status.APPROVED
) -> list[dict]:
    """Minutes per competency for one mentor's logs in ``status`` (approved by default).

    Every competency is listed, with 0 where nothing counts yet; a log that practised several
    competencies counts its full duration towards each. One aggregate query, whatever the number
    of logs.
    """
    minutes = Sum(
        "practice_logs__duration_minutes",
        filter=Q(practice_logs__mentor=mentor, practice_logs__status=status),
    )
    rows = Competency.objects.annotate(minutes=minutes).order_by("sort_order", "name")
    return [{"competency": competency, "minutes": competency.minutes or 0} for competency in rows]


def practice_minutes_total(
    *, mentor: AbstractBaseUser, status: str = PracticeLog.Status.APPROVED
) -> int:
    """Total minutes of a mentor's logs in ``status``, each log counted once."""
    total = PracticeLog.objects.filter(mentor=mentor, status=status).aggregate(
        total=Sum("duration_minutes")
    )["total"]
    return total or 0


def practice_logs_visible_to(*, user: AbstractBaseUser) -> QuerySet[PracticeLog]:
    """Logs a staff user may see in the admin.

    Coordinators (and superusers) see every log, read-only. A supervisor sees only the logs
    addressed to them, i.e. their own supervisees', never their own logs as a mentor.
    """
    queryset = PracticeLog.objects.select_related("mentor", "supervisor").prefetch_related(
        "competencies"
    )
    if user.is_superuser or user_has_role(user, COORDINATORS):
        return queryset
    return queryset.filter(supervisor=user).exclude(mentor=user)


def practice_log_supervisor_queue(*, supervisor: AbstractBaseUser) -> QuerySet[PracticeLog]:
    """The supervisor's review queue: their supervisees' submitted logs, oldest first."""
    return (
        practice_logs_visible_to(user=supervisor)
        .filter(supervisor=supervisor, status=PracticeLog.Status.SUBMITTED)
        .order_by("session_date", "pk")
    )


def supervisees_progress(*, supervisor: AbstractBaseUser) -> list[dict]:
    """For each mentor the supervisor supervises (any link, past or present): approved minutes
    per competency, total approved minutes and how many logs wait for review.

    Two queries for the whole table: one for the mentors, one grouped aggregate for the minutes.
    """
    mentors = list(
        User.objects.filter(
            pk__in=SupervisionLink.objects.filter(supervisor=supervisor).values("mentor")
        )
        .annotate(
            approved_total=Sum(
                "practice_logs__duration_minutes",
                filter=Q(practice_logs__status=PracticeLog.Status.APPROVED),
            ),
            pending=Count(
                "practice_logs",
                filter=Q(
                    practice_logs__status=PracticeLog.Status.SUBMITTED,
                    practice_logs__supervisor=supervisor,
                ),
            ),
        )
        .order_by("first_name", "last_name", "username")
    )
    competencies = list(Competency.objects.order_by("sort_order", "name"))
    per_competency = {
        (row["practice_logs__mentor"], row["pk"]): row["minutes"]
        for row in Competency.objects.filter(
            practice_logs__mentor__in=[m.pk for m in mentors],
            practice_logs__status=PracticeLog.Status.APPROVED,
        )
        .values("pk", "practice_logs__mentor")
        .annotate(minutes=Sum("practice_logs__duration_minutes"))
    }
    return [
        {
            "mentor": mentor,
            "approved_total": mentor.approved_total or 0,
            "pending": mentor.pending,
            "competencies": [
                {"competency": c, "minutes": per_competency.get((mentor.pk, c.pk), 0)}
                for c in competencies
            ],
        }
        for mentor in mentors
    ]


# --- Certificates ---------------------------------------------------------------------------


def programmes_open() -> QuerySet:
    from certification.models import CertificationProgramme

    return CertificationProgramme.objects.filter(is_active=True).order_by("-is_default", "name")


def programme_default():
    from certification.models import CertificationProgramme

    return CertificationProgramme.objects.filter(is_default=True).first()


def certificates_of(*, holder) -> QuerySet:
    from certification.models import Certificate

    return (
        Certificate.objects.filter(holder=holder).select_related("programme").order_by("-issued_at")
    )


def certificate_by_code(*, code: str | None):
    """The certificate with this normalised code, or None. Always one query, so that unknown
    and malformed codes take as long as real ones."""
    from certification.models import Certificate

    return (
        Certificate.objects.filter(verification_code=code or "-")
        .select_related("programme", "holder")
        .only(
            "serial",
            "verification_code",
            "holder_name",
            "holder__erased_at",
            "status",
            "valid_from",
            "valid_until",
            "grace_until",
            "issued_at",
            "programme__name",
            "programme__slug",
        )
        .first()
    )


def verification_status(certificate, *, on) -> str:
    """What a verifier is told: valid, expired, suspended, revoked or superseded."""
    from certification.models import CertificateStatus

    if certificate.status == CertificateStatus.ACTIVE:
        return "valid" if certificate.valid_from <= on <= certificate.grace_until else "expired"
    return certificate.status


def certificate_event_reason(certificate, *, kind: str) -> str:
    """The reason recorded with the certificate's latest event of this kind ("" if none), e.g.
    why it was revoked: the holder was e-mailed it and their certification page repeats it."""
    event = certificate.events.filter(kind=kind).order_by("at", "pk").last()
    return event.reason if event else ""


def competency_minutes_required(*, programme=None) -> dict[int, int]:
    """Approved minutes the programme (default: the site's default) asks per competency."""
    from certification.models import CompetencyRequirement

    programme = programme or programme_default()
    if programme is None:
        return {}
    return dict(
        CompetencyRequirement.objects.filter(programme=programme).values_list(
            "competency_id", "minutes"
        )
    )


def certificate_for_credential(*, code: str | None):
    """The certificate behind a credential (with its evidence and status index), or None. Always
    one query, like certificate_by_code. None too once the holder's data was erased: the signed
    document carried their name; the status list still answers "revoked" for copies held
    elsewhere."""
    from certification.models import Certificate

    return (
        Certificate.objects.filter(verification_code=code or "-", holder__erased_at__isnull=True)
        .select_related("programme")
        .only(
            "verification_code",
            "holder_name",
            "status",
            "issued_at",
            "valid_from",
            "valid_until",
            "evidence",
            "status_index",
            "programme__name",
            "programme__slug",
            "programme__description",
        )
        .first()
    )


def status_lists_in_use() -> int:
    """How many status lists hold at least one allocated index (from the allocation counter)."""
    from certification.credentials.status import COUNTER_KEY, LIST_SIZE
    from certification.models import SerialCounter

    allocated = (
        SerialCounter.objects.filter(key=COUNTER_KEY).values_list("value", flat=True).first()
    )
    return -(-(allocated or 0) // LIST_SIZE)


def status_list_positions(*, purpose: str, number: int) -> list[int]:
    """The set bits of one status list, from one query whatever the number of certificates.

    Revocation is for good: revoked certificates, and those replaced by a renewal (so a
    superseded certificate's credential stops verifying even if its successor is later
    revoked). Suspension is the reversible state: reinstating clears the bit.
    """
    from certification.credentials.status import REVOCATION, list_range
    from certification.models import Certificate, CertificateStatus

    statuses = (
        [CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED]
        if purpose == REVOCATION
        else [CertificateStatus.SUSPENDED]
    )
    start, end = list_range(number)
    indexes = Certificate.objects.filter(
        status_index__gte=start, status_index__lt=end, status__in=statuses
    ).values_list("status_index", flat=True)
    return [index - start for index in indexes]
