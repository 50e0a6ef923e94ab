"""Reads of a learner's private reflection answers: only ever their own."""

from django.shortcuts import get_object_or_404

from courses.models import ModulePage, ReflectionAnswer


def reflection_answers_for(*, learner, module: ModulePage) -> dict[str, ReflectionAnswer]:
    return {
        answer.block_id: answer
        for answer in ReflectionAnswer.objects.filter(learner=learner, module=module)
    }


def reflection_answer_get(*, learner, pk: int) -> ReflectionAnswer:
    """One of the learner's own answers; anybody else's is a 404 (not 403: no hint it exists)."""
    return get_object_or_404(
        ReflectionAnswer.objects.select_related("module"), pk=pk, learner=learner
    )


def reflection_answers_list(*, learner) -> list[ReflectionAnswer]:
    return list(
        ReflectionAnswer.objects.filter(learner=learner)
        .select_related("module")
        .order_by("-updated_at")
    )
