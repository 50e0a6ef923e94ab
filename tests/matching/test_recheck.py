"""Every change that can close the gate re-checks the mentor's assignments at once, and the
nightly sweep is the same check (issue 13, point 5)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certification import services as certification
from certification.models import Certificate, SupervisionLink
from cms.roles import MENTORS, SUPERVISORS
from matching import services
from matching.models import Assignment, AssignmentStatus, Mentee, MentorProfile
from tests.factories import MenteeFactory, MentorProfileFactory, SupervisionLinkFactory, UserFactory
from tests.matching.test_one_rule import Rollback, make_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme, coordinator):
    """A certified, supervised mentor (crisis-trained, speaks en) with two active mentees."""
    return build(programme, coordinator)


def build(programme, coordinator):
    mentor = UserFactory(role="Mentors")
    certificate = make_certificate(
        mentor, programme, status="active", starts=-100 + 0, lasts=400, grace=10
    )
    link = SupervisionLinkFactory(mentor=mentor)
    MentorProfileFactory(user=mentor, capacity=3, languages="en", crisis_trained=True)
    mentees = [MenteeFactory(programme=programme, languages="en") for _ in range(2)]
    assignments = [
        services.assignment_create(mentor=mentor, mentee=mentee, coordinator=coordinator)
        for mentee in mentees
    ]
    return {
        "mentor": mentor,
        "certificate": certificate,
        "link": link,
        "mentees": mentees,
        "assignments": assignments,
    }


def statuses(world) -> list[str]:
    return [
        Assignment.objects.get(pk=a.pk).status  # fresh from the database
        for a in world["assignments"]
    ]


def flagged_reason(world, index=0) -> str:
    return Assignment.objects.get(pk=world["assignments"][index].pk).review_reason


FLAGGED = AssignmentStatus.NEEDS_REVIEW
ACTIVE = AssignmentStatus.ACTIVE


def test_mentee_needing_a_crisis_trained_mentor(world, django_capture_on_commit_callbacks):
    profile = world["mentor"].mentor_profile
    profile.crisis_trained = False
    profile.save()
    assert statuses(world) == [ACTIVE, ACTIVE]
    mentee = world["mentees"][0]
    mentee.needs_crisis_trained = True
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mentee.save()
    assert statuses(world) == [FLAGGED, ACTIVE]
    assert "crisis-trained" in flagged_reason(world)
    assert len(mail.outbox) == 1  # coordinators told once for the flag
    with django_capture_on_commit_callbacks(execute=True):
        mentee.save()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"languages": "cy"}, "language in common"),
        ({"is_active": False}, "inactive"),
    ],
)
def test_mentee_edits(world, change, words):
    mentee = world["mentees"][1]
    for field, value in change.items():
        setattr(mentee, field, value)
    mentee.save()
    assert statuses(world) == [ACTIVE, FLAGGED]
    assert words in flagged_reason(world, 1)


def test_mentee_moved_to_a_programme_the_mentor_does_not_hold(world):
    from tests.factories.certificates import ProgrammeFactory

    mentee = world["mentees"][0]
    mentee.programme = ProgrammeFactory()
    mentee.save()
    assert statuses(world) == [FLAGGED, ACTIVE]
    assert "holds no certificate" in flagged_reason(world)


def test_mentor_deactivated_or_leaving_the_role(world, programme, coordinator):
    mentor = world["mentor"]
    mentor.is_active = False
    mentor.save()
    assert statuses(world) == [FLAGGED, FLAGGED]
    assert "deactivated" in flagged_reason(world)

    other = build(programme, coordinator)
    other["mentor"].groups.remove(Group.objects.get(name=MENTORS))
    assert statuses(other) == [FLAGGED, FLAGGED]
    assert "Mentor role" in flagged_reason(other)


def test_a_sign_in_does_not_recheck(world, django_assert_max_num_queries):
    mentor = world["mentor"]
    with django_assert_max_num_queries(1):
        mentor.last_login = timezone.now()
        mentor.save(update_fields=["last_login"])


def test_supervisor_deactivated_or_leaving_the_role(world, programme, coordinator):
    supervisor = world["link"].supervisor
    supervisor.is_active = False
    supervisor.save()
    assert statuses(world) == [FLAGGED, FLAGGED]
    assert "supervision" in flagged_reason(world)

    other = build(programme, coordinator)
    Group.objects.get(name=SUPERVISORS).user_set.remove(other["link"].supervisor)
    assert statuses(other) == [FLAGGED, FLAGGED]


def test_link_ended_or_deleted(world, programme, coordinator):
    link = world["link"]
    link.end = timezone.localdate() - datetime.timedelta(days=1)
    link.save()
    assert statuses(world) == [FLAGGED, FLAGGED]

    other = build(programme, coordinator)
    other["link"].delete()
    assert statuses(other) == [FLAGGED, FLAGGED]


def test_lowering_capacity_flags_only_the_mentees_beyond_it(world):
    profile = world["mentor"].mentor_profile
    profile.capacity = 1
    profile.save()
    assert statuses(world) == [ACTIVE, FLAGGED]
    assert "capacity is 1" in flagged_reason(world, 1)


def test_not_accepting_new_mentees_keeps_current_ones(world):
    profile = world["mentor"].mentor_profile
    profile.accepting_new = False
    profile.save()
    assert statuses(world) == [ACTIVE, ACTIVE]


def test_a_certificate_state_change_flags_in_the_same_transaction(world, coordinator):
    with transaction.atomic():
        certification.certificate_suspend(
            certificate_id=world["certificate"].pk, actor=coordinator, reason="Under review."
        )
        # No on-commit callback has run: the flag is part of the suspension's transaction.
        assert statuses(world) == [FLAGGED, FLAGGED]
    assert "suspended" in flagged_reason(world)


# --- The sweep is the same check -------------------------------------------------------------

CHANGES = [
    "crisis",
    "language",
    "mentee_inactive",
    "mentor_inactive",
    "mentor_role",
    "supervisor_inactive",
    "supervisor_role",
    "link_ended",
    "capacity",
    "not_accepting",
    "certificate_suspended",
    "certificate_expired",
]


def apply(change: str, world, *, signals: bool) -> None:
    """Make one change either as the admin or a service would (signals: the immediate check
    runs) or behind the application's back with a bare UPDATE (only the sweep can see it)."""
    mentor, link, mentee = world["mentor"], world["link"], world["mentees"][0]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    def set_fields(instance, **fields):
        if signals:
            for name, value in fields.items():
                setattr(instance, name, value)
            instance.save()
        else:
            type(instance).objects.filter(pk=instance.pk).update(**fields)

    def leave(user, group_name):
        group = Group.objects.get(name=group_name)
        if signals:
            user.groups.remove(group)
        else:
            user.groups.through.objects.filter(user=user, group=group).delete()

    if change == "crisis":
        MentorProfile.objects.filter(user=mentor).update(crisis_trained=False)
        set_fields(Mentee.objects.get(pk=mentee.pk), needs_crisis_trained=True)
    elif change == "language":
        set_fields(Mentee.objects.get(pk=mentee.pk), languages="cy")
    elif change == "mentee_inactive":
        set_fields(Mentee.objects.get(pk=mentee.pk), is_active=False)
    elif change == "mentor_inactive":
        set_fields(type(mentor).objects.get(pk=mentor.pk), is_active=False)
    elif change == "mentor_role":
        leave(mentor, MENTORS)
    elif change == "supervisor_inactive":
        set_fields(type(mentor).objects.get(pk=link.supervisor_id), is_active=False)
    elif change == "supervisor_role":
        leave(link.supervisor, SUPERVISORS)
    elif change == "link_ended":
        set_fields(SupervisionLink.objects.get(pk=link.pk), end=max(link.start, yesterday))
    elif change == "capacity":
        set_fields(MentorProfile.objects.get(user=mentor), capacity=1)
    elif change == "not_accepting":
        set_fields(MentorProfile.objects.get(user=mentor), accepting_new=False)
    elif change == "certificate_suspended":
        certificate = Certificate.objects.get(pk=world["certificate"].pk)
        if certificate.status != "active":
            return  # only an active certificate can be suspended (it may have expired first)
        if signals:
            certification.certificate_suspend(
                certificate_id=certificate.pk, actor=None, reason="Review."
            )
        else:
            Certificate.objects.filter(pk=certificate.pk).update(status="suspended")
    elif change == "certificate_expired":  # the expiry sweep is a status change like any other
        certificate = world["certificate"]
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=yesterday, grace_until=yesterday
        )
        if signals:
            certification.certificate_expire_due()
        else:
            Certificate.objects.filter(pk=certificate.pk).update(status="expired")


