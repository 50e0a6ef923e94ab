"""The learner-facing lists: a catalogue's courses, a course page's overview and the learning
panel of the dashboard, each in a constant number of queries."""

from courses.models import CourseIndexPage, CoursePage, Enrolment
from courses.selectors.access import live_prerequisites, missing_prerequisites
from courses.selectors.progress import course_progress, course_progress_many


def course_catalogue(*, index: CourseIndexPage, learner) -> list[dict]:
    """The live courses of a catalogue with the learner's enrolment, if any (two queries)."""
    courses = list(CoursePage.objects.child_of(index).live().select_related("image"))
    enrolments = {}
    if learner is not None and learner.is_authenticated and courses:
        enrolments = {
            e.course_id: e for e in Enrolment.objects.filter(learner=learner, course__in=courses)
        }
    return [{"course": course, "enrolment": enrolments.get(course.pk)} for course in courses]


def course_overview(*, course: CoursePage, learner) -> dict:
    """The course page's context: outcomes, modules and, for a learner, progress, what blocks
    enrolment and what to do next."""
    progress = course_progress(course=course, learner=learner)
    signed_in = learner is not None and learner.is_authenticated
    prerequisites = live_prerequisites(course=course)
    missing = missing_prerequisites(learner=learner, course=course, prerequisites=prerequisites)
    return {
        "progress": progress,
        "enrolment": progress.enrolment,
        "prerequisites": prerequisites,
        "missing_prerequisites": missing if signed_in else [],
        "can_enrol": signed_in and progress.enrolment is None and not missing and course.live,
        "competencies": list(course.competencies.all()),
    }


def learner_dashboard(*, learner) -> dict:
    """The learning panel of /dashboard/: a constant number of queries, however many courses."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner).select_related("course").order_by("-enrolled_at")
    )
    courses = [e.course for e in enrolments]
    progress = course_progress_many(
        courses=courses, learner=learner, enrolments={e.course_id: e for e in enrolments}
    )
    in_progress, completed = [], []
    for enrolment in enrolments:
        item = progress[enrolment.course_id]
        (completed if item.is_complete else in_progress).append(item)
    return {"in_progress": in_progress, "completed": completed, "enrolment_count": len(enrolments)}
