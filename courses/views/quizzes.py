from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.errors import add_service_errors
from courses import selectors, services
from courses.forms import AttemptForm
from courses.models import AttemptStatus, Quiz, QuizAttempt


@login_required
def quiz_detail(request, quiz_id: int):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    return render(
        request, "courses/quiz/detail.html", {"quiz": quiz, "status": _status(request, quiz)}
    )


def _status(request, quiz: Quiz) -> selectors.QuizStatus:
    access = selectors.quiz_access_blockers(learner=request.user, quiz=quiz)
    return selectors.quiz_status(learner=request.user, quiz=quiz, access_blockers=access)


@login_required
@require_POST
def quiz_start(request, quiz_id: int):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    try:
        attempt = services.quiz_attempt_start(learner=request.user, quiz=quiz)
    except services.QuizError as error:
        messages.error(request, str(error))
        return render(
            request,
            "courses/quiz/detail.html",
            {"quiz": quiz, "status": _status(request, quiz)},
            status=409,
        )
    return redirect("courses:quiz_attempt", attempt_id=attempt.pk)


def _own_attempt(request, attempt_id: int) -> QuizAttempt:
    attempt = (
        QuizAttempt.objects.select_related("quiz")
        .filter(pk=attempt_id, learner=request.user)
        .first()
    )
    if attempt is None:
        raise Http404(_("No such attempt."))
    return attempt


@login_required
def quiz_attempt(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    status = selectors.quiz_status(learner=request.user, quiz=attempt.quiz)
    if attempt.status == AttemptStatus.OPEN and attempt == status.open_attempt:
        form = AttemptForm(snapshot=attempt.snapshot)
        return _render_attempt(request, attempt, form)
    # Closed, or open but past its deadline (closed for good by the next start or submit).
    review = selectors.quiz_attempt_review(attempt=attempt, status=status)
    return render(
        request,
        "courses/quiz/result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "status": status,
            "review": review,
        },
    )


def _render_attempt(request, attempt: QuizAttempt, form: AttemptForm, status_code: int = 200):
    seconds_left = None
    if attempt.deadline:
        seconds_left = max(int((attempt.deadline - timezone.now()).total_seconds()), 0)
    return render(
        request,
        "courses/quiz/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "form": form,
            "minutes_left": None if seconds_left is None else (seconds_left + 59) // 60,
        },
        status=status_code,
    )


@login_required
@require_POST
def quiz_attempt_submit(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status != AttemptStatus.OPEN:
        messages.info(request, _("This attempt was already submitted. Here is its result."))
        return redirect("courses:quiz_attempt", attempt_id=attempt.pk)
    form = AttemptForm(request.POST, snapshot=attempt.snapshot)
    if not form.is_valid():
        return _render_attempt(request, attempt, form, status_code=400)
    try:
        outcome = services.quiz_attempt_submit(
            attempt_id=attempt.pk, learner=request.user, answers=form.answers()
        )
    except services.AnswersInvalidError as error:
        add_service_errors(form, error, field_name=AttemptForm.field_name)
        return _render_attempt(request, attempt, form, status_code=400)
    if outcome.too_late:
        messages.error(
            request,
            _(
                "Time ran out before your answers arrived, so this attempt closed without a "
                "score. You can start another attempt when one is available."
            ),
        )
        return redirect("courses:quiz_detail", quiz_id=attempt.quiz_id)
    if not outcome.graded_now:
        messages.info(request, _("This attempt was already submitted. Here is its result."))
    return redirect("courses:quiz_attempt", attempt_id=attempt.pk)
