"""The requirement checks of the paths: each returns a RequirementResult with its label (what
is asked, with its window) and, when unmet, a sentence saying what is missing."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certification.models import CertificationProgramme
from courses.models import CoursePage, Enrolment

# The code of a per-competency requirement: the prefix and the competency's slug.
COMPETENCY_CODE_PREFIX = "competency:"


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


def hours_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("%(h)d hour", "%(h)d hours", hours) % {"h": hours}
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": rest}


def minutes_requirement(
    *, code: str, label: str, current: int, required: int, missing: str, **extra
) -> RequirementResult:
    met = current >= required
    return RequirementResult(
        code=code,
        label=label,
        met=met,
        current=current,
        required=required,
        detail="" if met else missing % {"left": hours_text(required - current), **extra},
    )


def course_requirements(
    *, mentor_id: int, programme: CertificationProgramme, at: date
) -> list[RequirementResult]:
    """One query: the programme's required courses and whether each was completed by `at`."""
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


def endorsement_requirement(
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
