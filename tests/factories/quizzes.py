import factory

from courses.models import Competency, Question, QuestionChoice, Quiz, QuizQuestion


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Competency {n}")
    slug = factory.Sequence(lambda n: f"competency-{n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-choice question with one correct and two wrong choices."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    kind = "single"
    prompt = factory.Sequence(lambda n: f"Question {n}?")
    competency = factory.SubFactory(CompetencyFactory)
    explanation = "Because listening comes first."

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        if not create:
            return
        spec = extracted or [("Right", True), ("Wrong A", False), ("Wrong B", False)]
        for order, (text, correct) in enumerate(spec):
            QuestionChoice.objects.create(
                question=self,
                text=text,
                is_correct=correct,
                sort_order=order,
                feedback=f"Feedback for {text}",
            )


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 80
    attempt_limit = 3
    cooldown_minutes = 0
    shuffle_questions = True
    shuffle_options = True

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if create and extracted:
            for order, question in enumerate(extracted):
                QuizQuestion.objects.create(quiz=self, question=question, sort_order=order)


def correct_answers(attempt) -> dict[str, list[str]]:
    return {q["key"]: [c["key"] for c in q["choices"] if c["correct"]] for q in attempt.snapshot}


def wrong_answers(attempt, *, keys: set[str] | None = None) -> dict[str, list[str]]:
    """Correct answers, except the alphabetically first wrong option for the given questions."""
    answers = correct_answers(attempt)
    for q in attempt.snapshot:
        if keys is None or q["key"] in keys:
            wrong = sorted((c for c in q["choices"] if not c["correct"]), key=lambda c: c["text"])
            answers[q["key"]] = [wrong[0]["key"]]
    return answers
