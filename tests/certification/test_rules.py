"""One test per rule at the one place that decides it (selectors and the practice-log policy);
the views, admin views, reports, menu items and templates ask these."""

import pytest

from certification import selectors
from certification.permissions import PRACTICE_LOG_ROLE_ACTIONS, practice_log_policy
from certification.services import evidence_competency_names
from tests.factories import CompetencyFactory, PracticeLogFactory, UserFactory
from tests.factories.certificates import ProgrammeFactory
from tests.factories.matching import certify


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.mark.django_db
def test_who_may_download_a_certificate_pdf(programme, mentor, coordinator, supervisor):
    certificate = certify(mentor, programme)
    superuser = UserFactory(is_superuser=True)
    stranger = UserFactory(role="Mentors")
    allowed = {mentor: True, coordinator: True, superuser: True, supervisor: False, stranger: False}
    for user, expected in allowed.items():
        assert (
            selectors.certificate_pdf_downloadable(user=user, certificate=certificate) is expected
        )
        listed = selectors.certificates_downloadable_by(user=user)
        assert listed.filter(pk=certificate.pk).exists() is expected


@pytest.mark.django_db
def test_which_practice_logs_a_user_may_see(mentor, supervisor, coordinator):
    theirs = PracticeLogFactory(mentor=mentor, supervisor=supervisor)
    own = PracticeLogFactory(mentor=supervisor, supervisor=UserFactory(role="Supervisors"))
    other = PracticeLogFactory()
    assert set(selectors.practice_logs_visible_to(user=supervisor)) == {theirs}
    assert set(selectors.practice_logs_visible_to(user=coordinator)) == {theirs, own, other}
    assert not selectors.practice_logs_visible_to(user=mentor).exists()
    # Reviewing: the log's own supervisor, never on their own log; list and object agree.
    for log in (theirs, own, other):
        for user in (mentor, supervisor, coordinator):
            in_list = selectors.practice_logs_reviewable_by(user=user).filter(pk=log.pk).exists()
            assert selectors.practice_log_reviewable_by(log=log, user=user) is in_list


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("Mentors", {"write_own"}),
        ("Supervisors", {"follow_supervisees"}),
        ("Coordinators", {"follow_supervisees", "reassign"}),
        ("Trainers", set()),
        (None, set()),
        ("superuser", set(PRACTICE_LOG_ROLE_ACTIONS)),
    ],
)
def test_role_duties_of_the_practice_log_policy(role, allowed):
    if role == "superuser":
        user = UserFactory(is_superuser=True)
    else:
        user = UserFactory(role=role) if role else UserFactory()
    policy = practice_log_policy()
    granted = {
        action for action in PRACTICE_LOG_ROLE_ACTIONS if policy.user_has_permission(user, action)
    }
    assert granted == allowed


@pytest.mark.django_db
def test_legacy_evidence_names_competencies_by_their_code_not_their_label():
    CompetencyFactory(slug="active-listening", name="Active listening")
    evidence = {
        "requirements": [
            {"code": "practice_total", "label": "20 hours of approved supervised practice"},
            {"code": "competency:active-listening", "label": "5 Stunden Übung in Zuhören"},
            {"code": "competency:gone", "label": "2 hours practising Gone since 1 May 2024"},
        ]
    }
    assert evidence_competency_names(evidence) == ["Active listening", "gone"]
    assert evidence_competency_names({"competencies": [{"name": "A"}]}) == ["A"]
