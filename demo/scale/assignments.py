"""``seed_demo --scale N`` for matching: matching details for the scaled mentors who hold a
certificate in force in the default programme, mentees (code names ``S-<number>-<n>``) and
active assignments within each mentor's capacity (see demo/scale/mentors.py).

Capacity is 1 to 3 by the mentor's number; a third of them have no mentee yet, the others
between one and their capacity; every seventh mentor also leaves a mentee waiting. Only
scaled mentors without matching details are handled.
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from certification.models import Certificate
from certification.selectors import programme_default
from cms.models import User
from demo.scale.mentors import batches_logged, index_of, scaled_mentors
from matching.models import Assignment, AssignmentStatus, Mentee, MentorProfile


def mentee_code(index: int, number: int) -> str:
    return f"S-{index:06d}-{number}"


def seed_scale(*, count: int, log: Callable[[str], None]) -> None:
    programme = programme_default()
    coordinator = User.objects.filter(username="coordinator").first()
    if programme is None or coordinator is None:
        log("Scale: no default programme or coordinator; matching skipped.")
        return
    today = timezone.localdate()
    in_force = Certificate.objects.in_force_on(today).filter(
        holder_id=OuterRef("pk"), programme=programme
    )
    mentors = list(
        scaled_mentors(count)
        .filter(Exists(in_force))
        .filter(~Exists(MentorProfile.objects.filter(user_id=OuterRef("pk"))))
        .annotate(since=in_force.order_by("-valid_from").values("valid_from")[:1])
        .values_list("pk", "username", "since")
    )
    if not mentors:
        return
    log(f"Scale: matching for {len(mentors):,} certified mentors.")
    for batch in batches_logged(mentors, log=log, label="matching"):
        profiles, mentees, pairs = [], [], []
        for mentor_id, name, since in batch:
            index = index_of(name)
            capacity = 1 + index % 3
            profiles.append(
                MentorProfile(
                    user_id=mentor_id,
                    capacity=capacity,
                    languages="en, cy" if index % 4 == 0 else "en",
                    crisis_trained=index % 5 == 0,
                    accepting_new=index % 11 != 0,
                )
            )
            assigned = 0 if index % 3 == 0 else 1 + index % capacity
            start = min(today, since + datetime.timedelta(days=7))
            for number in range(1, assigned + 1):
                mentee = Mentee(
                    code_name=mentee_code(index, number),
                    languages="en",
                    programme=programme,
                    needs_crisis_trained=False,
                    created_by=coordinator,
                )
                mentees.append(mentee)
                pairs.append((mentor_id, mentee, start))
            if index % 7 == 0:
                mentees.append(
                    Mentee(
                        code_name=mentee_code(index, 0),
                        languages="en",
                        programme=programme,
                        needs_crisis_trained=index % 2 == 0,
                        created_by=coordinator,
                    )
                )
        with transaction.atomic():
            MentorProfile.objects.bulk_create(profiles)
            Mentee.objects.bulk_create(mentees)
            Assignment.objects.bulk_create(
                [
                    Assignment(
                        mentor_id=mentor_id,
                        mentee_id=mentee.pk,
                        coordinator=coordinator,
                        start=start,
                        status=AssignmentStatus.ACTIVE,
                    )
                    for mentor_id, mentee, start in pairs
                ]
            )
