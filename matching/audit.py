"""Assignment decisions in Wagtail's audit log (see cms/audit.py for what an entry holds).

A receiver on AssignmentEvent writes the entry in the event's own transaction, whichever path
wrote the event (the gate, a coordinator's decision, the lapse flow-through, the nightly sweep,
an erasure). The label is "Assignment 12": an assignment's own name holds the mentor's name and
the mentee's code name.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from cms import audit
from matching.models import Assignment, AssignmentEvent, AssignmentEventKind, MentorProfile

ASSIGNMENT_ACTIONS = {
    AssignmentEventKind.CREATED: "pma.assignment.create",
    AssignmentEventKind.FLAGGED: "pma.assignment.flag",
    AssignmentEventKind.REVIEW_CLEARED: "pma.assignment.clear_review",
    AssignmentEventKind.REACTIVATED: "pma.assignment.reactivate",
    AssignmentEventKind.ENDED: "pma.assignment.end",
}


@receiver(post_save, sender=AssignmentEvent, dispatch_uid="audit_assignment_event")
def assignment_event_logged(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    audit.log_entry(
        Assignment(pk=instance.assignment_id),
        ASSIGNMENT_ACTIONS[instance.kind],
        actor=instance.actor,
        data={"event": instance.pk, "kind": instance.kind},
        timestamp=instance.at,
    )


def person_log_objects(user) -> list[tuple[type, list]]:
    """The objects about ``user`` whose log entries an erasure relabels (cms.privacy)."""
    return [
        (Assignment, list(Assignment.objects.filter(mentor=user).values_list("pk", flat=True))),
        (MentorProfile, list(MentorProfile.objects.filter(user=user).values_list("pk", flat=True))),
    ]


ACTIONS = {
    "pma.assignment.create": (
        _("Create assignment"),
        _("Assignment created through the gate"),
    ),
    "pma.assignment.flag": (_("Flag assignment"), _("Assignment flagged for coordinator review")),
    "pma.assignment.clear_review": (
        _("Clear assignment review"),
        _("Assignment review cleared: it continues"),
    ),
    "pma.assignment.reactivate": (_("Reactivate assignment"), _("Assignment reactivated")),
    "pma.assignment.end": (_("End assignment"), _("Assignment ended")),
}


def register_log_actions(actions) -> None:
    audit.register_actions(actions, ACTIONS)
