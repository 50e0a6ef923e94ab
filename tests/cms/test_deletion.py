"""Deleting a person never takes their history with it (issue 13, point 7).

The rule lives in the schema (every foreign key from a history row is PROTECT) and one selector
(cms.deletion) asks the schema what a delete would have to take; Wagtail's user delete view and
its bulk delete action refuse with that answer, pointing to the erasure path.
"""

import pytest
from django.db.models import PROTECT
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils import timezone

from certification.models import (
    Certificate,
    CertificateEvent,
    Endorsement,
    PracticeLog,
    PracticeLogEvent,
    SupervisionLink,
)
from cms import deletion
from cms.models import PersonErasure, User
from courses.models import Enrolment, ModuleCompletion, QuizAttempt, ReflectionAnswer
from matching.models import Assignment, AssignmentEvent
from tests.factories import PracticeLogFactory, QuizFactory, SupervisionLinkFactory, UserFactory
from tests.factories.cms import PASSWORD
from tests.factories.courses import EnrolmentFactory

pytestmark = pytest.mark.django_db

# Every foreign key from a history row (learning record, practice, certification, assignment,
# erasure record) to what an admin could delete: deleting the target must be refused.
HISTORY_FOREIGN_KEYS = [
    (Enrolment, "learner"),
    (Enrolment, "course"),
    (ModuleCompletion, "learner"),
    (ModuleCompletion, "module"),
    (ReflectionAnswer, "learner"),
    (ReflectionAnswer, "module"),
    (QuizAttempt, "learner"),
    (QuizAttempt, "quiz"),
    (SupervisionLink, "mentor"),
    (SupervisionLink, "supervisor"),
    (PracticeLog, "mentor"),
    (PracticeLog, "supervisor"),
    (PracticeLog, "reviewer"),
    (PracticeLogEvent, "log"),
    (PracticeLogEvent, "actor"),
    (PracticeLog.competencies.through, "competency"),
    (Endorsement, "mentor"),
    (Endorsement, "programme"),
    (Endorsement, "supervisor"),
    (Certificate, "holder"),
    (Certificate, "programme"),
    (Certificate, "previous"),
    (CertificateEvent, "certificate"),
    (CertificateEvent, "actor"),
    (Assignment, "mentor"),
    (Assignment, "mentee"),
    (Assignment, "coordinator"),
    (AssignmentEvent, "assignment"),
    (AssignmentEvent, "actor"),
    (PersonErasure, "person"),
    (PersonErasure, "actor"),
]


@pytest.mark.parametrize(
    ("model", "field"),
    HISTORY_FOREIGN_KEYS,
    ids=[f"{m.__name__}.{f}" for m, f in HISTORY_FOREIGN_KEYS],
)
def test_every_history_foreign_key_refuses_a_cascade(model, field):
    assert model._meta.get_field(field).remote_field.on_delete is PROTECT


def attempt_for(learner, quiz=None):
    quiz = quiz or QuizFactory()
    return QuizAttempt.objects.create(
        learner=learner,
        quiz=quiz,
        number=1,
        started_at=timezone.now(),
        pass_mark=quiz.pass_mark,
        feedback_policy=quiz.feedback_policy,
        snapshot=[],
    )


@pytest.fixture
def superuser_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.login(username=admin.username, password=PASSWORD)
    return client


@pytest.fixture
def learner(db):
    """A mentor with a learning record: an enrolment and a quiz attempt."""
    person = UserFactory(role="Mentors")
    EnrolmentFactory(learner=person)
    attempt_for(person)
    return person


def test_a_person_without_history_holds_nothing_back(db):
    assert deletion.deletion_blockers(objects=[UserFactory()]) == []


def test_the_blockers_name_and_count_the_history(learner):
    blockers = deletion.deletion_blockers(objects=[learner])
    assert {(b.model, b.count) for b in blockers} == {(Enrolment, 1), (QuizAttempt, 1)}
    assert sorted(str(b) for b in blockers) == ["1 enrolment", "1 quiz attempt"]


def test_practice_counts_once_per_row_whatever_the_role(db):
    link = SupervisionLinkFactory()
    PracticeLogFactory.create_batch(2, mentor=link.mentor, supervisor=link.supervisor)
    as_mentor = {b.model: b.count for b in deletion.deletion_blockers(objects=[link.mentor])}
    assert as_mentor == {PracticeLog: 2, SupervisionLink: 1}
    as_supervisor = {
        b.model: b.count for b in deletion.deletion_blockers(objects=[link.supervisor])
    }
    assert as_supervisor[PracticeLog] == 2


def test_the_orm_refuses_too(learner):
    with pytest.raises(ProtectedError):
        learner.delete()
    with pytest.raises(ProtectedError):
        User.objects.filter(pk=learner.pk).delete()
    assert Enrolment.objects.filter(learner=learner).exists()


def test_the_user_delete_view_refuses_with_the_erasure_path(superuser_client, learner):
    url = reverse("wagtailusers_users:delete", args=[learner.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "cannot be deleted" in text
    assert "1 enrolment" in text and "1 quiz attempt" in text
    assert reverse("cms_admin:person", args=[learner.pk]) in text  # erase instead
    assert "deactivate" in text.lower()

    response = superuser_client.post(url)
    assert response.status_code == 409
    assert "cannot be deleted" in response.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_a_user_without_history_can_still_be_deleted(superuser_client):
    newcomer = UserFactory()
    response = superuser_client.post(reverse("wagtailusers_users:delete", args=[newcomer.pk]))
    assert response.status_code == 302
    assert not User.objects.filter(pk=newcomer.pk).exists()


def bulk_url(app_label, model_name, ids, **extra):
    query = "&".join([*(f"id={pk}" for pk in ids), *(f"{k}={v}" for k, v in extra.items())])
    return reverse("wagtail_bulk_action", args=(app_label, model_name, "delete")) + "?" + query


def test_the_bulk_user_delete_refuses_and_deletes_nobody(superuser_client, learner):
    newcomer = UserFactory()
    response = superuser_client.post(bulk_url("cms", "user", [learner.pk, newcomer.pk]))
    assert response.status_code == 409
    text = response.content.decode()
    assert learner.username in text and "1 enrolment" in text
    assert newcomer.username not in text  # only the accounts that hold history are named
    assert User.objects.filter(pk__in=[learner.pk, newcomer.pk]).count() == 2


def test_the_bulk_user_delete_still_deletes_people_without_history(superuser_client):
    first, second = UserFactory(), UserFactory()
    response = superuser_client.post(bulk_url("cms", "user", [first.pk, second.pk]))
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[first.pk, second.pk]).exists()


def test_an_erased_tombstone_is_kept(superuser_client, learner):
    coordinator = UserFactory(is_superuser=True)
    PersonErasure.objects.create(
        person=learner, actor=coordinator, at=timezone.now(), reason="Asked", counts={}
    )
    response = superuser_client.post(reverse("wagtailusers_users:delete", args=[learner.pk]))
    assert response.status_code == 409
    assert "personal data erasure" in response.content.decode()
