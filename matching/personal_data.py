"""The matching app's part of a person's data (see cms/privacy.py): their matching details,
the assignments they mentor and their API token.

Mentees are not accounts: they are known by code names, and even those are another person's
pseudonym, so an export names no mentee and no coordinator. Erasure keeps assignments and their
events (the audit trail of assignment decisions) pointing at the tombstone account, and flags
the person's active assignments for coordinator review through the same service the
certificate-lapse path uses: an erased person cannot mentor, and a coordinator decides what
happens for the mentee.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.authtoken.models import Token

from matching.models import Assignment, AssignmentEvent, AssignmentStatus, MentorProfile
from matching.services import assignment_flag_for_review

LABELS = {
    "assignments_flagged": gettext_lazy("Active assignments flagged for coordinator review"),
    "mentor_profiles_deleted": gettext_lazy("Matching details deleted"),
    "api_tokens_deleted": gettext_lazy("API tokens deleted"),
}


def export(user) -> dict[str, list[dict]]:
    profiles = [
        {
            "capacity": profile.capacity,
            "languages": profile.languages,
            "accepting_new": profile.accepting_new,
            "crisis_trained": profile.crisis_trained,
        }
        for profile in MentorProfile.objects.filter(user=user)
    ]
    assignments = [
        {
            "id": assignment.pk,
            "start": assignment.start,
            "end": assignment.end,
            "status": assignment.status,
            "review_reason": assignment.review_reason,
            "created_at": assignment.created_at,
            "history": [
                {"at": event.at, "event": event.kind, "reason": event.reason}
                for event in assignment.events.all()
            ],
        }
        for assignment in Assignment.objects.filter(mentor=user)
        .prefetch_related(Prefetch("events", queryset=AssignmentEvent.objects.order_by("at", "pk")))
        .order_by("start", "pk")
    ]
    # The key itself is a credential: the export says a token exists, never what it is.
    tokens = [
        {"created": created}
        for created in Token.objects.filter(user=user).values_list("created", flat=True)
    ]
    return {"mentor_profile": profiles, "assignments": assignments, "api_token": tokens}


def _active(user):
    return Assignment.objects.filter(mentor=user, status=AssignmentStatus.ACTIVE)


def preview(user) -> dict[str, int]:
    return {
        "assignments_flagged": _active(user).count(),
        "mentor_profiles_deleted": MentorProfile.objects.filter(user=user).count(),
        "api_tokens_deleted": Token.objects.filter(user=user).count(),
    }


def erase(user, *, actor, reason: str, at) -> dict[str, int]:
    """Flag active assignments for review; delete matching details and the API token."""
    flagged = 0
    for assignment_id in _active(user).values_list("pk", flat=True):
        if assignment_flag_for_review(
            assignment_id=assignment_id,
            actor=actor,
            reason=_(
                "The mentor's personal data was erased at their request: they can no longer "
                "mentor. Please end this assignment and find the mentee a new mentor."
            ),
        ):
            flagged += 1
    profiles, _by_model = MentorProfile.objects.filter(user=user).delete()
    tokens, _by_model = Token.objects.filter(user=user).delete()
    return {
        "assignments_flagged": flagged,
        "mentor_profiles_deleted": profiles,
        "api_tokens_deleted": tokens,
    }
