"""Eligibility rules, over hand-picked and generated histories."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from certification.eligibility import eligibility_evaluate
from certification.models import Endorsement
from tests.factories import PracticeLogFactory, UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify
from tests.factories.quizzes import CompetencyFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def codes(result, *, met):
    return {item.code for item in result.requirements if item.met is met}


def test_a_new_mentor_sees_everything_that_is_left(mentor):
    programme = ProgrammeFactory()
    result = eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY)
    assert not result.qualifies and not result.certified
    assert codes(result, met=False) == {"practice_total", "competency:crisis", "endorsement"}
    total = next(r for r in result.requirements if r.code == "practice_total")
    assert total.current == 0 and total.required == 100
    assert total.detail == "1 h 40 min more approved practice needed."
    assert [r.code for r in result.unmet][0] == "certificate"


def test_meeting_every_requirement_qualifies(mentor):
    programme = ProgrammeFactory()
    qualify(mentor, programme)
    result = eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY)
    assert result.qualifies
    assert all(r.percent == 100 for r in result.requirements)


def test_only_approved_minutes_count(mentor):
    programme = ProgrammeFactory()
    link = qualify(mentor, programme, endorse=True)
    for status in ["draft", "submitted", "changes_requested", "rejected"]:
        PracticeLogFactory(
            mentor=mentor, supervisor=link.supervisor, status=status, duration_minutes=600
        )
    result = eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY)
    total = next(r for r in result.requirements if r.code == "practice_total")
    assert total.current == 100


def test_practice_after_the_evaluation_day_does_not_count(mentor):
    programme = ProgrammeFactory()
    qualify(mentor, programme)
    earlier = TODAY - datetime.timedelta(days=10)
    result = eligibility_evaluate(mentor=mentor, programme=programme, at=earlier)
    assert codes(result, met=False) == {"practice_total", "competency:crisis", "endorsement"}


def test_minutes_in_another_competency_do_not_fill_a_competency_requirement(mentor):
    programme = ProgrammeFactory()
    link = qualify(mentor, programme)
    result = eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY)
    assert result.qualifies
    other = ProgrammeFactory(competency_minutes={CompetencyFactory(slug="boundaries"): 30})
    Endorsement.objects.create(
        mentor=mentor, programme=other, supervisor=link.supervisor, endorsed_at=timezone.now()
    )
    result = eligibility_evaluate(mentor=mentor, programme=other, at=TODAY)
    assert codes(result, met=False) == {"competency:boundaries"}


def test_endorsement_is_per_programme_and_optional_when_not_required(mentor):
    programme = ProgrammeFactory(endorsement_required=False)
    qualify(mentor, programme, endorse=False)
    result = eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY)
    assert result.qualifies
    assert "endorsement" not in {r.code for r in result.requirements}


def test_unknown_mentor_id_raises(db):
    from cms.models import User

    with pytest.raises(User.DoesNotExist):
        eligibility_evaluate(mentor=999999, programme=ProgrammeFactory(), at=TODAY)


def test_evaluation_runs_a_constant_number_of_queries(mentor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = ProgrammeFactory()
    link = qualify(mentor, programme)
    counts = []
    for logs in (3, 150):
        PracticeLogFactory.create_batch(
            logs, mentor=mentor, supervisor=link.supervisor, status="approved", duration_minutes=30
        )
        with CaptureQueriesContext(connection) as queries:
            result = eligibility_evaluate(mentor=mentor.pk, programme=programme, at=TODAY)
        assert result.qualifies
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4


history = st.lists(
    st.tuples(
        st.sampled_from(["approved", "submitted", "rejected", "draft"]),
        st.integers(5, 300),  # minutes
        st.booleans(),  # in the required competency?
        st.integers(0, 60),  # days ago
    ),
    max_size=6,
)


class EligibilityProperties(TestCase):
    """Generated histories: never eligible with a requirement missing; more evidence never
    takes eligibility away."""

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(logs=history, endorsed=st.booleans(), extra=history)
    def test_eligibility_matches_the_rules_and_is_monotonic(self, logs, endorsed, extra):
        competency = CompetencyFactory(slug="crisis", name="Crisis intervention")
        programme = ProgrammeFactory(competency_minutes={competency: 60})
        mentor = UserFactory(role="Mentors")
        link = qualify(mentor, programme, endorse=False)
        mentor_logs = mentor.practice_logs.all()
        mentor_logs.delete()  # start from nothing but the link

        def add(items):
            for status, minutes, in_competency, days_ago in items:
                PracticeLogFactory(
                    mentor=mentor,
                    supervisor=link.supervisor,
                    status=status,
                    duration_minutes=minutes,
                    session_date=TODAY - datetime.timedelta(days=days_ago),
                    competencies=[competency] if in_competency else [CompetencyFactory()],
                )

        add(logs)
        if endorsed:
            Endorsement.objects.create(
                mentor=mentor,
                programme=programme,
                supervisor=link.supervisor,
                endorsed_at=timezone.now(),
            )
        before = eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY)
        approved = [log for log in logs if log[0] == "approved"]
        expected = (
            sum(m for _s, m, _c, _d in approved) >= 100
            and sum(m for _s, m, c, _d in approved if c) >= 60
            and endorsed
        )
        assert before.qualifies is expected
        if not before.qualifies:
            assert any(not r.met for r in before.requirements)
        add(extra)
        after = eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY)
        if before.qualifies:
            assert after.qualifies
        for old, new in zip(before.requirements, after.requirements, strict=True):
            assert (new.current or 0) >= (old.current or 0)


def test_required_courses_count_only_once_completed(mentor):
    from courses.models import Enrolment
    from tests.factories.courses import course_with_modules

    course, _modules = course_with_modules(count=1)
    programme = ProgrammeFactory()
    programme.required_courses.add(course)
    programme.save()
    qualify(mentor, programme)
    result = eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY)
    assert codes(result, met=False) == {f"course:{course.pk}"}
    enrolment = Enrolment.objects.create(learner=mentor, course=course)
    assert not eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY).qualifies
    enrolment.completed_at = timezone.now()
    enrolment.save()
    assert eligibility_evaluate(mentor=mentor, programme=programme, at=TODAY).qualifies
