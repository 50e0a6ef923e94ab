"""Eligibility: for a mentor, a programme and a day, which path applies and what is left.

``eligibility_evaluate`` is the one place the certification rules are decided. It answers two
questions at once: does the mentor *qualify* (every requirement of the path that applies is
met, so a certificate may be issued or renewed today), and is the mentor *certified* (a
certificate in force on that day, which is what the matching gate trusts). It runs a constant
number of queries (at most four) whatever the history size.

The path follows from the holder's certificate in the programme (the current one, else the most
recent; see docs/lifecycle.md):

- no certificate: **first certificate**: required courses, approved practice in total and per
  competency within the programme's recency window, a supervisor's endorsement that is still
  valid;
- an active certificate: **renewal**: the renewal window is open and the renewal minutes were
  practised within the certificate's own period (from its start date);
- a suspended certificate: **on hold** until a coordinator reinstates it;
- a certificate that lapsed (expired, replaced, or past its grace period) less than
  ``reentry_months`` ago: **renewal after a lapse**: the renewal minutes since the lapsed
  certificate's start, the required courses, and a valid endorsement;
- a lapse longer ago than that, or a certificate that ended while suspended: **re-qualify in
  full**, as for a first certificate;
- a revoked certificate: **blocked** until a coordinator allows re-certification; after that
  decision, re-qualify in full with evidence dated from the decision on.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from certification.dates import add_months
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


class Path(models.TextChoices):
    """Which rules apply to the holder in a programme on a day."""

    FIRST = "first", gettext_lazy("First certificate")
    RENEWAL = "renewal", gettext_lazy("Renewal")
    REENTRY = "reentry", gettext_lazy("Renewal after a lapse")
    REQUALIFY = "requalify", gettext_lazy("Re-qualify in full")
    SUSPENDED = "suspended", gettext_lazy("On hold while suspended")
    BLOCKED = "blocked", gettext_lazy("Blocked by a revocation")


# The paths on which a certificate is issued as new (ISSUED, no predecessor) and renewed
# (RENEWED, ``previous`` set); the others issue nothing.
ISSUING_PATHS = (Path.FIRST, Path.REQUALIFY)
RENEWING_PATHS = (Path.RENEWAL, Path.REENTRY)


@dataclass(frozen=True)
class RequirementResult:
    code: str  # stable identifier, e.g. "practice_total", "competency:crisis-intervention"
    label: str  # what the requirement is, for a checklist, with its window
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


def renewal_opens_on(certificate: Certificate, *, programme: CertificationProgramme) -> date:
    """Renewal opens ``renewal_window_days`` before the expiry date."""
    return date.fromordinal(certificate.valid_until.toordinal() - programme.renewal_window_days)


def renewal_window_open(
    certificate: Certificate, *, programme: CertificationProgramme, on: date
) -> bool:
    """An active certificate may be renewed from ``renewal_opens_on`` to the end of its grace
    period; after that it has lapsed and the re-entry rules apply."""
    return (
        certificate.status == CertificateStatus.ACTIVE
        and renewal_opens_on(certificate, programme=programme) <= on <= certificate.grace_until
    )


def path_of(
    certificate: Certificate | None, *, programme: CertificationProgramme, at: date
) -> tuple[Path, date | None]:
    """The path for the holder of ``certificate`` (current, else latest) on ``at``, and after a
    lapse the last day of the re-entry window. ``certificate`` carries the annotations of
    ``eligibility_evaluate`` (``recertification_allowed_at``, ``last_hold``)."""
    if certificate is None:
        return Path.FIRST, None
    status = certificate.status
    if status == CertificateStatus.REVOKED:
        allowed = certificate.recertification_allowed_at is not None
        return (Path.REQUALIFY if allowed else Path.BLOCKED), None
    in_period = at <= certificate.grace_until
    if in_period and status in (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED):
        return (Path.RENEWAL if status == CertificateStatus.ACTIVE else Path.SUSPENDED), None
    # Lapsed: expired, replaced without a successor, or past its grace period (the nightly
    # sweep has not recorded it yet). Renewal is for holders in good standing: a certificate
    # that ended while suspended is not renewed late.
    reentry_until = add_months(certificate.grace_until, programme.reentry_months)
    held = status == CertificateStatus.SUSPENDED or (
        certificate.last_hold == CertificateEventKind.SUSPENDED
    )
    if not held and at <= reentry_until:
        return Path.REENTRY, reentry_until
    return Path.REQUALIFY, reentry_until


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("%(h)d hour", "%(h)d hours", hours) % {"h": hours}
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": rest}


def _minutes_requirement(
    *, code: str, label: str, current: int, required: int, missing: str, **extra
) -> RequirementResult:
    met = current >= required
    return RequirementResult(
        code=code,
        label=label,
        met=met,
        current=current,
        required=required,
        detail="" if met else missing % {"left": _hours(required - current), **extra},
    )


def course_requirements(
    *, mentor_id: int, programme: CertificationProgramme, at: date
) -> list[RequirementResult]:
    """One query: the programme's required courses and whether each was completed by `at`."""
    from django.db.models import Exists

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


