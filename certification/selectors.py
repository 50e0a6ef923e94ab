"""Read-only queries for supervised practice."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet, Sum

from certification.models import PracticeLog, SupervisionLink
from cms.models import User
from cms.roles import COORDINATORS, user_has_role
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


def organisation_name() -> str:
    """The issuing organisation's name from the default site's settings."""
    from wagtail.models import Site

    from cms.models import OrganisationSettings

    site = Site.objects.filter(is_default_site=True).first()
    organisation = OrganisationSettings.for_site(site) if site else OrganisationSettings()
    return organisation.organisation_name
