"""Reads for practice logs: who reviews a log, who may see which logs, the review queues and
the minutes that count."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from certification.models import PracticeLog, SupervisionLink
from certification.selectors.supervision import (
    supervision_link_active,
    supervisor_sign_off_problems,
)
from cms.models import User
from cms.roles import COORDINATORS, user_has_role
from courses.models import Competency


def practice_log_reviewer(
    *, mentor: AbstractBaseUser, session_date: datetime.date, on: datetime.date
) -> tuple[AbstractBaseUser | None, list[str]]:
    """Who reviews a log of a session on ``session_date``, asked on ``on``: (reviewer, problems).

    The supervisor in force on the session date reviews it. If the link covering that date names
    someone who can no longer sign off (they left, lost the role, or their qualification lapsed),
    the mentor's supervisor in force on ``on`` takes over. Practice on a day no link covered was
    not supervised: (None, [reason]). When nobody can sign off, the first candidate is returned
    with the reasons, so a draft can still be kept while a coordinator sorts it out.
    """
    session_link = supervision_link_active(mentor=mentor, on=session_date)
    if session_link is None and not (
        SupervisionLink.objects.filter(mentor=mentor)
        .overlapping(start=session_date, end=session_date)
        .exists()
    ):
        return None, [_("You have no supervisor for that date; ask your coordinator.")]
    current_link = supervision_link_active(mentor=mentor, on=on)
    candidates = []
    for link in (session_link, current_link):
        if link is not None and link.supervisor not in candidates:
            candidates.append(link.supervisor)
    if not candidates:
        return None, [
            _(
                "Your supervisor for that date can no longer review logs and you have no "
                "supervisor today; ask your coordinator."
            )
        ]
    first_problems = None
    for candidate in candidates:
        problems = supervisor_sign_off_problems(supervisor=candidate, on=on)
        if not problems:
            return candidate, []
        first_problems = first_problems or problems
    return candidates[0], first_problems


def practice_log_review_blocked(*, log: PracticeLog, on: datetime.date) -> list[str]:
    """Why nobody can review this submitted log now (empty: its supervisor can, or it is not
    waiting for review). Its supervisor cannot sign it off: they left, lost the role, or no
    longer meet an open programme's qualification."""
    if log.status != PracticeLog.Status.SUBMITTED:
        return []
    return supervisor_sign_off_problems(supervisor=log.supervisor, on=on)


def practice_logs_to_reassign(*, on: datetime.date) -> list[PracticeLog]:
    """Submitted logs waiting for someone who is not the mentor's supervisor in force on ``on``
    (they left, lost the role, or the link moved to someone else), each with
    ``current_supervisor``: the mentor's supervisor now, or None when the mentor has none (a
    link must be added first). Oldest session first. Three queries, whatever the count."""
    current = (
        SupervisionLink.objects.in_force_on(on)
        .filter(mentor=OuterRef("mentor"))
        .order_by("-start", "-pk")
        .values("supervisor")[:1]
    )
    logs = list(
        PracticeLog.objects.filter(status=PracticeLog.Status.SUBMITTED)
        .annotate(current_supervisor_id=Subquery(current))
        .filter(Q(current_supervisor_id__isnull=True) | ~Q(current_supervisor_id=F("supervisor")))
        .select_related("mentor", "supervisor")
        .order_by("session_date", "pk")
    )
    supervisors = User.objects.in_bulk({log.current_supervisor_id for log in logs} - {None})
    for log in logs:
        log.current_supervisor = supervisors.get(log.current_supervisor_id)
    return logs


def practice_logs_for_mentor(*, mentor: AbstractBaseUser) -> QuerySet[PracticeLog]:
    """A mentor's own logs, newest session first; nobody else's."""
    return (
        PracticeLog.objects.filter(mentor=mentor)
        .select_related("supervisor")
        .prefetch_related("competencies")
    )


def practice_log_for_mentor(*, mentor: AbstractBaseUser, pk: int) -> PracticeLog | None:
    """One of the mentor's own logs, or None (so another mentor's id reads as not found)."""
    return practice_logs_for_mentor(mentor=mentor).filter(pk=pk).first()


