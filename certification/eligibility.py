"""Eligibility: for a mentor, a programme and a day, which requirements are met and what is left.

``eligibility_evaluate`` is the one place the certification rules are decided. It answers two
questions at once: does the mentor *qualify* (every requirement met, so a certificate may be
issued or renewed), and is the mentor *certified* (a certificate in force on that day, which is
what the matching gate trusts). It runs a constant number of queries whatever the history size.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certification.dates import add_months
from certification.models import (
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    CompetencyRequirement,
    Endorsement,
    PracticeLog,
    RecertificationDecision,
)


@dataclass(frozen=True)
class RequirementResult:
    code: str  # stable identifier, e.g. "practice_total", "competency:crisis-intervention"
    label: str  # what the requirement is, for a checklist
    met: bool
    current: int | None = None  # progress, e.g. minutes achieved
    required: int | None = None
    detail: str = ""  # what is missing, in a sentence a person can act on

    @property
    def percent(self) -> int:
        if self.met:
            return 100
        if not self.required:
            return 0
        return min(int(100 * (self.current or 0) / self.required), 99)


@dataclass
class Eligibility:
    mentor_id: int
    mentor_name: str
    programme: CertificationProgramme
    at: date
    requirements: list[RequirementResult]
    renewal: RequirementResult
    certificate: Certificate | None  # the current (active or suspended) or latest certificate
    extra_reasons: list[RequirementResult] = field(default_factory=list)
    # Set when the latest certificate was revoked and a coordinator allowed re-certification:
    # only practice and endorsements from this moment on count.
    evidence_since: datetime | None = None

    @property
    def revoked_without_decision(self) -> bool:
        """Revoked, and no coordinator has allowed re-certification: no path may issue."""
        return (
            self.certificate is not None
            and self.certificate.status == CertificateStatus.REVOKED
            and self.certificate.recertification_allowed_at is None
        )

    @property
    def qualifies(self) -> bool:
        """Every requirement for a first certificate is met."""
        return all(item.met for item in self.requirements)

    @property
    def certified(self) -> bool:
        """A certificate in this programme is in force on the day: what the gate trusts."""
        return self.certificate is not None and self.certificate.in_force_on(self.at)

    @property
    def unmet(self) -> list[RequirementResult]:
        """Why the mentor may not mentor on this day under this programme (empty if they may)."""
        if self.certified:
            return []
        reasons = [self.certificate_reason(), *self.extra_reasons]
        return reasons + [item for item in self.requirements if not item.met]

    def certificate_reason(self) -> RequirementResult:
        certificate = self.certificate
        name = self.programme.name
        if certificate is None:
            detail = _("%(mentor)s holds no certificate in %(programme)s.") % {
                "mentor": self.mentor_name,
                "programme": name,
            }
        elif certificate.status == CertificateStatus.SUSPENDED:
            detail = _("Certificate %(serial)s is suspended.") % {"serial": certificate.serial}
        elif certificate.status == CertificateStatus.REVOKED:
            detail = _("Certificate %(serial)s was revoked.") % {"serial": certificate.serial}
        elif certificate.status == CertificateStatus.EXPIRED or self.at > certificate.grace_until:
            detail = _("Certificate %(serial)s expired on %(date)s.") % {
                "serial": certificate.serial,
                "date": date_format(certificate.valid_until),
            }
        elif self.at < certificate.valid_from:
            detail = _("Certificate %(serial)s is only valid from %(date)s.") % {
                "serial": certificate.serial,
                "date": date_format(certificate.valid_from),
            }
        else:
            detail = _("Certificate %(serial)s is not in force.") % {"serial": certificate.serial}
        return RequirementResult(
            code="certificate",
            label=_("An active certificate in %(programme)s") % {"programme": name},
            met=False,
            detail=detail,
        )


def _approved_on_or_before(at: date) -> Q:
    return Q(status=PracticeLog.Status.APPROVED, session_date__lte=at)


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("%(h)d hour", "%(h)d hours", hours) % {"h": hours}
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": rest}


def _minutes_requirement(
    *, code: str, label: str, current: int, required: int, missing: str
) -> RequirementResult:
    met = current >= required
    return RequirementResult(
        code=code,
        label=label,
        met=met,
        current=current,
        required=required,
        detail="" if met else missing % {"left": _hours(required - current)},
    )


def course_requirements(
    *, mentor_id: int, programme: CertificationProgramme, at: date
) -> list[RequirementResult]:
    """One query: the programme's required courses and whether each was completed by `at`."""
    from courses.models import CoursePage, Enrolment

    completed = Enrolment.objects.filter(
        course_id=OuterRef("pk"), learner_id=mentor_id, completed_at__date__lte=at
    )
    rows = (
        CoursePage.objects.filter(required_by_programmes=programme)
        .annotate(done=Exists(completed))
        .order_by("title")
        .values_list("pk", "title", "done")
    )
    return [
        RequirementResult(
            code=f"course:{pk}",
            label=_("Complete the course “%(course)s”, including its quizzes") % {"course": title},
            met=done,
            current=int(done),
            required=1,
            detail="" if done else _("“%(course)s” is not completed yet.") % {"course": title},
        )
        for pk, title, done in rows
    ]


