"""The courses app's part of a person's data (see cms/privacy.py): enrolments, module
completions, private reflection answers and quiz attempts. Erasing deletes all of them: none is
an audit record (certificates keep their own evidence snapshot), and a quiz attempt's answers
say how one person thought. Trainers' item analysis loses that person's attempts."""

from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment, ModuleCompletion, QuizAttempt, ReflectionAnswer

LABELS = {
    "reflection_answers_deleted": _("Reflection answers deleted"),
    "quiz_attempts_deleted": _("Quiz attempts deleted"),
    "module_completions_deleted": _("Module completions deleted"),
    "enrolments_deleted": _("Enrolments deleted"),
}


def _prompt(module, block_id: str) -> str:
    """The prompt the answer responds to, read from the module's raw body (no queries)."""
    for item in module.body.raw_data:
        if item.get("type") == "reflection" and item.get("id") == block_id:
            return (item.get("value") or {}).get("prompt", "")
    return ""


def _attempt_answers(attempt) -> list[dict]:
    """Each question served with the options the person chose, in words rather than keys."""
    chosen = attempt.answers or {}
    questions = []
    for question in attempt.snapshot or []:
        keys = set(chosen.get(question.get("key"), []))
        questions.append(
            {
                "question": question.get("prompt", ""),
                "competency": question.get("competency", ""),
                "your_answers": [
                    c["text"] for c in question.get("choices", []) if c["key"] in keys
                ],
                "correct_answers": [c["text"] for c in question.get("choices", []) if c["correct"]],
            }
        )
    return questions


def export(user) -> dict[str, list[dict]]:
    enrolments = [
        {
            "course": enrolment.course.title,
            "enrolled_at": enrolment.enrolled_at,
            "completed_at": enrolment.completed_at,
            "last_module_opened": enrolment.last_module.title if enrolment.last_module else None,
        }
        for enrolment in Enrolment.objects.filter(learner=user)
        .select_related("course", "last_module")
        .order_by("enrolled_at", "pk")
    ]
    completions = [
        {"module": completion.module.title, "completed_at": completion.completed_at}
        for completion in ModuleCompletion.objects.filter(learner=user)
        .select_related("module")
        .order_by("completed_at", "pk")
    ]
    reflections = [
        {
            "module": answer.module.title,
            "prompt": _prompt(answer.module, answer.block_id),
            "answer": answer.text,
            "created_at": answer.created_at,
            "updated_at": answer.updated_at,
        }
        for answer in ReflectionAnswer.objects.filter(learner=user)
        .select_related("module")
        .order_by("created_at", "pk")
    ]
    attempts = [
        {
            "quiz": attempt.quiz.title,
            "attempt": attempt.number,
            "status": attempt.status,
            "started_at": attempt.started_at,
            "submitted_at": attempt.submitted_at,
            "score_percent": attempt.score,
            "passed": attempt.passed,
            "skills_to_revisit": attempt.critical_failures,
            "questions": _attempt_answers(attempt),
        }
        for attempt in QuizAttempt.objects.filter(learner=user)
        .select_related("quiz")
        .order_by("started_at", "pk")
    ]
    return {
        "enrolments": enrolments,
        "module_completions": completions,
        "reflection_answers": reflections,
        "quiz_attempts": attempts,
    }


def _querysets(user) -> dict:
    return {
        "reflection_answers_deleted": ReflectionAnswer.objects.filter(learner=user),
        "quiz_attempts_deleted": QuizAttempt.objects.filter(learner=user),
        "module_completions_deleted": ModuleCompletion.objects.filter(learner=user),
        "enrolments_deleted": Enrolment.objects.filter(learner=user),
    }


def preview(user) -> dict[str, int]:
    return {what: queryset.count() for what, queryset in _querysets(user).items()}


def erase(user, *, actor, reason: str, at) -> dict[str, int]:
    """Delete the person's learning record: reflections, quiz attempts, progress."""
    counts = {}
    for what, queryset in _querysets(user).items():
        counts[what], _by_model = queryset.delete()
    return counts
