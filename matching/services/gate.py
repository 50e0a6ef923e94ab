"""The gate: ``assignment_create`` is the only way an assignment comes to exist, and every path
that makes or reactivates one (admin form, API, command, review) asks ``gate_unmet`` under the
mentor's row lock (``cms.locks.user_lock``), the lock the certification services take before
changing a certificate, so a revocation and an assignment serialise.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification.eligibility import eligibility_evaluate
from cms.errors import DomainError
from cms.locks import user_lock
from cms.models import User
from matching.models import (
    DEFAULT_CAPACITY,
    Assignment,
    AssignmentEventKind,
    Mentee,
    MentorProfile,
    languages_of,
)
from matching.selectors import (
    mentor_unmet,
    programme_with_mentor_status,
    unmet_reason,
)
from matching.services.events import assignment_event_record

PAST_START_TOLERANCE = datetime.timedelta(days=1)


class AssignmentRefused(DomainError):  # noqa: N818 - the name the issue gives the gate
    """The gate refused: ``reasons`` lists every unmet requirement as {requirement, detail}.

    The API answers it with 422 and the reasons as ``unmet``."""

    default_code = "assignment_refused"
    http_status = 422

    def __init__(self, reasons: list[dict]):
        self.reasons = reasons
        super().__init__([reason["detail"] for reason in reasons])

    def api_body(self) -> dict:
        return {
            "detail": _("The gate refused this assignment."),
            "code": self.code,
            "unmet": self.reasons,
        }


@dataclass(frozen=True)
class MentorDefaults:
    """Matching details of a mentor without a MentorProfile row yet."""

    capacity: int = DEFAULT_CAPACITY
    languages: str = ""
    accepting_new: bool = True
    crisis_trained: bool = False


def gate_unmet(
    *,
    mentor_id: int,
    mentee: Mentee,
    start: datetime.date,
    ignoring: Assignment | None = None,
) -> list[dict]:
    """Every reason the mentor may not take the mentee from ``start`` (empty: they may).

    Certificate in force in the mentee's programme on ``start`` (and, when it is not, what is
    left to certify); an active supervision link on ``start``; the mentor active, accepting new
    mentees and under capacity (active and needs-review assignments count); the mentee active
    and without another open assignment; a crisis-trained mentor when the mentee needs one; a
    common language when both name languages. ``ignoring`` is an assignment being reactivated.
    Call it with the mentor's row locked (``assignment_create`` does).
    """
    if not User.objects.filter(pk=mentor_id).exists():
        return [unmet_reason("mentor", _("There is no such mentor."))]
    status = programme_with_mentor_status(
        mentor_id=mentor_id,
        programme_id=mentee.programme_id,
        on=start,
        ignoring_assignment=ignoring.pk if ignoring is not None else None,
    )
    eligibility = eligibility_evaluate(mentor=mentor_id, programme=status, at=start)
    # The mentor's side: the same flags and words as the eligibility API, roster and screen.
    reasons = mentor_unmet(eligibility=eligibility, status=status, on=start)
    profile = MentorProfile.objects.filter(user_id=mentor_id).first() or MentorDefaults()
    if not mentee.is_active:
        reasons.append(unmet_reason("mentee_active", _("This mentee's record is inactive.")))
    taken = Assignment.objects.open().filter(mentee=mentee)
    if ignoring is not None:
        taken = taken.exclude(pk=ignoring.pk)
    if taken.exists():
        reasons.append(unmet_reason("mentee_assigned", _("This mentee already has a mentor.")))
    if mentee.needs_crisis_trained and not profile.crisis_trained:
        reasons.append(
            unmet_reason(
                "crisis_trained",
                _("This mentee needs a crisis-trained mentor; this mentor is not marked as one."),
            )
        )
    wanted, spoken = languages_of(mentee.languages), languages_of(profile.languages)
    if wanted and spoken and not wanted & spoken:
        reasons.append(
            unmet_reason(
                "language",
                _("No language in common (mentee: %(mentee)s; mentor: %(mentor)s).")
                % {"mentee": ", ".join(sorted(wanted)), "mentor": ", ".join(sorted(spoken))},
            )
        )
    return reasons


# Reasons of the gate itself; every other code in a refusal is "what is left to certify",
# which a flag does not repeat (the certificate reason already says why).
GATE_CODES = frozenset(
    {
        "mentor",
        "mentor_active",
        "mentor_role",
        "certificate",
        "supervision",
        "accepting_new",
        "capacity",
        "mentee_active",
        "mentee_assigned",
        "crisis_trained",
        "language",
    }
)
# What the gate asks only of a new assignment: an assignment already held keeps its place.
NEW_ASSIGNMENT_ONLY = frozenset({"accepting_new", "capacity", "mentee_assigned"})


@transaction.atomic
def assignment_create(
    *, mentor, mentee, coordinator, start: datetime.date | None = None
) -> Assignment:
    """Assign a mentor to a mentee: the only way an assignment comes to exist.

    Rule: inside one transaction, with the mentee's row and the mentor's user row locked, every
    check of ``gate_unmet`` must pass on ``start`` (today by default; at most a day in the
    past). Otherwise raises AssignmentRefused listing every unmet reason. One open assignment
    per mentee is also a database constraint. ``mentor`` and ``mentee`` may be objects or ids.
    """
    today = timezone.localdate()
    start = start or today
    if start < today - PAST_START_TOLERANCE:
        raise DomainError(
            {"start": _("The start date cannot be more than a day ago.")}, code="start_past"
        )
    mentor_id = getattr(mentor, "pk", mentor)
    # The mentee's row first, then the mentor's: the order a mentee edit takes them in (its
    # UPDATE, then the re-check's mentor lock), so the two can never deadlock.
    mentee = (
        Mentee.objects.select_for_update(of=("self",))
        .select_related("programme")
        .filter(pk=getattr(mentee, "pk", mentee))
        .first()
    )
    if mentee is None:
        raise DomainError({"mentee": _("There is no such mentee.")}, code="unknown_mentee")
    if user_lock(mentor_id) is None:
        raise DomainError({"mentor": _("There is no such mentor.")}, code="unknown_mentor")
    reasons = gate_unmet(mentor_id=mentor_id, mentee=mentee, start=start)
    if reasons:
        raise AssignmentRefused(reasons)
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                mentor_id=mentor_id, mentee=mentee, coordinator=coordinator, start=start
            )
    except IntegrityError as error:  # the constraint caught what the lock did not
        raise AssignmentRefused(
            [unmet_reason("mentee_assigned", _("This mentee already has a mentor."))]
        ) from error
    assignment_event_record(assignment, kind=AssignmentEventKind.CREATED, actor=coordinator)
    return assignment
