"""Read-only queries for matching: the roster, the API's mentor list and eligibility."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
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
    When,
)
from django.db.models.functions import Coalesce, Concat, NullIf

from certification.eligibility import Eligibility, eligibility_evaluate
from certification.models import (
    CURRENT_STATUSES,
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    PracticeLog,
    SupervisionLink,
)
from cms.roles import MENTORS
from matching.models import OPEN_STATUSES, Assignment, AssignmentStatus, MentorProfile

DEFAULT_CAPACITY = 3


def _supervision_on(day: datetime.date):
    return SupervisionLink.objects.filter(mentor_id=OuterRef("pk"), start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gte=day)
    )


def _open_assignment_count():
    return Coalesce(
        Subquery(
            Assignment.objects.filter(mentor_id=OuterRef("pk"), status__in=OPEN_STATUSES)
            .order_by()
            .values("mentor_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _latest_certificate(programme_id: int):
    """The current (active or suspended) certificate first, else the most recent one."""
    return Certificate.objects.filter(holder_id=OuterRef("pk"), programme_id=programme_id).order_by(
        Case(When(status__in=CURRENT_STATUSES, then=Value(0)), default=Value(1)), "-issued_at"
    )


def _in_force(programme_id: int, day: datetime.date):
    return Exists(
        Certificate.objects.filter(
            holder_id=OuterRef("pk"),
            programme_id=programme_id,
            status=CertificateStatus.ACTIVE,
            valid_from__lte=day,
            grace_until__gte=day,
        )
    )


def mentors_with_matching_status(
    *, programme: CertificationProgramme, on: datetime.date
) -> QuerySet:
    """Every member of the Mentors group, annotated for one programme on one day.

    Annotations: ``certified`` (a certificate in force), ``supervised`` (an active supervision
    link), ``open_assignments`` (active + needs review), ``capacity_value`` and
    ``accepting_value`` (defaults without a MentorProfile), ``can_take_more`` and ``eligible``
    (all of these hold: what the gate would need from the mentor's side). One query.
    """
    capacity = Coalesce(F("mentor_profile__capacity"), Value(DEFAULT_CAPACITY))
    return (
        get_user_model()
        .objects.filter(groups__name=MENTORS)
        .annotate(
            certified=_in_force(programme.pk, on),
            supervised=Exists(_supervision_on(on)),
            open_assignments=_open_assignment_count(),
            capacity_value=capacity,
            accepting_value=Coalesce(F("mentor_profile__accepting_new"), Value(True)),
            mentor_languages=Coalesce(F("mentor_profile__languages"), Value("")),
        )
        .annotate(
            can_take_more=ExpressionWrapper(
                Q(open_assignments__lt=F("capacity_value")) & Q(accepting_value=True),
                output_field=BooleanField(),
            ),
        )
        .annotate(
            eligible=ExpressionWrapper(
                Q(certified=True) & Q(supervised=True) & Q(can_take_more=True),
                output_field=BooleanField(),
            )
        )
    )


def mentors_for_api(
    *, programme: CertificationProgramme, on: datetime.date, eligible: bool | None = None
) -> QuerySet:
    """Mentors for the API list, optionally only those (not) eligible; ordered by id."""
    queryset = mentors_with_matching_status(programme=programme, on=on)
    if eligible is True:
        queryset = queryset.filter(certified=True, supervised=True, can_take_more=True)
    elif eligible is False:
        queryset = queryset.exclude(certified=True, supervised=True, can_take_more=True)
    return queryset.order_by("pk")


def roster(*, programme: CertificationProgramme, on: datetime.date) -> QuerySet:
    """The coordinator roster: one row per mentor, one query whatever the number of rows.

    Adds ``certificate_status`` / ``certificate_valid_until`` (current or latest certificate in
    the programme, None without one), ``approved_minutes`` and ``supervisor_name`` (the active
    link's supervisor).
    """
    latest = _latest_certificate(programme.pk)
    approved = (
        PracticeLog.objects.filter(mentor_id=OuterRef("pk"), status=PracticeLog.Status.APPROVED)
        .order_by()
        .values("mentor_id")
        .annotate(total=Sum("duration_minutes"))
        .values("total")
    )
    supervisor = (
        _supervision_on(on)
        .order_by("-start", "-pk")
        .annotate(
            name=Coalesce(
                NullIf("supervisor__display_name", Value("")),
                Concat(
                    "supervisor__first_name",
                    Value(" "),
                    "supervisor__last_name",
                    output_field=CharField(),
                ),
            )
        )
        .values("name")[:1]
    )
    return mentors_with_matching_status(programme=programme, on=on).annotate(
        certificate_status=Subquery(latest.values("status")[:1]),
        certificate_valid_until=Subquery(latest.values("valid_until")[:1]),
        approved_minutes=Coalesce(Subquery(approved, output_field=IntegerField()), Value(0)),
        supervisor_name=Subquery(supervisor, output_field=CharField()),
    )


def programme_for_mentor(
    *, slug: str | None, mentor_id: int, on: datetime.date
) -> CertificationProgramme | None:
    """The programme with this slug (the default programme when none is given), or None.

    The same query carries the mentor's side of the gate on ``on`` that certification does not
    evaluate: ``mentor_supervised``, ``mentor_open_assignments``, ``mentor_capacity`` and
    ``mentor_accepting``, so a full eligibility answer costs one query more than
    ``eligibility_evaluate``.
    """
    queryset = (
        CertificationProgramme.objects.filter(slug=slug)
        if slug
        else (CertificationProgramme.objects.filter(is_default=True))
    )
    profile = MentorProfile.objects.filter(user_id=mentor_id)
    return queryset.annotate(
        mentor_supervised=Exists(
            SupervisionLink.objects.filter(mentor_id=mentor_id, start__lte=on).filter(
                Q(end__isnull=True) | Q(end__gte=on)
            )
        ),
        mentor_open_assignments=Coalesce(
            Subquery(
                Assignment.objects.filter(mentor_id=mentor_id, status__in=OPEN_STATUSES)
                .order_by()
                .values("mentor_id")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        mentor_capacity=Coalesce(Subquery(profile.values("capacity")[:1]), Value(DEFAULT_CAPACITY)),
        mentor_accepting=Coalesce(Subquery(profile.values("accepting_new")[:1]), Value(True)),
    ).first()


def mentor_eligibility(
    *, mentor_id: int, programme: CertificationProgramme, on: datetime.date
) -> tuple[Eligibility, list[dict]]:
    """The mentor's side of the gate for a programme on a day: certification's evaluation and
    every unmet requirement as {requirement, detail} (certificate and what is left to certify,
    supervision, accepting, capacity), with the gate's codes. ``programme`` comes from
    ``programme_for_mentor``; costs only ``eligibility_evaluate``'s queries. An unknown mentor
    raises User.DoesNotExist.
    """
    eligibility = eligibility_evaluate(mentor=mentor_id, programme=programme, at=on)
    status = {
        "supervised": programme.mentor_supervised,
        "open_assignments": programme.mentor_open_assignments,
        "capacity_value": programme.mentor_capacity,
        "accepting_value": programme.mentor_accepting,
    }
    return eligibility, unmet_for_mentor(eligibility=eligibility, status=status, on=on)


def unmet_for_mentor(*, eligibility: Eligibility, status: dict, on: datetime.date) -> list[dict]:
    """The same reasons, with the same codes, as the gate's mentor-side checks."""
    from django.utils.translation import gettext as _

    reasons = [
        {"requirement": item.code, "detail": str(item.detail or item.label)}
        for item in eligibility.unmet
    ]
    if not status["supervised"]:
        reasons.append(
            {
                "requirement": "supervision",
                "detail": _("%(mentor)s has no active supervision link on %(date)s.")
                % {"mentor": eligibility.mentor_name, "date": on.isoformat()},
            }
        )
    if not status["accepting_value"]:
        reasons.append(
            {
                "requirement": "accepting_new",
                "detail": _("This mentor is not accepting new mentees."),
            }
        )
    if status["open_assignments"] >= status["capacity_value"]:
        reasons.append(
            {
                "requirement": "capacity",
                "detail": _("This mentor is at capacity (%(capacity)d mentees).")
                % {"capacity": status["capacity_value"]},
            }
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
    in_force = Certificate.objects.filter(
        holder_id=OuterRef("pk"),
        status=CertificateStatus.ACTIVE,
        valid_from__lte=on,
        grace_until__gte=on,
    )
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
    counts["needs_review"] = Assignment.objects.filter(status=AssignmentStatus.NEEDS_REVIEW).count()
    return counts
