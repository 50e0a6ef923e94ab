"""Dashboard panels from certification: practice minutes and certificate status."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from certification.models import Certificate, PracticeLog


def practice_panel(request) -> dict | None:
    """Approved minutes and logs waiting on someone, in one query."""
    if not request.user.is_authenticated:
        return None
    totals = PracticeLog.objects.filter(mentor=request.user).aggregate(
        approved=Sum("duration_minutes", filter=Q(status=PracticeLog.Status.APPROVED)),
        waiting=Count("pk", filter=Q(status=PracticeLog.Status.SUBMITTED)),
        to_fix=Count("pk", filter=Q(status=PracticeLog.Status.CHANGES_REQUESTED)),
        logs=Count("pk"),
    )
    if not totals["logs"]:
        return None
    return {
        "template": "certification/dashboard/practice_panel.html",
        "context": totals,
        "order": 200,
    }


def certification_panel(request) -> dict | None:
    """The holder's certificate (the current one, else the latest) and whether it is in force
    today (one query); what is left lives on My certification."""
    if not request.user.is_authenticated:
        return None
    certificate = (
        Certificate.objects.filter(holder=request.user)
        .select_related("programme")
        .current_first()
        .first()
    )
    in_force = certificate is not None and certificate.in_force_on(timezone.localdate())
    return {
        "template": "certification/dashboard/certification_panel.html",
        "context": {"certificate": certificate, "in_force": in_force},
        "order": 300,
    }
