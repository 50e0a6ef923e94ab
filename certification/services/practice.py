"""Writes for practice logs: create, edit, submit, review, withdraw and reassign (supervision
links are ``services.supervision``).

Every status change appends a PracticeLogEvent. Approved and rejected logs are final: no service
changes them again. Notifications are enqueued only once the transaction commits.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import tasks
from certification.models import (
    COMMENT_MAX_LENGTH,
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    REFLECTION_MAX_LENGTH,
    PracticeLog,
    PracticeLogEvent,
)
from certification.permissions import practice_log_policy
from certification.privacy import contact_details_found, privacy_message
from certification.selectors import (
    practice_log_review_blocked,
    practice_log_reviewer,
    supervision_link_active,
    supervisor_sign_off_problems,
)
from certification.signals import practice_log_approved
from cms.services import account_lock_open
from courses.models import Competency

Status = PracticeLog.Status


def _validate_log_fields(
    *,
    mentor: AbstractBaseUser,
    session_date: datetime.date,
    duration_minutes: int,
    competencies: Iterable[Competency],
    reflection: str,
) -> dict:
    """Check the rules a log's fields must meet; return field errors (empty when valid)."""
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if session_date > today:
        errors.setdefault("session_date", []).append(_("The session date cannot be in the future."))
    joined = timezone.localdate(mentor.date_joined)
    if session_date < joined:
        errors.setdefault("session_date", []).append(
            _("The session date cannot be before you joined (%(date)s).") % {"date": joined}
        )
    if not MIN_DURATION_MINUTES <= duration_minutes <= MAX_DURATION_MINUTES:
        errors.setdefault("duration_minutes", []).append(
            _("Enter a duration between %(min)s and %(max)s minutes.")
            % {"min": MIN_DURATION_MINUTES, "max": MAX_DURATION_MINUTES}
        )
    if not list(competencies):
        errors.setdefault("competencies", []).append(
            _("Choose at least one competency you practised.")
        )
    reflection = reflection.strip()
    if not reflection:
        errors.setdefault("reflection", []).append(_("Write a short reflection."))
    elif len(reflection) > REFLECTION_MAX_LENGTH:
        errors.setdefault("reflection", []).append(
            _("Keep the reflection to %(max)s characters or fewer (it has %(count)s).")
            % {"max": REFLECTION_MAX_LENGTH, "count": len(reflection)}
        )
    elif kinds := contact_details_found(reflection):
        errors.setdefault("reflection", []).append(privacy_message(kinds))
    return errors


def _checked_supervisor(*, mentor: AbstractBaseUser, session_date: datetime.date, **fields):
    """Raise the field errors of ``_validate_log_fields``, else return who reviews the log
    (``selectors.practice_log_reviewer``: the supervisor linked on the session date, or the
    mentor's current one when that person can no longer sign off)."""
    errors = _validate_log_fields(mentor=mentor, session_date=session_date, **fields)
    reviewer = None
    if "session_date" not in errors:
        reviewer, problems = practice_log_reviewer(
            mentor=mentor, session_date=session_date, on=timezone.localdate()
        )
        if reviewer is None:
            errors["session_date"] = problems
    if errors:
        raise ValidationError(errors)
    return reviewer


def _record_event(
    *, log: PracticeLog, to_status: str, actor: AbstractBaseUser, comment: str = ""
) -> PracticeLogEvent:
    event = PracticeLogEvent.objects.create(
        log=log, from_status=log.status, to_status=to_status, actor=actor, comment=comment
    )
    log.status = to_status
    return event


@transaction.atomic
def practice_log_create(
    *,
    mentor: AbstractBaseUser,
    session_date: datetime.date,
    duration_minutes: int,
    setting: str,
    competencies: Iterable[Competency],
    reflection: str,
) -> PracticeLog:
    """Create a draft log. The supervisor is the one linked to the mentor on the session date;
    the fields must pass the rules of ``_validate_log_fields`` (including the privacy guard).
    The mentor's row is locked, as erasure locks it: a log written while the mentor's data is
    being erased waits, then finds a closed account."""
    if not account_lock_open(user=mentor):
        raise ValidationError(_("This account is closed."))
    competencies = list(competencies)
    supervisor = _checked_supervisor(
        mentor=mentor,
        session_date=session_date,
        duration_minutes=duration_minutes,
        competencies=competencies,
        reflection=reflection,
    )
    log = PracticeLog.objects.create(
        mentor=mentor,
        supervisor=supervisor,
        session_date=session_date,
        duration_minutes=duration_minutes,
        setting=setting,
        reflection=reflection.strip(),
    )
    log.competencies.set(competencies)
    PracticeLogEvent.objects.create(log=log, to_status=Status.DRAFT, actor=mentor)
    return log


def _lock(log: PracticeLog) -> PracticeLog:
    return PracticeLog.objects.select_for_update().get(pk=log.pk)


