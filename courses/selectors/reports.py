"""Reads for the trainers' course report: enrolment and completion figures per course."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment


@dataclass
class CourseReportRow:
    course: CoursePage
    enrolled: int
    completed: int
    median_minutes: float | None = None

    @property
    def pk(self) -> int:
        return self.course.pk

    @property
    def status(self) -> str:
        return str(self.course.status_string)

    @property
    def in_progress(self) -> int:
        return self.enrolled - self.completed

    @property
    def title(self) -> str:
        return self.course.title

    @property
    def median_time_to_complete(self) -> str:
        if self.median_minutes is None:
            return ""
        return format_duration(timedelta(minutes=self.median_minutes))


def format_duration(duration: timedelta) -> str:
    """ "3 days 4 h", "5 h 20 min", "12 min": enough precision for a completion time."""
    minutes = int(duration.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


def completion_median_minutes(*, course_ids: list[int]) -> dict[int, float]:
    """Median minutes from enrolment to completion per course, in one query."""
    durations: dict[int, list[float]] = {}
    rows = Enrolment.objects.filter(
        course_id__in=course_ids, completed_at__isnull=False
    ).values_list("course_id", "enrolled_at", "completed_at")
    for course_id, enrolled_at, completed_at in rows:
        minutes = (completed_at - enrolled_at).total_seconds() / 60
        durations.setdefault(course_id, []).append(minutes)
    return {course_id: statistics.median(values) for course_id, values in durations.items()}
