"""What happens to an assignment once the gate let it through: flagged for review when the gate
would no longer let it through (``assignments_recheck``, after every change that can close the
gate, and the nightly sweep), ended, or continued after a review (through the gate again).
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.errors import DomainError
from cms.locks import user_lock
from cms.reasons import REASON_MAX_LENGTH, reason_clean
from matching.models import (
    DEFAULT_CAPACITY,
    Assignment,
    AssignmentStatus,
    MentorProfile,
)
from matching.selectors import unmet_reason
from matching.services.events import assignment_move
from matching.services.gate import GATE_CODES, NEW_ASSIGNMENT_ONLY, AssignmentRefused, gate_unmet


def _locked_assignment(assignment_id: int) -> Assignment:
    """The assignment, locked after its mentor's row (the gate's order)."""
    mentor_id = Assignment.objects.values_list("mentor_id", flat=True).get(pk=assignment_id)
    user_lock(mentor_id)
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("mentee__programme", "mentor")
        .get(pk=assignment_id)
    )


@transaction.atomic
def assignment_flag_for_review(*, assignment_id: int, reason: str, actor=None) -> Assignment | None:
    """Move an active assignment to "needs review" with the reason; coordinators are e-mailed.

    Only active assignments are flagged (one that already needs review or has ended is left
    as it is), so a retried task or a second sweep flags, and e-mails, once. Returns the
    assignment when it was flagged now, else None.
    """
    assignment = _locked_assignment(assignment_id)
    if assignment.status != AssignmentStatus.ACTIVE:
        return None
    reason = reason_clean(reason)
    status = AssignmentStatus.NEEDS_REVIEW
    return assignment_move(assignment, status, actor=actor, reason=reason, review_reason=reason)


@transaction.atomic
def assignment_end(
    *, assignment_id: int, actor, reason: str = "", on: datetime.date | None = None
) -> Assignment:
    """End an open assignment (active or needing review) on ``on`` (today by default)."""
    reason = reason_clean(reason, required=False)
    assignment = _locked_assignment(assignment_id)
    if assignment.status == AssignmentStatus.ENDED:
        raise DomainError(_("This assignment has already ended."), code="already_ended")
    end = max(on or timezone.localdate(), assignment.start)
    return assignment_move(assignment, AssignmentStatus.ENDED, actor=actor, reason=reason, end=end)


@transaction.atomic
def assignment_review_resolve(
    *, assignment_id: int, actor, decision: str, reason: str = ""
) -> Assignment:
    """A coordinator resolves a flagged assignment: "continue" or "end".

    Continuing reactivates it, so it passes the gate again, today, under the mentor's lock
    (the assignment itself is not counted against capacity or the mentee); otherwise
    AssignmentRefused lists the reasons and the assignment keeps needing review.
    """
    if decision == "end":
        return assignment_end(assignment_id=assignment_id, actor=actor, reason=reason)
    if decision != "continue":
        raise DomainError(
            {"decision": _("Choose to continue or to end the assignment.")}, code="decision"
        )
    reason = reason_clean(reason, required=False)
    assignment = _locked_assignment(assignment_id)
    if assignment.status != AssignmentStatus.NEEDS_REVIEW:
        raise DomainError(
            _("Only an assignment that needs review can be continued."), code="not_in_review"
        )
    reasons = gate_unmet(
        mentor_id=assignment.mentor_id,
        mentee=assignment.mentee,
        start=timezone.localdate(),
        ignoring=assignment,
    )
    if reasons:
        raise AssignmentRefused(reasons)
    status = AssignmentStatus.ACTIVE
    return assignment_move(assignment, status, actor=actor, reason=reason, review_reason="")


def assignment_recheck_reasons(*, assignment: Assignment, on: datetime.date) -> list[dict]:
    """Why an assignment the mentor already holds no longer passes the gate on ``on``.

    The gate's own check (``gate_unmet``, the assignment itself ignored), less what only a new
    assignment must meet (accepting new mentees, a free place, an unassigned mentee). Capacity
    still counts when it was lowered: the mentor's earliest assignments keep their places and
    those beyond the capacity are flagged.
    """
    reasons = [
        reason
        for reason in gate_unmet(
            mentor_id=assignment.mentor_id, mentee=assignment.mentee, start=on, ignoring=assignment
        )
        if reason["requirement"] in GATE_CODES and reason["requirement"] not in NEW_ASSIGNMENT_ONLY
    ]
    capacity = (
        MentorProfile.objects.filter(user_id=assignment.mentor_id)
        .values_list("capacity", flat=True)
        .first()
        or DEFAULT_CAPACITY
    )
    earlier = (
        Assignment.objects.open()
        .filter(mentor_id=assignment.mentor_id)
        .filter(Q(start__lt=assignment.start) | Q(start=assignment.start, pk__lt=assignment.pk))
        .count()
    )
    if earlier >= capacity:
        reasons.append(
            unmet_reason(
                "capacity",
                _("This mentor's capacity is %(capacity)d and this is mentee %(n)d.")
                % {"capacity": capacity, "n": earlier + 1},
            )
        )
    return reasons


@transaction.atomic
def assignments_recheck(
    *, mentor_id: int, on: datetime.date | None = None, actor=None
) -> list[int]:
    """Re-check the mentor's active assignments now and flag each that no longer passes.

    The one re-check: every change that can close the gate (a certificate's status, the
    mentor's account, role or matching details, a supervision link or its supervisor, a
    mentee's record) calls it in its own transaction, and the nightly sweep calls it for every
    mentor. It takes the mentor's row lock, as the gate does, so a change and a new assignment
    serialise. Flagging is idempotent: coordinators are told once per flag.
    """
    on = on or timezone.localdate()
    if user_lock(mentor_id) is None:
        return []
    flagged = []
    active = (
        Assignment.objects.filter(mentor_id=mentor_id, status=AssignmentStatus.ACTIVE)
        .select_related("mentee__programme")
        .order_by("start", "pk")
    )
    for assignment in list(active):
        reasons = assignment_recheck_reasons(assignment=assignment, on=on)
        if not reasons:
            continue
        text = " ".join(reason["detail"] for reason in reasons)[:REASON_MAX_LENGTH]
        if assignment_flag_for_review(assignment_id=assignment.pk, reason=text, actor=actor):
            flagged.append(assignment.pk)
    return flagged


def assignments_flag_after_lapse(*, holder_id: int, programme_id: int) -> list[int]:
    """A certificate lapsed (after commit, from a task): the same re-check, once more.

    The status change already re-checked in its own transaction; this second look is a
    backstop and flags nothing twice.
    """
    return assignments_recheck(mentor_id=holder_id)


def assignments_sweep(*, on: datetime.date | None = None) -> list[int]:
    """Nightly second line: ``assignments_recheck`` for every mentor with an active assignment.

    The mentor ids are read first and each mentor is re-checked in its own short transaction,
    so no cursor stays open across transactions (safe with ``CONN_MAX_AGE=0``).
    """
    mentor_ids = list(
        Assignment.objects.filter(status=AssignmentStatus.ACTIVE)
        .order_by("mentor_id")
        .values_list("mentor_id", flat=True)
        .distinct()
    )
    flagged = []
    for mentor_id in mentor_ids:
        flagged += assignments_recheck(mentor_id=mentor_id, on=on)
    return flagged