def _summary(
    *,
    path: Path,
    certificate,
    programme: CertificationProgramme,
    at: date,
    reentry_until: date | None,
    evidence_since: datetime | None,
) -> str:
    if path == Path.FIRST:
        return _("To be certified for the first time, meet every requirement below.")
    serial = certificate.serial
    if path == Path.BLOCKED:
        return _(
            "Certificate %(serial)s was revoked. No certificate can be issued until a "
            "coordinator decides to allow re-certification."
        ) % {"serial": serial}
    if path == Path.SUSPENDED:
        return _(
            "Certificate %(serial)s is suspended. Renewal and any new certificate wait until a "
            "coordinator reinstates it."
        ) % {"serial": serial}
    if path == Path.RENEWAL:
        return _(
            "Certificate %(serial)s is valid until %(until)s. Renewal opens on %(opens)s and "
            "needs approved practice within the certificate's own period, since %(since)s."
        ) % {
            "serial": serial,
            "until": date_format(certificate.valid_until),
            "opens": date_format(renewal_opens_on(certificate, programme=programme)),
            "since": date_format(certificate.valid_from),
        }
    if path == Path.REENTRY:
        return _(
            "Certificate %(serial)s expired on %(expired)s. Until %(until)s you can still "
            "renew it under the renewal rules instead of qualifying again in full."
        ) % {
            "serial": serial,
            "expired": date_format(certificate.valid_until),
            "until": date_format(reentry_until),
        }
    # Re-qualify in full.
    if evidence_since is not None:
        return _(
            "A coordinator allowed re-certification on %(date)s after certificate %(serial)s "
            "was revoked. You qualify again in full; only practice and endorsements from that "
            "day on count."
        ) % {"serial": serial, "date": date_format(timezone.localdate(evidence_since))}
    if certificate.status == CertificateStatus.SUSPENDED or (
        certificate.last_hold == CertificateEventKind.SUSPENDED
    ):
        return _(
            "Certificate %(serial)s ended while it was suspended, so it cannot be renewed. "
            "You qualify again in full, as for a first certificate."
        ) % {"serial": serial}
    return _(
        "Certificate %(serial)s expired on %(expired)s and the time to renew it after a lapse "
        "ended on %(until)s. You qualify again in full, as for a first certificate."
    ) % {
        "serial": serial,
        "expired": date_format(certificate.valid_until),
        "until": date_format(reentry_until),
    }


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
            minutes=Coalesce(
                Subquery(
                    logs.filter(approved)
                    .order_by()
                    .values("mentor_id")
                    .annotate(total=Sum("duration_minutes"))
                    .values("total"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
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
        renewal = _minutes_requirement(
            code="renewal_practice",
            label=since(
                _("%(hours)s of approved practice since %(date)s"),
                hours=_hours(programme.renewal_minutes),
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
                hours=_hours(programme.required_minutes_total),
            )
            if practice_since
            else _("%(hours)s of approved supervised practice")
            % {"hours": _hours(programme.required_minutes_total)}
        )
        requirements.append(
            _minutes_requirement(
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
        for item in per_competency:
            values = {"hours": _hours(item.minutes), "competency": item.competency.name}
            label = (
                since(_("%(hours)s practising %(competency)s since %(date)s"), **values)
                if practice_since
                else _("%(hours)s practising %(competency)s") % values
            )
            requirements.append(
                _minutes_requirement(
                    code=f"competency:{item.competency.slug}",
                    label=label,
                    current=item.achieved,
                    required=item.minutes,
                    missing=_("%(left)s more approved practice in %(competency)s."),
                    competency=item.competency.name,
                )
            )
    if programme.endorsement_required and path in (*ISSUING_PATHS, Path.REENTRY):
        requirements.append(
            _endorsement_requirement(
                last=row["last_endorsed"], since=endorsement_since, programme=programme
            )
        )
    return Eligibility(
        mentor_id=mentor_id,
        mentor_name=mentor_name,
        programme=programme,
        at=at,
        path=path,
        summary=_summary(
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


def _endorsement_requirement(
    *, last: datetime | None, since: date, programme: CertificationProgramme
) -> RequirementResult:
    """A supervisor's endorsement given on or after ``since`` (it counts for one certification
    cycle, or the months the programme sets), and what to do when the last one is too old."""
    met = last is not None and timezone.localdate(last) >= since
    if met:
        detail = ""
    elif last is None:
        detail = _("Your supervisor has not endorsed your readiness yet.")
    else:
        detail = _(
            "Your last endorsement, of %(date)s, is older than %(months)d months; please ask "
            "your supervisor to endorse you again."
        ) % {
            "date": date_format(timezone.localdate(last)),
            "months": programme.endorsement_validity_months,
        }
    return RequirementResult(
        code="endorsement",
        label=_("A supervisor's endorsement of your readiness, given since %(date)s")
        % {"date": date_format(since)},
        met=met,
        current=int(met),
        required=1,
        detail=detail,
    )
