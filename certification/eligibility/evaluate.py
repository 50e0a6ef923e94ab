"""``eligibility_evaluate``: the path that applies and each of its requirements, in a constant
number of queries whatever the history size."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from certification.dates import add_months
from certification.eligibility.paths import (
    ISSUING_PATHS,
    RENEWING_PATHS,
    Path,
    path_of,
    path_summary,
    renewal_opens_on,
)
from certification.eligibility.requirements import (
    COMPETENCY_CODE_PREFIX,
    RequirementResult,
    course_requirements,
    endorsement_requirement,
    hours_text,
    minutes_requirement,
)
from certification.models import (
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    CertificationProgramme,
    CompetencyRequirement,
    Endorsement,
    PracticeLog,
    RecertificationDecision,
)
from cms.names import name_values, public_name_of_row


@dataclass
class Eligibility:
    mentor_id: int
    mentor_name: str
    programme: CertificationProgramme
    at: date
    path: Path
    summary: str  # the path in a sentence: why it applies and its window
    requirements: list[RequirementResult]  # the requirements of that path
    renewal: RequirementResult | None  # the renewal practice, on the renewal paths
    certificate: Certificate | None  # the current (active or suspended) or latest certificate
    extra_reasons: list[RequirementResult] = field(default_factory=list)
    # Set when the latest certificate was revoked and a coordinator allowed re-certification:
    # only practice and endorsements from this moment on count.
    evidence_since: datetime | None = None
    # After a lapse: the last day its holder may renew instead of re-qualifying in full.
    reentry_until: date | None = None

    @property
    def path_label(self) -> str:
        return self.path.label

    @property
    def revoked_without_decision(self) -> bool:
        """Revoked, and no coordinator has allowed re-certification: no path may issue."""
        return self.path == Path.BLOCKED

    @property
    def qualifies(self) -> bool:
        """Every requirement of the applicable path is met: the automatic check issues (first
        certificate, re-qualification) or renews (renewal, re-entry) today."""
        return bool(self.requirements) and all(item.met for item in self.requirements)

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


def _holders_certificate(*, mentor_id: int, programme: CertificationProgramme):
    """One query: the current certificate (active or suspended) first, else the most recent,
    with the facts its path depends on."""
    return (
        Certificate.objects.filter(holder_id=mentor_id, programme=programme)
        .current_first()
        .annotate(
            recertification_allowed_at=Subquery(
                RecertificationDecision.objects.filter(
                    revoked_certificate_id=OuterRef("pk")
                ).values("decided_at")[:1]
            ),
            last_hold=Subquery(
                CertificateEvent.objects.filter(
                    certificate_id=OuterRef("pk"),
                    kind__in=[CertificateEventKind.SUSPENDED, CertificateEventKind.REINSTATED],
                )
                .order_by("-at", "-pk")
                .values("kind")[:1]
            ),
        )
        .first()
    )


def _minutes_of(logs) -> Coalesce:
    """The total duration of ``logs`` (one mentor's) as a subquery, 0 when there are none."""
    total = logs.order_by().values("mentor_id").annotate(total=Sum("duration_minutes"))
    return Coalesce(Subquery(total.values("total"), output_field=IntegerField()), Value(0))


def eligibility_evaluate(*, mentor, programme: CertificationProgramme, at: date) -> Eligibility:
    """The path that applies to the mentor in the programme on day `at`, each requirement of
    that path with its window, and their certificate (see the module docstring).

    Only approved practice counts, by session date, up to `at`. Four queries at most (the
    certificate, the mentor's totals, the required courses, the per-competency minutes),
    whatever the history size. `mentor` may be a user or a user id; an unknown id raises
    User.DoesNotExist.
    """
    mentor_id = getattr(mentor, "pk", mentor)
    certificate = _holders_certificate(mentor_id=mentor_id, programme=programme)
    path, reentry_until = path_of(certificate, programme=programme, at=at)
    evidence_since = None
    if path == Path.REQUALIFY and certificate.status == CertificateStatus.REVOKED:
        evidence_since = certificate.recertification_allowed_at

    # The windows of the path. ``practice_since`` None: practice from any date counts.
    practice_since = None
    if path in ISSUING_PATHS:
        if programme.practice_recency_months:
            practice_since = add_months(at, -programme.practice_recency_months)
        if evidence_since is not None:
            decided = timezone.localdate(evidence_since)
            practice_since = max(practice_since or decided, decided)
    elif path in RENEWING_PATHS:
        practice_since = certificate.valid_from
    endorsement_since = add_months(at, -programme.endorsement_validity_months)

    approved = Q(status=PracticeLog.Status.APPROVED, session_date__lte=at)
    if practice_since is not None:
        approved &= Q(session_date__gte=practice_since)
    endorsements = Q(mentor_id=OuterRef("pk"), programme=programme, endorsed_at__date__lte=at)
    if evidence_since is not None:
        endorsements &= Q(endorsed_at__gte=evidence_since)
    logs = PracticeLog.objects.filter(mentor_id=OuterRef("pk"))

    row = (
        get_user_model()
        .objects.filter(pk=mentor_id)
        .annotate(
            minutes=_minutes_of(logs.filter(approved)),
            last_endorsed=Subquery(
                Endorsement.objects.filter(endorsements)
                .order_by("-endorsed_at")
                .values("endorsed_at")[:1]
            ),
        )
        .values("pk", *name_values(), "minutes", "last_endorsed")
        .get()
    )
    mentor_name = public_name_of_row(row)

    def since(label: str, **values) -> str:
        """A requirement's label, with the start of its window when there is one."""
        return label % {**values, "date": date_format(practice_since)}

    requirements: list[RequirementResult] = []
    renewal = None
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
    if path == Path.SUSPENDED:
        requirements.append(
            RequirementResult(
                code="reinstated",
                label=_("Your certificate reinstated by a coordinator"),
                met=False,
                current=0,
                required=1,
                detail=_(
                    "Certificate %(serial)s is suspended. Renewal and a new certificate wait "
                    "until a coordinator reinstates it; please talk to your coordinator."
                )
                % {"serial": certificate.serial},
            )
        )
    if path == Path.RENEWAL:
        opens = renewal_opens_on(certificate, programme=programme)
        is_open = opens <= at
        requirements.append(
            RequirementResult(
                code="renewal_window",
                label=_("Renewal opens on %(date)s, %(days)d days before expiry")
                % {"date": date_format(opens), "days": programme.renewal_window_days},
                met=is_open,
                current=int(is_open),
                required=1,
                detail=""
                if is_open
                else _(
                    "Renewal opens %(days)d days before the expiry date. Yours opens on %(date)s."
                )
                % {"days": programme.renewal_window_days, "date": date_format(opens)},
            )
        )
    if path in (*ISSUING_PATHS, Path.REENTRY):
        requirements += course_requirements(mentor_id=mentor_id, programme=programme, at=at)
    if path in RENEWING_PATHS:
        if path == Path.REENTRY:
            missing = _(
                "%(left)s more approved practice needed to renew, by %(until)s; after that "
                "you qualify again in full."
            )
        else:
            missing = _("%(left)s more approved practice needed to renew.")
        renewal = minutes_requirement(
            code="renewal_practice",
            label=since(
                _("%(hours)s of approved practice since %(date)s"),
                hours=hours_text(programme.renewal_minutes),
            ),
            current=row["minutes"],
            required=programme.renewal_minutes,
            missing=missing,
            until=date_format(reentry_until) if reentry_until else "",
        )
        requirements.append(renewal)
    if path in ISSUING_PATHS:
        total_label = (
            since(
                _("%(hours)s of approved supervised practice since %(date)s"),
                hours=hours_text(programme.required_minutes_total),
            )
            if practice_since
            else _("%(hours)s of approved supervised practice")
            % {"hours": hours_text(programme.required_minutes_total)}
        )
        requirements.append(
            minutes_requirement(
                code="practice_total",
                label=total_label,
                current=row["minutes"],
                required=programme.required_minutes_total,
                missing=_("%(left)s more approved practice needed."),
            )
        )
        per_competency = (
            CompetencyRequirement.objects.filter(programme=programme)
            .select_related("competency")
            .annotate(
                achieved=_minutes_of(
                    PracticeLog.objects.filter(
                        approved, mentor_id=mentor_id, competencies=OuterRef("competency_id")
                    )
                )
            )
            .order_by("sort_order", "pk")
        )
        for item in per_competency:
            values = {"hours": hours_text(item.minutes), "competency": item.competency.name}
            label = (
                since(_("%(hours)s practising %(competency)s since %(date)s"), **values)
                if practice_since
                else _("%(hours)s practising %(competency)s") % values
            )
            requirements.append(
                minutes_requirement(
                    code=f"{COMPETENCY_CODE_PREFIX}{item.competency.slug}",
                    label=label,
                    current=item.achieved,
                    required=item.minutes,
                    missing=_("%(left)s more approved practice in %(competency)s."),
                    competency=item.competency.name,
                )
            )
    if programme.endorsement_required and path in (*ISSUING_PATHS, Path.REENTRY):
        requirements.append(
            endorsement_requirement(
                last=row["last_endorsed"], since=endorsement_since, programme=programme
            )
        )
    return Eligibility(
        mentor_id=mentor_id,
        mentor_name=mentor_name,
        programme=programme,
        at=at,
        path=path,
        summary=path_summary(
            path=path,
            certificate=certificate,
            programme=programme,
            at=at,
            reentry_until=reentry_until,
            evidence_since=evidence_since,
        ),
        requirements=requirements,
        renewal=renewal,
        certificate=certificate,
        evidence_since=evidence_since,
        reentry_until=reentry_until,
    )
