"""Read-only queries for matching: the roster, the API's mentor list and eligibility."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from certification.eligibility import Eligibility, eligibility_evaluate
from certification.models import (
    Certificate,
    CertificationProgramme,
    PracticeLog,
    SupervisionLink,
)
from cms.names import public_name_expression
from cms.roles import MENTORS
from matching.models import DEFAULT_CAPACITY, Assignment, AssignmentStatus, MentorProfile

# "Mentor eligible in a programme on a day", from the mentor's side: every flag below holds.
# The gate, the eligibility API (one mentor and the list), the roster and the dashboard read
# these flags from ``mentor_status_expressions``; ``mentor_unmet`` words each failed flag.
ELIGIBLE = (
    Q(account_active=True)
    & Q(holds_mentor_role=True)
    & Q(certified=True)
    & Q(supervised=True)
    & Q(accepting_value=True)
    & Q(open_assignments__lt=F("capacity_value"))
)


def mentor_status_expressions(
    *, mentor, programme, on: datetime.date, ignoring_assignment: int | None = None
) -> dict:
    """The mentor's side of the gate as annotations, defined once.

    ``mentor`` and ``programme`` are ids or ``OuterRef``s, so the same expressions annotate the
    roster (one row per mentor, ``mentor=OuterRef("pk")``) and one mentor's answer (annotating
    the programme row, ``programme=OuterRef("pk")``). Flags: ``account_active``,
    ``holds_mentor_role``, ``certified`` (``Certificate.objects.in_force_on``), ``supervised``
    (``SupervisionLink.objects.in_force_on``), ``open_assignments`` (``Assignment.objects.open``,
    less ``ignoring_assignment``), ``capacity_value`` and ``accepting_value`` (a missing
    MentorProfile means the defaults). Add ``eligible=ELIGIBLE_EXPRESSION`` after these.
    """
    user = get_user_model()
    open_assignments = Assignment.objects.open().filter(mentor_id=mentor)
    if ignoring_assignment is not None:
        open_assignments = open_assignments.exclude(pk=ignoring_assignment)
    profile = MentorProfile.objects.filter(user_id=mentor)
    return {
        "account_active": Exists(user.objects.filter(pk=mentor, is_active=True)),
        "holds_mentor_role": Exists(
            user.groups.through.objects.filter(user_id=mentor, group__name=MENTORS)
        ),
        "certified": Exists(
            Certificate.objects.in_force_on(on).filter(holder_id=mentor, programme_id=programme)
        ),
        "supervised": Exists(SupervisionLink.objects.in_force_on(on).filter(mentor_id=mentor)),
        "open_assignments": Coalesce(
            Subquery(
                open_assignments.order_by().values("mentor_id").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        "capacity_value": Coalesce(
            Subquery(profile.values("capacity")[:1]), Value(DEFAULT_CAPACITY)
        ),
        "accepting_value": Coalesce(Subquery(profile.values("accepting_new")[:1]), Value(True)),
    }


ELIGIBLE_EXPRESSION = ExpressionWrapper(ELIGIBLE, output_field=BooleanField())


def mentors_with_matching_status(
    *, programme: CertificationProgramme, on: datetime.date
) -> QuerySet:
    """Every member of the Mentors group, annotated for one programme on one day with the
    flags of ``mentor_status_expressions``, ``can_take_more`` and ``eligible``. One query."""
    return (
        get_user_model()
        .objects.filter(groups__name=MENTORS)
        .annotate(
            **mentor_status_expressions(mentor=OuterRef("pk"), programme=programme.pk, on=on),
            mentor_languages=Coalesce(F("mentor_profile__languages"), Value("")),
        )
        .annotate(
            can_take_more=ExpressionWrapper(
                Q(open_assignments__lt=F("capacity_value")) & Q(accepting_value=True),
                output_field=BooleanField(),
            ),
            eligible=ELIGIBLE_EXPRESSION,
        )
    )


def mentors_for_api(
    *, programme: CertificationProgramme, on: datetime.date, eligible: bool | None = None
) -> QuerySet:
    """Mentors for the API list, optionally only those (not) eligible; ordered by id."""
    queryset = mentors_with_matching_status(programme=programme, on=on)
    if eligible is not None:
        queryset = queryset.filter(eligible=eligible)
    return queryset.order_by("pk")


def roster(*, programme: CertificationProgramme, on: datetime.date) -> QuerySet:
    """The coordinator roster: one row per mentor, one query whatever the number of rows.

    Adds ``certificate_status`` / ``certificate_valid_until`` (current or latest certificate in
    the programme, None without one), ``approved_minutes`` and ``supervisor_name`` (the
    supervisor of the link in force).
    """
    latest = Certificate.objects.filter(
        holder_id=OuterRef("pk"), programme_id=programme.pk
    ).current_first()
    approved = (
        PracticeLog.objects.filter(mentor_id=OuterRef("pk"), status=PracticeLog.Status.APPROVED)
        .order_by()
        .values("mentor_id")
        .annotate(total=Sum("duration_minutes"))
        .values("total")
    )
    supervisor = (
        SupervisionLink.objects.in_force_on(on)
        .filter(mentor_id=OuterRef("pk"))
        .order_by("-start", "-pk")
        .annotate(name=public_name_expression("supervisor"))
        .values("name")[:1]
    )
    return mentors_with_matching_status(programme=programme, on=on).annotate(
        certificate_status=Subquery(latest.values("status")[:1]),
        certificate_valid_until=Subquery(latest.values("valid_until")[:1]),
        approved_minutes=Coalesce(Subquery(approved, output_field=IntegerField()), Value(0)),
        supervisor_name=Subquery(supervisor, output_field=CharField()),
    )


def programme_with_mentor_status(
    *,
    mentor_id: int,
    on: datetime.date,
    slug: str | None = None,
    programme_id: int | None = None,
    ignoring_assignment: int | None = None,
) -> CertificationProgramme | None:
    """The programme (by id, by slug, or the default one) annotated with one mentor's flags
    from ``mentor_status_expressions`` and ``eligible``, in one query; None if there is none.
    """
    if programme_id is not None:
        queryset = CertificationProgramme.objects.filter(pk=programme_id)
    elif slug:
        queryset = CertificationProgramme.objects.filter(slug=slug)
    else:
        queryset = CertificationProgramme.objects.filter(is_default=True)
    return (
        queryset.annotate(
            **mentor_status_expressions(
                mentor=mentor_id,
                programme=OuterRef("pk"),
                on=on,
                ignoring_assignment=ignoring_assignment,
            )
        )
        .annotate(eligible=ELIGIBLE_EXPRESSION)
        .first()
    )


def programme_for_mentor(
    *, slug: str | None, mentor_id: int, on: datetime.date
) -> CertificationProgramme | None:
    """The programme with this slug (the default one when none is given) carrying the mentor's
    flags, so a full eligibility answer costs one query more than ``eligibility_evaluate``."""
    return programme_with_mentor_status(mentor_id=mentor_id, on=on, slug=slug)


def mentor_eligibility(
    *, mentor_id: int, programme: CertificationProgramme, on: datetime.date
) -> tuple[Eligibility, list[dict]]:
    """The mentor's side of the gate for a programme on a day: certification's evaluation and
    every unmet requirement as {requirement, detail}, with the gate's codes. ``programme``
    comes from ``programme_with_mentor_status``; costs only ``eligibility_evaluate``'s queries.
    An unknown mentor raises User.DoesNotExist.
    """
    eligibility = eligibility_evaluate(mentor=mentor_id, programme=programme, at=on)
    return eligibility, mentor_unmet(eligibility=eligibility, status=programme, on=on)


def unmet_reason(requirement: str, detail) -> dict:
    """One reason the gate refuses, as the API, the screens and the refusal carry it."""
    return {"requirement": requirement, "detail": str(detail)}


def mentor_unmet(*, eligibility: Eligibility, status, on: datetime.date) -> list[dict]:
    """Each flag of ``mentor_status_expressions`` that fails, worded for a person, with the
    gate's codes. Empty exactly when ``status.eligible``: the reasons are read off the same
    flags (a certificate not in force also lists what is left to certify)."""
    reasons = []
    if not status.account_active:
        reasons.append(unmet_reason("mentor_active", _("This mentor's account is deactivated.")))
    if not status.holds_mentor_role:
        reasons.append(
            unmet_reason(
                "mentor_role",
                _("%(mentor)s does not hold the Mentor role.")
                % {"mentor": eligibility.mentor_name},
            )
        )
    if not status.certified:
        certificate_reasons = [eligibility.certificate_reason(), *eligibility.extra_reasons]
        certificate_reasons += [item for item in eligibility.requirements if not item.met]
        reasons += [
            unmet_reason(item.code, item.detail or item.label) for item in certificate_reasons
        ]
    if not status.supervised:
        reasons.append(
            unmet_reason(
                "supervision",
                _("%(mentor)s has no active supervision link on %(date)s.")
                % {"mentor": eligibility.mentor_name, "date": on.isoformat()},
            )
        )
    if not status.accepting_value:
        reasons.append(
            unmet_reason("accepting_new", _("This mentor is not accepting new mentees."))
        )
    if status.open_assignments >= status.capacity_value:
        reasons.append(
            unmet_reason(
                "capacity",
                _("This mentor is at capacity (%(capacity)d mentees).")
                % {"capacity": status.capacity_value},
            )
        )
    return reasons


def assignments_needing_review() -> QuerySet:
    return (
        Assignment.objects.filter(status=AssignmentStatus.NEEDS_REVIEW)
        .select_related("mentor", "mentee", "coordinator")
        .order_by("start", "pk")
    )


def matching_dashboard_counts(*, on: datetime.date) -> dict:
    """Certified, in training, expiring within 30 days and needing review: two queries."""
    soon = on + datetime.timedelta(days=30)
    in_force = Certificate.objects.in_force_on(on).filter(holder_id=OuterRef("pk"))
    expiring = in_force.filter(valid_until__lte=soon)
    counts = (
        get_user_model()
        .objects.filter(groups__name=MENTORS)
        .annotate(is_in_force=Exists(in_force), is_expiring=Exists(expiring))
        .aggregate(
            certified=Count("pk", filter=Q(is_in_force=True), distinct=True),
            in_training=Count("pk", filter=Q(is_in_force=False), distinct=True),
            expiring=Count("pk", filter=Q(is_expiring=True), distinct=True),
        )
    )
    counts["needs_review"] = assignments_needing_review().count()
    return counts