def practice_minutes_by_competency(
    *, mentor: AbstractBaseUser, status: str = PracticeLog.Status.APPROVED
) -> list[dict]:
    """Minutes per competency for one mentor's logs in ``status`` (approved by default).

    Every competency is listed, with 0 where nothing counts yet; a log that practised several
    competencies counts its full duration towards each. One aggregate query, whatever the number
    of logs.
    """
    minutes = Sum(
        "practice_logs__duration_minutes",
        filter=Q(practice_logs__mentor=mentor, practice_logs__status=status),
    )
    rows = Competency.objects.annotate(minutes=minutes).order_by("sort_order", "name")
    return [{"competency": competency, "minutes": competency.minutes or 0} for competency in rows]


def practice_minutes_total(
    *, mentor: AbstractBaseUser, status: str = PracticeLog.Status.APPROVED
) -> int:
    """Total minutes of a mentor's logs in ``status``, each log counted once."""
    total = PracticeLog.objects.filter(mentor=mentor, status=status).aggregate(
        total=Sum("duration_minutes")
    )["total"]
    return total or 0


def practice_logs_reviewable_by(*, user: AbstractBaseUser) -> QuerySet[PracticeLog]:
    """Logs ``user`` reviews: those addressed to them as supervisor, never their own."""
    return PracticeLog.objects.filter(supervisor=user).exclude(mentor=user)


def practice_log_reviewable_by(*, log: PracticeLog, user: AbstractBaseUser) -> bool:
    """``practice_logs_reviewable_by`` for one log already read, without a query."""
    return log.supervisor_id == user.pk and log.mentor_id != user.pk


def practice_logs_visible_to(*, user: AbstractBaseUser) -> QuerySet[PracticeLog]:
    """Logs a staff user may see: the one visibility rule for the admin's list, review page and
    filters, the practice reports and the permission policy.

    Coordinators (and superusers) see every log, read-only. A supervisor sees only the logs
    addressed to them, i.e. their own supervisees', never their own logs as a mentor.
    """
    if user_has_role(user, COORDINATORS):
        logs = PracticeLog.objects.all()
    else:
        logs = practice_logs_reviewable_by(user=user)
    return logs.select_related("mentor", "supervisor").prefetch_related("competencies")


def practice_log_supervisor_queue(*, supervisor: AbstractBaseUser) -> QuerySet[PracticeLog]:
    """The supervisor's review queue: their supervisees' submitted logs, oldest first."""
    return (
        practice_logs_visible_to(user=supervisor)
        .filter(supervisor=supervisor, status=PracticeLog.Status.SUBMITTED)
        .order_by("session_date", "pk")
    )


def supervisees_progress(*, supervisor: AbstractBaseUser) -> list[dict]:
    """For each mentor the supervisor supervises (any link, past or present): approved minutes
    per competency, total approved minutes and how many logs wait for review.

    Two queries for the whole table: one for the mentors, one grouped aggregate for the minutes.
    """
    mentors = list(
        User.objects.filter(
            pk__in=SupervisionLink.objects.filter(supervisor=supervisor).values("mentor")
        )
        .annotate(
            approved_total=Sum(
                "practice_logs__duration_minutes",
                filter=Q(practice_logs__status=PracticeLog.Status.APPROVED),
            ),
            pending=Count(
                "practice_logs",
                filter=Q(
                    practice_logs__status=PracticeLog.Status.SUBMITTED,
                    practice_logs__supervisor=supervisor,
                ),
            ),
        )
        .order_by("first_name", "last_name", "username")
    )
    competencies = list(Competency.objects.order_by("sort_order", "name"))
    per_competency = {
        (row["practice_logs__mentor"], row["pk"]): row["minutes"]
        for row in Competency.objects.filter(
            practice_logs__mentor__in=[m.pk for m in mentors],
            practice_logs__status=PracticeLog.Status.APPROVED,
        )
        .values("pk", "practice_logs__mentor")
        .annotate(minutes=Sum("practice_logs__duration_minutes"))
    }
    return [
        {
            "mentor": mentor,
            "approved_total": mentor.approved_total or 0,
            "pending": mentor.pending,
            "competencies": [
                {"competency": c, "minutes": per_competency.get((mentor.pk, c.pk), 0)}
                for c in competencies
            ],
        }
        for mentor in mentors
    ]
