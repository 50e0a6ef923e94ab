"""Reads for supervision: who supervises whom on a day, who may sign off, and what a
supervision link carries that deleting it would lose."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certification.models import Endorsement, PracticeLog, SupervisionLink, SupervisorProfile
from certification.models.practice import active_member_q
from certification.selectors.certificates import programmes_open
from certification.signals import supervision_link_in_use
from cms.models import User
from cms.roles import MENTORS, SUPERVISORS


def supervision_link_active(
    *, mentor: AbstractBaseUser | int, on: datetime.date
) -> SupervisionLink | None:
    """The supervision link in force for ``mentor`` on ``on`` (the latest-starting one), or None.

    "In force" is ``SupervisionLink.objects.in_force_on``: the link covers the day and its
    supervisor is an active member of Supervisors. Overlapping links are refused when saved, so
    there is at most one; the ordering only makes old data deterministic.
    """
    return (
        SupervisionLink.objects.in_force_on(on)
        .filter(mentor=mentor)
        .select_related("supervisor")
        .order_by("-start", "-pk")
        .first()
    )


def supervisors_available() -> QuerySet[User]:
    """Who may be chosen as a supervisor: active members of Supervisors."""
    return (
        User.objects.filter(active_member_q(SUPERVISORS))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def mentors_available() -> QuerySet[User]:
    """Who may be chosen as a supervised mentor: active members of Mentors."""
    return (
        User.objects.filter(active_member_q(MENTORS))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _is_active_supervisor(user: AbstractBaseUser) -> bool:
    return User.objects.filter(active_member_q(SUPERVISORS), pk=user.pk).exists()


def _long_date(day: datetime.date) -> str:
    return date_format(day, "j F Y")


_UNKNOWN = object()


def supervisor_qualification_problems(
    *, supervisor: AbstractBaseUser, programme, on: datetime.date, profile=_UNKNOWN
) -> list[str]:
    """Is ``supervisor`` qualified to sign off for ``programme`` on ``on``? The one answer,
    as the reasons why not (empty: qualified).

    A programme with ``supervisor_qualification_required`` asks for a recorded qualification
    (its kind and identifier on the supervisor's profile) that is in date on ``on`` (the expiry
    day itself still counts; no expiry date means it does not expire); ``supervisor_min_years``
    asks for that many years supervising peers on record. A programme that asks neither is
    satisfied by anyone. ``profile`` (the supervisor's, or None) saves a query when the caller
    already read it.
    """
    required = programme.supervisor_qualification_required
    min_years = programme.supervisor_min_years
    if not required and not min_years:
        return []
    if profile is _UNKNOWN:
        profile = SupervisorProfile.objects.filter(user_id=supervisor.pk).first()
    name = supervisor.public_name
    if profile is None or (required and not profile.qualification.strip()):
        return [_("No supervisor qualification is on record for %(name)s.") % {"name": name}]
    problems = []
    if required and not profile.credential_id.strip():
        problems.append(
            _("The supervisor qualification of %(name)s has no identifier on record.")
            % {"name": name}
        )
    elif required and profile.qualification_expires and profile.qualification_expires < on:
        problems.append(
            _("The supervisor qualification of %(name)s expired on %(date)s.")
            % {"name": name, "date": _long_date(profile.qualification_expires)}
        )
    if profile.years_supervising < min_years:
        problems.append(
            _(
                "%(programme)s asks for at least %(years)s years of supervising peers; "
                "%(recorded)s are on record for %(name)s."
            )
            % {
                "programme": programme.name,
                "years": min_years,
                "recorded": profile.years_supervising,
                "name": name,
            }
        )
    return problems


def supervisor_sign_off_problems(
    *, supervisor: AbstractBaseUser, on: datetime.date, qualification: bool = True
) -> list[str]:
    """Why ``supervisor`` cannot sign off practice logs on ``on`` (empty: they can).

    They must be an active member of Supervisors. With ``qualification``, they must also meet
    the supervisor qualification of EVERY programme open for certification (``is_active``) that
    asks for one: approved minutes are not tied to a programme, they count toward every
    programme the mentor pursues, so a sign-off must be good enough for the strictest open
    programme. Closed programmes do not bind.
    """
    if not _is_active_supervisor(supervisor):
        return [_("%(name)s is no longer an active supervisor.") % {"name": supervisor.public_name}]
    if not qualification:
        return []
    programmes = programmes_open().filter(
        Q(supervisor_qualification_required=True) | Q(supervisor_min_years__gt=0)
    )
    profile = SupervisorProfile.objects.filter(user_id=supervisor.pk).first()
    problems: list[str] = []
    for programme in programmes:
        for problem in supervisor_qualification_problems(
            supervisor=supervisor, programme=programme, on=on, profile=profile
        ):
            if problem not in problems:
                problems.append(problem)
    return problems


def supervision_link_history(*, link: SupervisionLink) -> list[str]:
    """What a supervision link carries that deleting it would lose, as short phrases (empty: it
    was made by mistake and may be deleted): practice logs the mentor wrote for sessions under it
    to its supervisor, endorsements its supervisor gave the mentor during it, and whatever a
    downstream app relies on (``signals.supervision_link_in_use``: matching's open
    assignments)."""
    logs = PracticeLog.objects.filter(
        mentor_id=link.mentor_id, supervisor_id=link.supervisor_id, session_date__gte=link.start
    )
    endorsements = Endorsement.objects.filter(
        mentor_id=link.mentor_id,
        supervisor_id=link.supervisor_id,
        endorsed_at__date__gte=link.start,
    )
    if link.end is not None:
        logs = logs.filter(session_date__lte=link.end)
        endorsements = endorsements.filter(endorsed_at__date__lte=link.end)
    reasons = []
    if count := logs.count():
        reasons.append(
            ngettext(
                "%(count)s practice log written under it",
                "%(count)s practice logs written under it",
                count,
            )
            % {"count": count}
        )
    if count := endorsements.count():
        reasons.append(
            ngettext(
                "%(count)s endorsement given under it",
                "%(count)s endorsements given under it",
                count,
            )
            % {"count": count}
        )
    for _receiver, answer in supervision_link_in_use.send(sender=SupervisionLink, link=link):
        reasons.extend(str(reason) for reason in answer or [])
    return reasons


def supervision_link_delete_refusal(*, link: SupervisionLink) -> str:
    """Why this link may not be deleted, as the message for the coordinator ("" when it may)."""
    if reasons := supervision_link_history(link=link):
        return _(
            "This supervision link cannot be deleted: %(reasons)s. Its history must be kept, so "
            "set an end date instead."
        ) % {"reasons": "; ".join(reasons)}
    return ""
