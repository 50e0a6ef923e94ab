import datetime

import factory
from django.utils import timezone

from certification.models import PracticeLog, SupervisionLink, SupervisorProfile
from tests.factories.cms import UserFactory
from tests.factories.quizzes import CompetencyFactory


class SupervisorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisorProfile

    user = factory.SubFactory(UserFactory, role="Supervisors")
    qualification = "Registered social worker"
    credential_id = factory.Sequence(lambda n: f"SW-{n:05d}")
    qualification_expires = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=730)
    )
    years_supervising = 6


class SupervisionLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionLink

    supervisor = factory.SubFactory(UserFactory, role="Supervisors")
    mentor = factory.SubFactory(UserFactory, role="Mentors")
    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    end = None


class PracticeLogFactory(factory.django.DjangoModelFactory):
    """A log written straight to the table (bypassing services) for read-side tests."""

    class Meta:
        model = PracticeLog
        skip_postgeneration_save = True

    mentor = factory.SubFactory(UserFactory, role="Mentors")
    supervisor = factory.SubFactory(UserFactory, role="Supervisors")
    session_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    duration_minutes = 60
    setting = PracticeLog.Setting.ROLE_PLAY
    reflection = "Practised open questions with my mentee."
    status = PracticeLog.Status.SUBMITTED

    @factory.post_generation
    def competencies(self, create, extracted, **kwargs):
        if create:
            self.competencies.set(extracted if extracted is not None else [CompetencyFactory()])