def flagged_after(changes, programme, coordinator, *, signals: bool) -> set[tuple[int, int]]:
    """(mentor number, assignment number) of every flagged assignment, in a rolled-back world."""
    result = set()
    try:
        with transaction.atomic():
            worlds = [build(programme, coordinator) for _ in changes]
            for world, world_changes in zip(worlds, changes, strict=True):
                for change in world_changes:
                    apply(change, world, signals=signals)
            if not signals:
                services.assignments_sweep()
            for w, world in enumerate(worlds):
                for a, assignment in enumerate(world["assignments"]):
                    assignment.refresh_from_db()
                    if assignment.status == FLAGGED:
                        result.add((w, a))
            raise Rollback
    except Rollback:
        pass
    return result


def test_the_sweep_flags_what_the_immediate_checks_flag(programme, coordinator):
    seen = []

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        changes=st.lists(
            st.lists(st.sampled_from(CHANGES), max_size=3, unique=True), min_size=1, max_size=2
        )
    )
    def check(changes):
        immediate = flagged_after(changes, programme, coordinator, signals=True)
        swept = flagged_after(changes, programme, coordinator, signals=False)
        assert immediate == swept, changes
        seen.append(bool(immediate))

    check()
    assert any(seen) and not all(seen)


@pytest.mark.django_db(transaction=True)
def test_the_sweep_survives_connections_closed_between_transactions(settings, monkeypatch):
    """With CONN_MAX_AGE=0 the ORM broker closes the connection when it enqueues the flag's
    e-mail after each commit; the sweep must not hold a cursor across that."""
    from django_q.conf import Conf
    from django_q.models import OrmQ

    from tests.factories.certificates import ProgrammeFactory

    monkeypatch.setattr(Conf, "SYNC", False)  # enqueue through the real broker
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    programme = ProgrammeFactory(is_default=True)
    coordinator = UserFactory(role="Coordinators", email="c@example.org")
    worlds = [build(programme, coordinator) for _ in range(3)]
    for world in worlds:  # lapse behind the application's back: only the sweep sees it
        Certificate.objects.filter(pk=world["certificate"].pk).update(status="suspended")
    flagged = services.assignments_sweep()
    assert len(flagged) == 6
    if Conf.ORM:
        assert OrmQ.objects.count() == 6  # one e-mail task per flag, each enqueued after commit


def test_a_link_an_assignment_relied_on_is_ended_not_deleted(world):
    from certification.selectors import supervision_link_delete_refusal

    link = world["link"]
    assert "2 assignments that relied on it" in supervision_link_delete_refusal(link=link)
    unused = SupervisionLinkFactory(mentor=UserFactory(role="Mentors"), start=timezone.localdate())
    assert supervision_link_delete_refusal(link=unused) == ""
