"""The learner dashboard's quiz panel: results, attempts left, when the next attempt opens."""

from courses import selectors


def quiz_panel(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    statuses = selectors.quiz_statuses_for_learner(learner=request.user)
    if not statuses:
        return None
    return {
        "template": "courses/dashboard/quiz_panel.html",
        "context": {"statuses": statuses},
        "order": 100,
    }
