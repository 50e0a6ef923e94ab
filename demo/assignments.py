"""The demo's matching step: runs after the practice step (the certificate).

A few mentees (code names only); ``certified`` gets matching details and, when they hold a
certificate in force in the default programme, is assigned to one mentee through the gate;
assigning ``mentor`` (in training) is tried too, and the refusal's reasons are logged. Running
again adds nothing.
"""

from collections.abc import Callable

from django.utils import timezone

from certification.selectors import programme_default
from cms.models import User
from matching import services
from matching.models import Assignment, Mentee, MentorProfile

MENTEES = [
    # code name, languages, needs a crisis-trained mentor
    ("M-AURORA", "en", False),
    ("M-BIRCH", "en, cy", False),
    ("M-CEDAR", "en", True),
    ("M-DELTA", "", False),
]


def seed(*, log: Callable[[str], None]) -> None:
    programme = programme_default()
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["coordinator", "mentor", "certified"])
    }
    if programme is None or len(users) < 3:
        log("Matching demo skipped: no default programme or demo accounts.")
        return
    coordinator = users["coordinator"]
    mentees = []
    for code_name, languages, crisis in MENTEES:
        mentee, created = Mentee.objects.get_or_create(
            code_name=code_name,
            defaults={
                "languages": languages,
                "needs_crisis_trained": crisis,
                "programme": programme,
                "created_by": coordinator,
            },
        )
        mentees.append(mentee)
        if created:
            log(f"Created demo mentee {code_name}.")
    MentorProfile.objects.get_or_create(
        user=users["certified"], defaults={"capacity": 3, "languages": "en", "crisis_trained": True}
    )
    MentorProfile.objects.get_or_create(user=users["mentor"], defaults={"languages": "en, cy"})

    first = mentees[0]
    if not Assignment.objects.open().filter(mentee=first).exists():
        try:
            services.assignment_create(
                mentor=users["certified"], mentee=first, coordinator=coordinator
            )
            log(f"Assigned certified to {first.code_name}.")
        except services.AssignmentRefused as refused:
            log(
                "Matching demo: certified could not be assigned yet ("
                + "; ".join(reason["detail"] for reason in refused.reasons)
                + ")."
            )
    try:
        services.assignment_create(
            mentor=users["mentor"],
            mentee=mentees[1],
            coordinator=coordinator,
            start=timezone.localdate(),
        )
        log(f"Assigned mentor to {mentees[1].code_name}.")
    except services.AssignmentRefused as refused:
        log(
            "Matching demo: the gate refuses mentor (in training): "
            + "; ".join(reason["detail"] for reason in refused.reasons)
        )