@transaction.atomic
def practice_log_update(
    *,
    log: PracticeLog,
    actor: AbstractBaseUser,
    session_date: datetime.date,
    duration_minutes: int,
    setting: str,
    competencies: Iterable[Competency],
    reflection: str,
) -> PracticeLog:
    """Edit a log. Only its mentor may, and only while it is a draft or has changes requested;
    a submitted, approved or rejected log is refused. The supervisor is re-resolved from the
    (possibly new) session date."""
    locked = _lock(log)
    if locked.mentor_id != actor.pk:
        raise PermissionDenied(_("Only the mentor who wrote a log can edit it."))
    if not locked.is_editable:
        raise ValidationError(
            _("This log is %(status)s and can no longer be edited.")
            % {"status": locked.get_status_display().lower()}
        )
    competencies = list(competencies)
    locked.supervisor = _checked_supervisor(
        mentor=locked.mentor,
        session_date=session_date,
        duration_minutes=duration_minutes,
        competencies=competencies,
        reflection=reflection,
    )
    locked.session_date = session_date
    locked.duration_minutes = duration_minutes
    locked.setting = setting
    locked.reflection = reflection.strip()
    locked.save()
    locked.competencies.set(competencies)
    return locked


@transaction.atomic
def practice_log_submit(*, log: PracticeLog, actor: AbstractBaseUser) -> PracticeLog:
    """Submit a draft (or a log with changes requested) to its supervisor for review: the one
    ``selectors.practice_log_reviewer`` names, who must be able to sign it off today.

    Idempotent: submitting a log that is already submitted records no second event and sends no
    second e-mail. Approved or rejected logs cannot be submitted again.
    """
    locked = _lock(log)
    if locked.mentor_id != actor.pk:
        raise PermissionDenied(_("Only the mentor who wrote a log can submit it."))
    if locked.status == Status.SUBMITTED:
        return locked
    if not locked.is_editable:
        raise ValidationError(
            _("This log is %(status)s and cannot be submitted again.")
            % {"status": locked.get_status_display().lower()}
        )
    reviewer, problems = practice_log_reviewer(
        mentor=locked.mentor, session_date=locked.session_date, on=timezone.localdate()
    )
    if reviewer is None:
        raise ValidationError(problems)
    if problems:
        raise ValidationError(
            _("Nobody can sign this log off at the moment: %(problems)s Ask your coordinator.")
            % {"problems": " ".join(problems)}
        )
    locked.supervisor = reviewer
    event = _record_event(log=locked, to_status=Status.SUBMITTED, actor=actor)
    locked.save(update_fields=["status", "supervisor", "updated_at"])
    tasks.enqueue_on_commit("notify_supervisor_of_submission", event_id=event.pk)
    return locked


def _review(
    *, log: PracticeLog, reviewer: AbstractBaseUser, to_status: str, comment: str
) -> PracticeLog:
    """Record a supervisor's decision on a submitted log.

    Only the log's supervisor may decide, never on their own log, and only while the log is
    submitted; the row is locked so two concurrent decisions record one. The comment passes the
    same privacy guard as reflections. The reviewer must still be an active supervisor, and a
    sign-off (approve or reject: the decisions that close the log) needs the qualification of
    every open programme that asks for one (``selectors.supervisor_sign_off_problems``).
    Requesting changes only hands the log back to the mentor, so it needs no qualification.
    """
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Keep the comment to %(max)s characters.") % {"max": COMMENT_MAX_LENGTH}}
        )
    if to_status in (Status.CHANGES_REQUESTED, Status.REJECTED) and not comment:
        raise ValidationError({"comment": _("Tell the mentor why, in a comment.")})
    if kinds := contact_details_found(comment):
        raise ValidationError({"comment": privacy_message(kinds, about="comment")})
    problems = supervisor_sign_off_problems(
        supervisor=reviewer,
        on=timezone.localdate(),
        qualification=to_status != Status.CHANGES_REQUESTED,
    )
    if problems:
        raise ValidationError(
            _(
                "You cannot sign off this log: %(problems)s Ask a coordinator to update your "
                "supervisor profile."
            )
            % {"problems": " ".join(problems)}
        )
    locked = _lock(log)
    if locked.mentor_id == reviewer.pk:
        raise PermissionDenied(_("You cannot review your own practice log."))
    if locked.supervisor_id != reviewer.pk:
        raise PermissionDenied(_("Only the mentor's supervisor for that date can review this log."))
    if locked.status != Status.SUBMITTED:
        raise ValidationError(
            _("This log is %(status)s, so there is nothing to review.")
            % {"status": locked.get_status_display().lower()}
        )
    event = _record_event(log=locked, to_status=to_status, actor=reviewer, comment=comment)
    locked.reviewer = reviewer
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment
    locked.save(update_fields=["status", "reviewer", "reviewed_at", "review_comment", "updated_at"])
    log_id, mentor_id = locked.pk, locked.mentor_id
    tasks.enqueue_on_commit("notify_mentor_of_review", event_id=event.pk)
    if to_status == Status.APPROVED:
        transaction.on_commit(
            lambda: practice_log_approved.send(
                sender=PracticeLog, log_id=log_id, mentor_id=mentor_id
            )
        )
    return locked


