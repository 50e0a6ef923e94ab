"""One rule for "may this person mentor today?": the API, the list, the roster, the eligibility
screen and the gate agree on generated states (issue 13, point 3)."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from certification.models import Certificate, CertificateStatus
from cms.roles import MENTORS, SUPERVISORS
from matching import selectors, services
from matching.models import Assignment, AssignmentStatus
from tests.factories import MenteeFactory, MentorProfileFactory, SupervisionLinkFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
_serials = itertools.count(1)


class Rollback(Exception):  # noqa: N818 - control flow: undo one generated example
    pass


def mostly(value, *others):
    """``value`` about four times in five, so that fully eligible states are common too."""
    return st.sampled_from([value] * 4 * max(len(others), 1) + list(others))


def usually(strategy):
    """The strategy about four times in five, else None."""
    return st.one_of(strategy, strategy, strategy, strategy, st.none())


certificates = usually(
    st.fixed_dictionaries(
        {
            "status": mostly("active", *(s for s in CertificateStatus.values if s != "active")),
            "starts": st.one_of(st.integers(-400, 0), st.integers(-800, 10)),  # from today
            "lasts": st.one_of(st.integers(300, 800), st.integers(0, 800)),
            "grace": st.integers(0, 40),
        }
    ),
)
links = usually(
    st.fixed_dictionaries(
        {
            "starts": st.integers(-400, 5),
            "ends": mostly(None, -30, -1, 0, 1, 30),
            "supervisor_active": mostly(True, False),
            "supervisor_role": mostly(True, False),
        }
    ),
)
states = st.fixed_dictionaries(
    {
        "certificate": certificates,
        "link": links,
        "mentor_active": st.booleans(),
        "profile": st.one_of(
            st.none(),
            st.fixed_dictionaries({"capacity": st.integers(1, 3), "accepting_new": st.booleans()}),
        ),
        "open_assignments": st.integers(0, 3),
        "other_programme_certificate": st.booleans(),
    }
)


# States built to be eligible, with everything that should not matter varied, so that about
# half of the examples exercise the "eligible" answer on every path.
eligible_states = st.fixed_dictionaries(
    {
        "certificate": st.fixed_dictionaries(
            {
                "status": st.just("active"),
                "starts": st.integers(-300, 0),
                "lasts": st.integers(300, 800),
                "grace": st.integers(0, 40),
            }
        ),
        "link": st.fixed_dictionaries(
            {
                "starts": st.integers(-400, 0),
                "ends": st.one_of(st.none(), st.integers(0, 30)),
                "supervisor_active": st.just(True),
                "supervisor_role": st.just(True),
            }
        ),
        "mentor_active": st.just(True),
        "profile": st.one_of(
            st.none(),
            st.fixed_dictionaries({"capacity": st.integers(2, 3), "accepting_new": st.just(True)}),
        ),
        "open_assignments": st.integers(0, 1),
        "other_programme_certificate": st.booleans(),
    }
)
any_state = st.one_of(states, eligible_states)


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def make_certificate(holder, programme, *, status, starts, lasts, grace):
    n = next(_serials)
    valid_from = day(starts)
    valid_until = valid_from + datetime.timedelta(days=lasts)
    issued = timezone.make_aware(datetime.datetime.combine(valid_from, datetime.time(9)))
    return Certificate.objects.create(
        serial=f"T-{n:06d}",
        verification_code=f"code{n:020d}",
        holder=holder,
        holder_name=holder.public_name,
        programme=programme,
        issued_at=issued,
        valid_from=valid_from,
        valid_until=valid_until,
        grace_until=valid_until + datetime.timedelta(days=grace),
        status=status,
        status_changed_at=issued,
    )


def build(state, programme, other_programme, coordinator):
    mentor = UserFactory(role="Mentors", is_active=True)
    if state["certificate"]:
        make_certificate(mentor, programme, **state["certificate"])
    if state["other_programme_certificate"]:
        make_certificate(mentor, other_programme, status="active", starts=-10, lasts=300, grace=0)
    link = state["link"]
    if link:
        supervisor = UserFactory(role="Supervisors", is_active=link["supervisor_active"])
        if not link["supervisor_role"]:
            supervisor.groups.remove(Group.objects.get(name=SUPERVISORS))
        starts = day(link["starts"])
        ends = None if link["ends"] is None else max(starts, day(link["ends"]))
        SupervisionLinkFactory(mentor=mentor, supervisor=supervisor, start=starts, end=ends)
    if state["profile"]:
        MentorProfileFactory(user=mentor, **state["profile"])
    for _ in range(state["open_assignments"]):
        Assignment.objects.create(  # history written directly: the state, not the path to it
            mentor=mentor,
            mentee=MenteeFactory(programme=programme),
            coordinator=coordinator,
            start=day(-5),
            status=AssignmentStatus.ACTIVE,
        )
    if not state["mentor_active"]:
        mentor.is_active = False
        mentor.save(update_fields=["is_active"])
    return mentor


def gate_accepts(mentor, programme, coordinator) -> bool:
    fresh = MenteeFactory(programme=programme)
    try:
        with transaction.atomic():
            services.assignment_create(mentor=mentor, mentee=fresh, coordinator=coordinator)
            raise Rollback
    except Rollback:
        return True
    except services.AssignmentRefused:
        return False


@pytest.fixture
def world(db):
    from tests.factories.certificates import ProgrammeFactory

    programme = ProgrammeFactory(is_default=True, slug="core")
    other = ProgrammeFactory(slug="other")
    coordinator = UserFactory(role="Coordinators", is_superuser=False)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {services.api_token_issue(user=coordinator).key}")
    return programme, other, coordinator, api


def test_api_list_roster_screen_and_gate_agree(world, client, monkeypatch):
    """200 generated states; both answers must be common, or the agreement proves little."""
    outcomes = []
    check_state = settings(
        max_examples=200,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )(
        given(state=any_state)(
            lambda state: outcomes.append(agree(world, client, state, monkeypatch))
        )
    )
    check_state()
    assert outcomes.count(True) >= 20 and outcomes.count(False) >= 20, outcomes.count(True)


def agree(world, client, state, monkeypatch) -> bool:
    """Every path's answer for one generated state; returns the (agreed) answer."""
    programme, other, coordinator, api = world
    real_localdate = timezone.localdate
    monkeypatch.setattr(
        timezone,
        "localdate",
        lambda value=None, *args, **kwargs: (
            TODAY if value is None else real_localdate(value, *args, **kwargs)
        ),
    )
    cache.clear()  # the API's throttle counts every example otherwise
    try:
        with transaction.atomic():
            mentor = build(state, programme, other, coordinator)

            body = api.get(f"/api/v1/mentors/{mentor.pk}/eligibility/?programme=core").json()
            eligible = body["eligible"]
            assert eligible is (body["unmet"] == [])

            listed = api.get("/api/v1/mentors/?eligible=true&programme=core")
            assert listed.status_code == 200, listed.content
            listed_ids = {row["id"] for row in listed.json()["results"]}
            assert (mentor.pk in listed_ids) is eligible
            not_listed = api.get("/api/v1/mentors/?eligible=false&programme=core")
            assert not_listed.status_code == 200, not_listed.content
            assert (mentor.pk in {row["id"] for row in not_listed.json()["results"]}) is (
                not eligible
            )

            row = selectors.roster(programme=programme, on=TODAY).get(pk=mentor.pk)
            assert row.eligible is eligible

            client.force_login(coordinator)
            screen = client.get(reverse("matching_admin:mentor_eligibility", args=[mentor.pk]))
            assert (b"Eligible today" in screen.content) is eligible

            assert gate_accepts(mentor, programme, coordinator) is eligible, (state, body)
            raise Rollback
    except Rollback:
        pass
    return eligible


def test_a_deactivated_supervisor_closes_the_gate_everywhere(world, client):
    """The finding behind point 3: the API said eligible while the gate refused."""
    programme, other, coordinator, api = world
    from tests.factories import certify

    mentor = UserFactory(role="Mentors")
    certify(mentor, programme)
    link = mentor.supervision_links_as_mentor.get()
    assert api.get(f"/api/v1/mentors/{mentor.pk}/eligibility/").json()["eligible"] is True
    link.supervisor.is_active = False
    link.supervisor.save()
    body = api.get(f"/api/v1/mentors/{mentor.pk}/eligibility/").json()
    assert body["eligible"] is False
    assert [item["requirement"] for item in body["unmet"]] == ["supervision"]
    assert not gate_accepts(mentor, programme, coordinator)
    mentor.groups.remove(Group.objects.get(name=MENTORS))
    codes = [
        item["requirement"]
        for item in api.get(f"/api/v1/mentors/{mentor.pk}/eligibility/").json()["unmet"]
    ]
    assert codes == ["mentor_role", "supervision"]