def eligibility_evaluate(*, mentor, programme: CertificationProgramme, at: date) -> Eligibility:
    """Each requirement of the programme for this mentor on day `at`, and their certificate.

    Requirements: the required courses completed (with their quizzes); approved practice
    minutes in total and per competency (sessions on or before `at`); a supervisor's
    endorsement if the programme asks for one. Renewal: approved minutes within the last
    validity period. Only approved practice counts. Four queries, whatever the history size.
    `mentor` may be a user or a user id; an unknown id raises User.DoesNotExist.
    """
    mentor_id = getattr(mentor, "pk", mentor)
    certificate = (  # the current one (active or suspended) first, else the most recent
        Certificate.objects.filter(holder_id=mentor_id, programme=programme)
        .current_first()
        .annotate(
            recertification_allowed_at=Subquery(
                RecertificationDecision.objects.filter(
                    revoked_certificate_id=OuterRef("pk")
                ).values("decided_at")[:1]
            )
        )
        .first()
    )
    evidence_since = None
    if certificate is not None and certificate.status == CertificateStatus.REVOKED:
        evidence_since = certificate.recertification_allowed_at
    approved = _approved_on_or_before(at)
    endorsed = Q(mentor_id=OuterRef("pk"), programme=programme, endorsed_at__date__lte=at)
    if evidence_since is not None:
        approved &= Q(session_date__gte=timezone.localdate(evidence_since))
        endorsed &= Q(endorsed_at__gte=evidence_since)
    window_start = add_months(at, -programme.validity_months)
    logs = PracticeLog.objects.filter(mentor_id=OuterRef("pk"))

    def minutes(condition: Q):
        return Coalesce(
            Subquery(
                logs.filter(condition)
                .order_by()
                .values("mentor_id")
                .annotate(total=Sum("duration_minutes"))
                .values("total"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    row = (
        get_user_model()
        .objects.filter(pk=mentor_id)
        .annotate(
            total_minutes=minutes(approved),
            recent_minutes=minutes(approved & Q(session_date__gt=window_start)),
            endorsed=Exists(Endorsement.objects.filter(endorsed)),
        )
        .values(
            "pk",
            "username",
            "first_name",
            "last_name",
            "display_name",
            "total_minutes",
            "recent_minutes",
            "endorsed",
        )
        .get()
    )
    mentor_name = (
        row["display_name"] or f"{row['first_name']} {row['last_name']}".strip() or row["username"]
    )

    per_competency = (
        CompetencyRequirement.objects.filter(programme=programme)
        .select_related("competency")
        .annotate(
            achieved=Coalesce(
                Subquery(
                    PracticeLog.objects.filter(
                        approved, mentor_id=mentor_id, competencies=OuterRef("competency_id")
                    )
                    .order_by()
                    .values("mentor_id")
                    .annotate(total=Sum("duration_minutes"))
                    .values("total"),
                    output_field=IntegerField(),
                ),
                Value(0),
            )
        )
        .order_by("sort_order", "pk")
    )

    requirements = []
    if certificate is not None and certificate.status == CertificateStatus.REVOKED:
        allowed = evidence_since is not None
        requirements.append(
            RequirementResult(
                code="recertification_allowed",
                label=_("A coordinator's decision to allow re-certification"),
                met=allowed,
                current=int(allowed),
                required=1,
                detail=""
                if allowed
                else _(
                    "Certificate %(serial)s was revoked. Certification can only start again "
                    "after a coordinator decides to allow it; please talk to your coordinator."
                )
                % {"serial": certificate.serial},
            )
        )
    requirements += course_requirements(mentor_id=mentor_id, programme=programme, at=at)
    requirements.append(
        _minutes_requirement(
            code="practice_total",
            label=_("%(hours)s of approved supervised practice")
            % {"hours": _hours(programme.required_minutes_total)},
            current=row["total_minutes"],
            required=programme.required_minutes_total,
            missing=_("%(left)s more approved practice needed."),
        )
    )
    for item in per_competency:
        requirements.append(
            _minutes_requirement(
                code=f"competency:{item.competency.slug}",
                label=_("%(hours)s practising %(competency)s")
                % {"hours": _hours(item.minutes), "competency": item.competency.name},
                current=item.achieved,
                required=item.minutes,
                missing=_("%(left)s more approved practice in ") + item.competency.name + ".",
            )
        )
    if programme.endorsement_required:
        requirements.append(
            RequirementResult(
                code="endorsement",
                label=_("A supervisor's endorsement of your readiness"),
                met=row["endorsed"],
                current=int(row["endorsed"]),
                required=1,
                detail=""
                if row["endorsed"]
                else _("Your supervisor has not endorsed your readiness yet."),
            )
        )
    renewal = _minutes_requirement(
        code="renewal_practice",
        label=_("%(hours)s of approved practice since %(date)s")
        % {"hours": _hours(programme.renewal_minutes), "date": date_format(window_start)},
        current=row["recent_minutes"],
        required=programme.renewal_minutes,
        missing=_("%(left)s more approved practice needed to renew."),
    )
    return Eligibility(
        mentor_id=mentor_id,
        mentor_name=mentor_name,
        programme=programme,
        at=at,
        requirements=requirements,
        renewal=renewal,
        certificate=certificate,
        evidence_since=evidence_since,
    )
