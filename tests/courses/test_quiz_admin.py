import csv
import io

import pytest

from courses import services
from courses.models import Question, QuizAttempt
from courses.selectors import point_biserial, quiz_item_analysis, quiz_summary
from tests.factories import CompetencyFactory, QuestionFactory, QuizFactory, UserFactory
from tests.factories.cms import PASSWORD
from tests.factories.quizzes import correct_answers, wrong_answers

pytestmark = pytest.mark.django_db


def question_form(competency, kind, choices, **extra):
    data = {
        "kind": kind,
        "prompt": "What helps most?",
        "vignette": "",
        "competency": competency.pk,
        "points": 1,
        "explanation": "",
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 2,
        "choices-MAX_NUM_FORMS": 8,
        **extra,
    }
    for i, (text, correct) in enumerate(choices):
        data.update(
            {
                f"choices-{i}-text": text,
                f"choices-{i}-feedback": "",
                f"choices-{i}-ORDER": i + 1,
                f"choices-{i}-DELETE": "",
            }
        )
        if correct:
            data[f"choices-{i}-is_correct"] = "on"
    return data


@pytest.fixture
def trainer_client(client, trainer):
    client.login(username=trainer.username, password=PASSWORD)
    return client


def test_trainer_adds_a_question_with_choices_and_a_revision(trainer_client):
    competency = CompetencyFactory()
    response = trainer_client.post(
        "/admin/snippets/courses/question/add/",
        question_form(competency, "single", [("Listen", True), ("Advise", False)]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert [c.text for c in question.choices.all()] == ["Listen", "Advise"]
    assert question.revisions.count() == 1


@pytest.mark.parametrize(
    "kind, choices, message",
    [
        ("single", [("A", True), ("B", True)], "exactly one choice as correct"),
        ("single", [("A", False), ("B", False)], "exactly one choice as correct"),
        ("true_false", [("True", True), ("False", False), ("Maybe", False)], "exactly two"),
        ("multiple", [("A", False), ("B", False), ("C", False)], "at least one choice"),
    ],
)
def test_question_choices_must_fit_the_type(trainer_client, kind, choices, message):
    response = trainer_client.post(
        "/admin/snippets/courses/question/add/",
        question_form(CompetencyFactory(), kind, choices),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_mentors_cannot_reach_the_question_bank(client, mentor):
    client.login(username=mentor.username, password=PASSWORD)
    response = client.get("/admin/snippets/courses/question/")
    assert response.status_code == 302


def graded_attempts(quiz, learners_right_first: int, learners_wrong_first: int):
    for i in range(learners_right_first + learners_wrong_first):
        learner = UserFactory(role="Mentors")
        attempt = services.quiz_attempt_start(learner=learner, quiz=quiz)
        first = next(q["key"] for q in attempt.snapshot if q["prompt"] == "Easy?")
        hard = next(q["key"] for q in attempt.snapshot if q["prompt"] == "Hard?")
        answers = correct_answers(attempt)
        if i >= learners_right_first:
            answers = wrong_answers(attempt, keys={first, hard})
        services.quiz_attempt_submit(attempt_id=attempt.pk, learner=learner, answers=answers)


def test_item_analysis_reports_facility_discrimination_and_options():
    easy = QuestionFactory(prompt="Easy?")
    hard = QuestionFactory(prompt="Hard?")
    quiz = QuizFactory(questions=[easy, hard, QuestionFactory(prompt="Other?")])
    graded_attempts(quiz, learners_right_first=3, learners_wrong_first=1)
    stats = {item.prompt: item for item in quiz_item_analysis(quiz=quiz)}
    assert stats["Easy?"].served == 4 and stats["Easy?"].correct == 3
    assert stats["Easy?"].facility == 0.75
    assert stats["Easy?"].discrimination == pytest.approx(1.0)
    assert stats["Other?"].facility == 1.0 and stats["Other?"].discrimination is None
    options = {text: count for text, _correct, count in stats["Easy?"].option_counts}
    assert options == {"Right": 3, "Wrong A": 1, "Wrong B": 0}
    summary = quiz_summary(quiz=quiz)
    assert (summary.attempts, summary.learners, summary.passed) == (4, 4, 3)
    assert summary.distribution[9] == 3 and summary.distribution[3] == 1


def test_point_biserial_edge_cases():
    assert point_biserial([True, True], [50.0, 60.0]) is None
    assert point_biserial([True, False], [70.0, 70.0]) is None
    assert point_biserial([True, False, True, False], [90, 10, 80, 20]) > 0.9


def test_item_analysis_survives_edited_and_deleted_questions():
    easy = QuestionFactory(prompt="Easy?")
    quiz = QuizFactory(questions=[easy, QuestionFactory(prompt="Hard?")])
    graded_attempts(quiz, 1, 1)
    easy.delete()
    assert {item.prompt for item in quiz_item_analysis(quiz=quiz)} == {"Easy?", "Hard?"}


def test_item_analysis_report_renders_and_exports_csv(trainer_client):
    quiz = QuizFactory(questions=[QuestionFactory(prompt="Easy?"), QuestionFactory(prompt="Hard?")])
    graded_attempts(quiz, 2, 1)
    response = trainer_client.get(f"/admin/reports/quiz-items/?quiz={quiz.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Easy?" in html and "Score distribution" in html
    export = trainer_client.get(f"/admin/reports/quiz-items/?quiz={quiz.pk}&export=csv")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0][:4] == ["Question", "Competency", "Safety-critical", "Times served"]
    assert {row[0] for row in rows[1:]} == {"Easy?", "Hard?"}
    xlsx = trainer_client.get(f"/admin/reports/quiz-items/?quiz={quiz.pk}&export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_quiz_outcomes_report_for_coordinators(client, coordinator):
    quiz = QuizFactory(questions=[QuestionFactory(prompt="Easy?"), QuestionFactory(prompt="Hard?")])
    graded_attempts(quiz, 1, 1)
    client.login(username=coordinator.username, password=PASSWORD)
    response = client.get("/admin/reports/quiz-outcomes/")
    assert response.status_code == 200
    assert quiz.title in response.content.decode()
    assert "50%" in response.content.decode()


def test_reports_are_refused_to_supervisors(client, supervisor):
    client.login(username=supervisor.username, password=PASSWORD)
    assert client.get("/admin/reports/quiz-items/").status_code == 302
    assert client.get("/admin/reports/quiz-outcomes/").status_code == 302
    assert QuizAttempt.objects.count() == 0
