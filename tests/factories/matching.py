import factory

from certification.services import certificate_issue_if_eligible
from matching.models import Mentee, MentorProfile
from tests.factories.certificates import ProgrammeFactory, qualify
from tests.factories.cms import UserFactory


class MenteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentee

    code_name = factory.Sequence(lambda n: f"M-{n:04d}")
    programme = factory.SubFactory(ProgrammeFactory)


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile

    user = factory.SubFactory(UserFactory, role="Mentors")
    capacity = 3


def certify(mentor, programme):
    """Qualify the mentor (practice, supervision link, endorsement) and issue a real
    certificate through certification's service; returns the certificate."""
    qualify(mentor, programme)
    certificate = certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    assert certificate is not None, "the mentor should qualify"
    return certificate
