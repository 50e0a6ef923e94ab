"""Dashboard panels from certification: practice minutes and certificate status."""

from django.db.models import Count, Q, Sum

from certification.models import CURRENT_STATUSES, Certificate, PracticeLog


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
    """The current certificate, if any (one query); what is left lives on My certification."""
    if not request.user.is_authenticated:
        return None
    certificate = (
        Certificate.objects.filter(holder=request.user, status__in=CURRENT_STATUSES)
        .select_related("programme")
        .order_by("-issued_at")
        .first()
    )
    return {
        "template": "certification/dashboard/certification_panel.html",
        "context": {"certificate": certificate},
        "order": 300,
    }
