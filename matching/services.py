"""Writes for matching. ``assignment_create`` is THE gate: every path that makes or reactivates
an assignment (admin form, API, command, review) goes through ``_gate_unmet`` under the mentor's
row lock, the same lock the certification services take before changing a certificate, so a
revocation and an assignment serialise.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from certification.eligibility import eligibility_evaluate
from cms.roles import COORDINATORS, user_has_role
from matching.models import (
    Assignment,
    AssignmentEvent,
    AssignmentEventKind,
    AssignmentStatus,
    Mentee,
    MentorProfile,
    languages_of,
)
from matching.selectors import DEFAULT_CAPACITY, mentor_unmet, programme_with_mentor_status

SERVICE_ACCOUNTS = "Service accounts"
REASON_MAX_LENGTH = 2000
PAST_START_TOLERANCE = datetime.timedelta(days=1)


class AssignmentRefused(ValidationError):  # noqa: N818 - the name the issue gives the gate
    """The gate refused: ``reasons`` lists every unmet requirement as {requirement, detail}."""

    def __init__(self, reasons: list[dict]):
        self.reasons = reasons
        super().__init__([reason["detail"] for reason in reasons])


@dataclass(frozen=True)
class MentorDefaults:
    """Matching details of a mentor without a MentorProfile row yet."""

    capacity: int = DEFAULT_CAPACITY
    languages: str = ""
    accepting_new: bool = True
    crisis_trained: bool = False


def _lock_mentor(mentor_id: int):
    """Lock the mentor's user row, as certification's services do, and return the user."""
    return get_user_model().objects.select_for_update().filter(pk=mentor_id).first()


def _reason(requirement: str, detail: str) -> dict:
    return {"requirement": requirement, "detail": str(detail)}


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
    if not get_user_model().objects.filter(pk=mentor_id).exists():
        return [_reason("mentor", _("There is no such mentor."))]
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
        reasons.append(_reason("mentee_active", _("This mentee's record is inactive.")))
    taken = Assignment.objects.open().filter(mentee=mentee)
    if ignoring is not None:
        taken = taken.exclude(pk=ignoring.pk)
    if taken.exists():
        reasons.append(_reason("mentee_assigned", _("This mentee already has a mentor.")))
    if mentee.needs_crisis_trained and not profile.crisis_trained:
        reasons.append(
            _reason(
                "crisis_trained",
                _("This mentee needs a crisis-trained mentor; this mentor is not marked as one."),
            )
        )
    wanted, spoken = languages_of(mentee.languages), languages_of(profile.languages)
    if wanted and spoken and not wanted & spoken:
        reasons.append(
            _reason(
                "language",
                _("No language in common (mentee: %(mentee)s; mentor: %(mentor)s).")
                % {"mentee": ", ".join(sorted(wanted)), "mentor": ", ".join(sorted(spoken))},
            )
        )
    return reasons


def _record(assignment, *, kind: str, actor=None, at=None, reason: str = "") -> AssignmentEvent:
    event = AssignmentEvent.objects.create(
        assignment=assignment, kind=kind, actor=actor, at=at or timezone.now(), reason=reason
    )
    if kind == AssignmentEventKind.FLAGGED:
        from matching import tasks

        transaction.on_commit(lambda: tasks.enqueue_review_email(event_id=event.pk))
    return event


def _clean_reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({"reason": _("Please give a reason: it is recorded.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Please keep the reason under %(max)d characters.") % {"max": 2000}}
        )
    return reason


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
        raise ValidationError({"start": _("The start date cannot be more than a day ago.")})
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
        raise ValidationError({"mentee": _("There is no such mentee.")})
    if _lock_mentor(mentor_id) is None:
        raise ValidationError({"mentor": _("There is no such mentor.")})
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
            [_reason("mentee_assigned", _("This mentee already has a mentor."))]
        ) from error
    _record(assignment, kind=AssignmentEventKind.CREATED, actor=coordinator)
    return assignment


def _locked_assignment(assignment_id: int) -> Assignment:
    mentor_id = Assignment.objects.values_list("mentor_id", flat=True).get(pk=assignment_id)
    _lock_mentor(mentor_id)
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
    reason = _clean_reason(reason, required=True)
    assignment.status = AssignmentStatus.NEEDS_REVIEW
    assignment.review_reason = reason
    assignment.save(update_fields=["status", "review_reason"])
    _record(assignment, kind=AssignmentEventKind.FLAGGED, actor=actor, reason=reason)
    return assignment


@transaction.atomic
def assignment_end(
    *, assignment_id: int, actor, reason: str = "", on: datetime.date | None = None
) -> Assignment:
    """End an open assignment (active or needing review) on ``on`` (today by default)."""
    reason = _clean_reason(reason, required=False)
    assignment = _locked_assignment(assignment_id)
    if assignment.status == AssignmentStatus.ENDED:
        raise ValidationError(_("This assignment has already ended."))
    on = max(on or timezone.localdate(), assignment.start)
    assignment.status = AssignmentStatus.ENDED
    assignment.end = on
    assignment.save(update_fields=["status", "end"])
    _record(assignment, kind=AssignmentEventKind.ENDED, actor=actor, reason=reason)
    return assignment


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
        raise ValidationError({"decision": _("Choose to continue or to end the assignment.")})
    reason = _clean_reason(reason, required=False)
    assignment = _locked_assignment(assignment_id)
    if assignment.status != AssignmentStatus.NEEDS_REVIEW:
        raise ValidationError(_("Only an assignment that needs review can be continued."))
    reasons = gate_unmet(
        mentor_id=assignment.mentor_id,
        mentee=assignment.mentee,
        start=timezone.localdate(),
        ignoring=assignment,
    )
    if reasons:
        raise AssignmentRefused(reasons)
    assignment.status = AssignmentStatus.ACTIVE
    assignment.review_reason = ""
    assignment.save(update_fields=["status", "review_reason"])
    _record(assignment, kind=AssignmentEventKind.REVIEW_CLEARED, actor=actor, reason=reason)
    return assignment


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
            _reason(
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
    if _lock_mentor(mentor_id) is None:
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


def api_token_issue(*, user, rotate: bool = False) -> Token:
    """The API token of a coordinator or service account (a new key when ``rotate``).

    Only active coordinators, members of "Service accounts" and superusers may hold one.
    """
    if not user.is_active or not (
        user.is_superuser
        or user_has_role(user, COORDINATORS)
        or user.groups.filter(name=SERVICE_ACCOUNTS).exists()
    ):
        raise ValidationError(
            _("Only active coordinators and service accounts may hold an API token.")
        )
    with transaction.atomic():
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
    return token


def coordinators_to_notify():
    """Active coordinators with an e-mail address."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=COORDINATORS), is_active=True)
        .exclude(email="")
        .distinct()
    )
