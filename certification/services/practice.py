"""Writes for supervised practice: create, edit, submit and review practice logs.

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
from certification.privacy import contact_details_found, privacy_message
from certification.selectors import supervision_link_active
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
    if (
        "session_date" not in errors
        and supervision_link_active(mentor=mentor, on=session_date) is None
    ):
        errors.setdefault("session_date", []).append(
            _("You have no supervisor for that date; ask your coordinator.")
        )
    return errors


def _checked_supervisor(*, mentor: AbstractBaseUser, session_date: datetime.date, **fields):
    """Raise the field errors of ``_validate_log_fields``, else return the supervisor linked to
    the mentor on the session date."""
    errors = _validate_log_fields(mentor=mentor, session_date=session_date, **fields)
    if errors:
        raise ValidationError(errors)
    return supervision_link_active(mentor=mentor, on=session_date).supervisor


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
    """Submit a draft (or a log with changes requested) to its supervisor for review.

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
    link = supervision_link_active(mentor=locked.mentor, on=locked.session_date)
    if link is None:
        raise ValidationError(_("You have no supervisor for that date; ask your coordinator."))
    locked.supervisor = link.supervisor
    event = _record_event(log=locked, to_status=Status.SUBMITTED, actor=actor)
    locked.save(update_fields=["status", "supervisor", "updated_at"])
    tasks.enqueue_on_commit("notify_supervisor_of_submission", event_id=event.pk)
    return locked


def _review(
    *, log: PracticeLog, reviewer: AbstractBaseUser, to_status: str, comment: str
) -> PracticeLog:
    """Record a supervisor's decision on a submitted log.

    Only the log's supervisor may decide, never on their own log, and only while the log is
    submitted; the row is locked so two concurrent decisions record one.
    """
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Keep the comment to %(max)s characters.") % {"max": COMMENT_MAX_LENGTH}}
        )
    if to_status in (Status.CHANGES_REQUESTED, Status.REJECTED) and not comment:
        raise ValidationError({"comment": _("Tell the mentor why, in a comment.")})
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