@transaction.atomic
def practice_log_approve(
    *, log: PracticeLog, reviewer: AbstractBaseUser, comment: str = ""
) -> PracticeLog:
    """Approve a submitted log: its minutes now count. The log is final from now on."""
    return _review(log=log, reviewer=reviewer, to_status=Status.APPROVED, comment=comment)


@transaction.atomic
def practice_log_request_changes(
    *, log: PracticeLog, reviewer: AbstractBaseUser, comment: str
) -> PracticeLog:
    """Send a submitted log back to its mentor for changes; a comment is required."""
    return _review(log=log, reviewer=reviewer, to_status=Status.CHANGES_REQUESTED, comment=comment)


@transaction.atomic
def practice_log_reject(
    *, log: PracticeLog, reviewer: AbstractBaseUser, comment: str
) -> PracticeLog:
    """Reject a submitted log; a comment is required. The log is final from now on."""
    return _review(log=log, reviewer=reviewer, to_status=Status.REJECTED, comment=comment)


@transaction.atomic
def practice_log_withdraw(*, log: PracticeLog, actor: AbstractBaseUser) -> PracticeLog:
    """A mentor takes back a submitted log that nobody can review
    (``selectors.practice_log_review_blocked``: its supervisor left, lost the role, or no longer
    meets an open programme's qualification). It returns to draft, with an event saying why, so
    the mentor can resubmit it to whoever supervises them now. A log its supervisor can still
    review stays with them."""
    locked = _lock(log)
    if locked.mentor_id != actor.pk:
        raise PermissionDenied(_("Only the mentor who wrote a log can withdraw it."))
    if locked.status != Status.SUBMITTED:
        raise ValidationError(
            _("This log is %(status)s; only a submitted log can be withdrawn.")
            % {"status": locked.get_status_display().lower()}
        )
    reasons = practice_log_review_blocked(log=locked, on=timezone.localdate())
    if not reasons:
        raise ValidationError(
            _("Your supervisor can still review this log, so it stays with them.")
        )
    comment = _("Withdrawn because nobody could review it: %(reasons)s") % {
        "reasons": " ".join(reasons)
    }
    _record_event(
        log=locked, to_status=Status.DRAFT, actor=actor, comment=comment[:COMMENT_MAX_LENGTH]
    )
    locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def practice_log_reassign(*, log: PracticeLog, actor: AbstractBaseUser) -> PracticeLog:
    """A coordinator hands a submitted log to the mentor's supervisor in force today, when it
    waits for someone else (a supervisor who left, lost the role or no longer supervises the
    mentor). The new supervisor must be able to sign it off. The change is an event (actor, and
    a comment saying from whom to whom) and the new supervisor is e-mailed as on submission."""
    if not practice_log_policy().user_has_permission(actor, "reassign"):
        raise PermissionDenied(_("Only coordinators can reassign practice logs."))
    locked = _lock(log)
    if locked.status != Status.SUBMITTED:
        raise ValidationError(
            _("This log is %(status)s; only a submitted log can be reassigned.")
            % {"status": locked.get_status_display().lower()}
        )
    today = timezone.localdate()
    link = supervision_link_active(mentor=locked.mentor, on=today)
    if link is None:
        raise ValidationError(
            _(
                "%(mentor)s has no supervisor today. Add a supervision link first, then "
                "reassign the log."
            )
            % {"mentor": locked.mentor.public_name}
        )
    if link.supervisor_id == locked.supervisor_id:
        raise ValidationError(
            _("This log already waits for %(name)s, the mentor's current supervisor.")
            % {"name": link.supervisor.public_name}
        )
    if problems := supervisor_sign_off_problems(supervisor=link.supervisor, on=today):
        raise ValidationError(
            _("The log cannot go to %(name)s: %(problems)s")
            % {"name": link.supervisor.public_name, "problems": " ".join(problems)}
        )
    previous = locked.supervisor
    comment = _("Reassigned from %(previous)s to %(current)s.") % {
        "previous": previous.public_name,
        "current": link.supervisor.public_name,
    }
    event = _record_event(log=locked, to_status=Status.SUBMITTED, actor=actor, comment=comment)
    locked.supervisor = link.supervisor
    locked.save(update_fields=["supervisor", "updated_at"])
    tasks.enqueue_on_commit("notify_supervisor_of_submission", event_id=event.pk)
    return locked
