import datetime

import factory
from django.utils import timezone

from certification.models import CertificationProgramme, CompetencyRequirement, Endorsement
from tests.factories.certification import PracticeLogFactory, SupervisionLinkFactory
from tests.factories.cms import UserFactory
from tests.factories.quizzes import CompetencyFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """100 approved minutes in total, 60 of them in one competency, and an endorsement."""

    class Meta:
        model = CertificationProgramme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    required_minutes_total = 100
    endorsement_required = True
    validity_months = 12
    renewal_minutes = 60
    renewal_window_days = 60
    grace_days = 30

    @factory.post_generation
    def competency_minutes(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (competency, minutes) in enumerate(
            (
                extracted or {CompetencyFactory(slug="crisis", name="Crisis intervention"): 60}
            ).items()
        ):
            CompetencyRequirement.objects.create(
                programme=self, competency=competency, minutes=minutes, sort_order=order
            )


def qualify(mentor, programme, *, on: datetime.date | None = None, endorse: bool = True):
    """Give a mentor exactly what the programme asks for: approved minutes and endorsement."""
    on = on or timezone.localdate()
    link = SupervisionLinkFactory(mentor=mentor)
    for requirement in programme.competency_requirements.select_related("competency"):
        PracticeLogFactory(
            mentor=mentor,
            supervisor=link.supervisor,
            status="approved",
            duration_minutes=requirement.minutes,
            session_date=on - datetime.timedelta(days=5),
            competencies=[requirement.competency],
        )
    done = sum(r.minutes for r in programme.competency_requirements.all())
    if programme.required_minutes_total > done:
        PracticeLogFactory(
            mentor=mentor,
            supervisor=link.supervisor,
            status="approved",
            duration_minutes=programme.required_minutes_total - done,
            session_date=on - datetime.timedelta(days=4),
        )
    if endorse and programme.endorsement_required:
        Endorsement.objects.create(
            mentor=mentor,
            programme=programme,
            supervisor=link.supervisor,
            endorsed_at=timezone.now() - datetime.timedelta(days=1),
        )
    return link


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    mentor = factory.SubFactory(UserFactory, role="Mentors")
    programme = factory.SubFactory(ProgrammeFactory)
    supervisor = factory.SubFactory(UserFactory, role="Supervisors")
    endorsed_at = factory.LazyFunction(timezone.now)
