import re
from datetime import timedelta

import pytest
from django.utils import timezone

from courses import services
from courses.models import AttemptStatus, FeedbackPolicy, Question, QuizAttempt, QuizDrawRule
from courses.signals import quiz_attempt_graded
from tests.factories import CompetencyFactory, QuestionFactory, QuizFactory, UserFactory
from tests.factories.cms import PASSWORD
from tests.factories.quizzes import correct_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(db):
    return QuizFactory(questions=QuestionFactory.create_batch(4))


@pytest.fixture
def signed_in(client, mentor):
    client.login(username=mentor.username, password=PASSWORD)
    return client


def post_answers(client, attempt, answers):
    data = {f"q_{key}": value for key, value in answers.items()}
    return client.post(f"/learn/quizzes/attempts/{attempt.pk}/submit/", data)


def test_start_snapshots_the_questions_served(mentor, quiz):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    assert attempt.status == AttemptStatus.OPEN
    assert attempt.number == 1
    assert len(attempt.snapshot) == 4
    for question in attempt.snapshot:
        assert question["prompt"].startswith("Question")
        assert sum(c["correct"] for c in question["choices"]) == 1
    assert services.quiz_attempt_start(learner=mentor, quiz=quiz) == attempt  # resume


def test_random_draws_come_from_the_competency_bank(mentor):
    crisis = CompetencyFactory(slug="crisis", name="Crisis")
    QuestionFactory.create_batch(6, competency=crisis)
    QuestionFactory.create_batch(3)  # other competencies: never drawn
    quiz = QuizFactory()
    QuizDrawRule.objects.create(quiz=quiz, competency=crisis, count=4)
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    assert len(attempt.snapshot) == 4
    assert {q["competency"] for q in attempt.snapshot} == {"Crisis"}
    assert len({q["source_id"] for q in attempt.snapshot}) == 4


def test_open_attempt_page_contains_no_correctness_data(signed_in, mentor, quiz):
    for question in Question.objects.all():
        question.explanation = "SECRET-EXPLANATION"
        question.save()
        question.choices.update(feedback="SECRET-FEEDBACK")
    signed_in.post(f"/learn/quizzes/{quiz.pk}/start/")
    attempt = QuizAttempt.objects.get(learner=mentor)
    html = signed_in.get(f"/learn/quizzes/attempts/{attempt.pk}/").content.decode()
    assert "SECRET-EXPLANATION" not in html
    assert "SECRET-FEEDBACK" not in html
    assert not re.search(r"correct|is_correct|data-answer", html, re.IGNORECASE)
    for question in attempt.snapshot:
        assert question["prompt"] in html
        for choice in question["choices"]:
            assert f'value="{choice["key"]}"' in html
            assert str(choice["source_id"]) not in re.findall(r'value="([^"]+)"', html)


def test_submit_grades_on_the_server_and_shows_feedback(
    signed_in, mentor, quiz, django_capture_on_commit_callbacks
):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    received = []
    quiz_attempt_graded.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = post_answers(signed_in, attempt, correct_answers(attempt))
    finally:
        quiz_attempt_graded.disconnect(dispatch_uid="t")
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.score == 100 and attempt.passed
    assert received and received[0]["passed"] is True and received[0]["attempt_id"] == attempt.pk
    html = signed_in.get(response["Location"]).content.decode()
    assert "You passed with 100%" in html
    assert "Because listening comes first." in html


def test_a_second_submission_returns_the_first_result(signed_in, mentor, quiz):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    post_answers(signed_in, attempt, wrong_answers(attempt))
    attempt.refresh_from_db()
    first = (attempt.score, attempt.passed, attempt.submitted_at, attempt.answers)
    response = post_answers(signed_in, attempt, correct_answers(attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed, attempt.submitted_at, attempt.answers) == first
    outcome = services.quiz_attempt_submit(
        attempt_id=attempt.pk, learner=mentor, answers=correct_answers(attempt)
    )
    assert outcome.graded_now is False and outcome.attempt.score == first[0]


def test_wrong_critical_question_fails_and_names_the_skill(signed_in, mentor):
    crisis = CompetencyFactory(slug="crisis-x", name="Crisis intervention")
    critical = QuestionFactory(competency=crisis, critical=True)
    quiz = QuizFactory(questions=[critical, *QuestionFactory.create_batch(9)], pass_mark=50)
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    key = next(q["key"] for q in attempt.snapshot if q["critical"])
    response = post_answers(signed_in, attempt, wrong_answers(attempt, keys={key}))
    attempt.refresh_from_db()
    assert attempt.score == 90 and attempt.passed is False
    assert attempt.critical_failures == ["Crisis intervention"]
    html = signed_in.get(response["Location"]).content.decode()
    assert "safety-critical question" in html and "Crisis intervention" in html


def test_editing_or_deleting_questions_leaves_the_review_unchanged(signed_in, mentor, quiz):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    post_answers(signed_in, attempt, correct_answers(attempt))
    before = signed_in.get(f"/learn/quizzes/attempts/{attempt.pk}/").content.decode()
    prompts = [q["prompt"] for q in attempt.snapshot]
    first = Question.objects.get(pk=attempt.snapshot[0]["source_id"])
    first.prompt = "REWRITTEN"
    first.save()
    first.choices.update(is_correct=False)
    Question.objects.filter(pk=attempt.snapshot[1]["source_id"]).delete()
    after = signed_in.get(f"/learn/quizzes/attempts/{attempt.pk}/").content.decode()
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub("", before) == csrf.sub("", after)
    assert all(prompt in after for prompt in prompts)
    assert "REWRITTEN" not in after


@pytest.mark.parametrize(
    "policy, passed, visible",
    [
        (FeedbackPolicy.NEVER, True, False),
        (FeedbackPolicy.AFTER_EACH, False, True),
        (FeedbackPolicy.AFTER_PASS, False, False),
        (FeedbackPolicy.AFTER_PASS, True, True),
    ],
)
def test_feedback_policy_decides_what_the_result_shows(signed_in, mentor, policy, passed, visible):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), feedback_policy=policy)
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    answers = correct_answers(attempt) if passed else wrong_answers(attempt)
    post_answers(signed_in, attempt, answers)
    html = signed_in.get(f"/learn/quizzes/attempts/{attempt.pk}/").content.decode()
    assert ("Because listening comes first." in html) is visible


def test_after_last_attempt_policy_shows_answers_only_when_none_are_left(signed_in, mentor):
    quiz = QuizFactory(
        questions=QuestionFactory.create_batch(2),
        attempt_limit=2,
        feedback_policy=FeedbackPolicy.AFTER_LAST,
    )
    first = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    post_answers(signed_in, first, wrong_answers(first))
    html = signed_in.get(f"/learn/quizzes/attempts/{first.pk}/").content.decode()
    assert "Because listening comes first." not in html
    second = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    post_answers(signed_in, second, wrong_answers(second))
    html = signed_in.get(f"/learn/quizzes/attempts/{second.pk}/").content.decode()
    assert "Because listening comes first." in html


def test_attempt_limit_is_enforced_on_the_server(signed_in, mentor):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), attempt_limit=1)
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    services.quiz_attempt_submit(
        attempt_id=attempt.pk, learner=mentor, answers=wrong_answers(attempt)
    )
    response = signed_in.post(f"/learn/quizzes/{quiz.pk}/start/")
    assert response.status_code == 409
    assert "You have used your 1 attempt" in response.content.decode()
    assert QuizAttempt.objects.filter(learner=mentor).count() == 1


def test_cooldown_is_enforced_and_says_when_the_next_attempt_opens(signed_in, mentor):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), cooldown_minutes=30)
    now = timezone.now()
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz, now=now)
    services.quiz_attempt_submit(
        attempt_id=attempt.pk, learner=mentor, answers=wrong_answers(attempt), now=now
    )
    response = signed_in.post(f"/learn/quizzes/{quiz.pk}/start/")
    assert response.status_code == 409
    assert "Your next attempt opens at" in response.content.decode()
    with pytest.raises(services.QuizError):
        services.quiz_attempt_start(learner=mentor, quiz=quiz, now=now + timedelta(minutes=29))
    later = services.quiz_attempt_start(learner=mentor, quiz=quiz, now=now + timedelta(minutes=31))
    assert later.number == 2


def test_time_limit_is_enforced_on_the_server(signed_in, mentor):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), time_limit_minutes=10)
    start = timezone.now() - timedelta(minutes=11)
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz, now=start)
    assert attempt.deadline == start + timedelta(minutes=10)
    response = post_answers(signed_in, attempt, correct_answers(attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.EXPIRED
    assert attempt.passed is False and attempt.answers == {}
    follow = signed_in.get(response["Location"])
    assert "Time ran out before your answers arrived" in follow.content.decode()


@pytest.mark.parametrize("submitted_late", [False, True])
def test_an_attempt_that_ran_out_of_time_says_so_on_its_result_page(
    signed_in, mentor, submitted_late
):
    """Open past its deadline (nothing closed it yet) or expired: no score, the same sentence."""
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), time_limit_minutes=10)
    start = timezone.now() - timedelta(minutes=11)
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz, now=start)
    if submitted_late:
        post_answers(signed_in, attempt, correct_answers(attempt))
    html = signed_in.get(f"/learn/quizzes/attempts/{attempt.pk}/").content.decode()
    assert "Time ran out for this attempt, so it closed without a score." in html
    assert "You passed" not in html


def test_time_left_is_shown(signed_in, mentor):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(1), time_limit_minutes=15)
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    html = signed_in.get(f"/learn/quizzes/attempts/{attempt.pk}/").content.decode()
    assert "minutes left" in html


@pytest.mark.parametrize(
    "mutate",
    [
        lambda answers: {k: ["not-served"] for k in answers},  # options never served
        lambda answers: dict(list(answers.items())[1:]),  # a question missing
        lambda answers: {**answers, "stranger": ["x"]},  # a question never served
        lambda answers: {},  # nothing at all
    ],
)
def test_bad_answers_get_a_400_and_nothing_is_written(signed_in, mentor, quiz, mutate):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    response = post_answers(signed_in, attempt, mutate(correct_answers(attempt)))
    assert response.status_code == 400
    assert "Some answers need your attention" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN and attempt.answers == {}


def test_malformed_posts_never_500(signed_in, mentor, quiz):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    url = f"/learn/quizzes/attempts/{attempt.pk}/submit/"
    for body in [b"\x00\xff garbage", b"q_=%%%&&&", b"a" * 20000]:
        response = signed_in.post(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400
    assert signed_in.get(url).status_code == 405
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN


def test_service_refuses_unserved_options_before_writing(mentor, quiz):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    with pytest.raises(services.AnswersInvalidError) as error:
        services.quiz_attempt_submit(
            attempt_id=attempt.pk,
            learner=mentor,
            answers={q["key"]: ["forged"] for q in attempt.snapshot},
        )
    assert set(error.value.errors) == {q["key"] for q in attempt.snapshot}
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN


def test_someone_elses_attempt_is_a_404(client, mentor, quiz):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    other = UserFactory(role="Mentors")
    client.login(username=other.username, password=PASSWORD)
    assert client.get(f"/learn/quizzes/attempts/{attempt.pk}/").status_code == 404
    response = post_answers(client, attempt, correct_answers(attempt))
    assert response.status_code == 404
    with pytest.raises(QuizAttempt.DoesNotExist):
        services.quiz_attempt_submit(attempt_id=attempt.pk, learner=other, answers={})
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN


def test_anonymous_users_are_sent_to_sign_in(client, quiz):
    response = client.get(f"/learn/quizzes/{quiz.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(f"/learn/quizzes/{quiz.pk}/start/").status_code == 302


def test_quiz_without_questions_explains_itself(signed_in):
    quiz = QuizFactory()
    response = signed_in.post(f"/learn/quizzes/{quiz.pk}/start/")
    assert response.status_code == 409
    assert "no questions yet" in response.content.decode()


def test_highest_attempt_counts(mentor):
    quiz = QuizFactory(questions=QuestionFactory.create_batch(2), attempt_limit=0)
    first = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    services.quiz_attempt_submit(
        attempt_id=first.pk, learner=mentor, answers=correct_answers(first)
    )
    second = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    services.quiz_attempt_submit(
        attempt_id=second.pk, learner=mentor, answers=wrong_answers(second)
    )
    from courses.selectors import quiz_status

    status = quiz_status(learner=mentor, quiz=quiz)
    assert status.best_score == 100 and status.passed and status.attempts_left is None


@pytest.mark.parametrize("bank_size", [5, 120])
def test_query_budgets_do_not_grow_with_the_bank(mentor, bank_size, django_assert_max_num_queries):
    competency = CompetencyFactory(slug=f"bank-{bank_size}", name=f"Bank {bank_size}")
    QuestionFactory.create_batch(bank_size, competency=competency)
    quiz = QuizFactory(questions=QuestionFactory.create_batch(3))
    QuizDrawRule.objects.create(quiz=quiz, competency=competency, count=5)
    with django_assert_max_num_queries(11):  # 10 + the look-up of modules carrying the quiz
        attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    answers = correct_answers(attempt)
    with django_assert_max_num_queries(15):
        services.quiz_attempt_submit(attempt_id=attempt.pk, learner=mentor, answers=answers)


def test_submit_view_query_budget(signed_in, mentor, quiz, django_assert_max_num_queries):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    data = {f"q_{k}": v for k, v in correct_answers(attempt).items()}
    with django_assert_max_num_queries(15):
        response = signed_in.post(f"/learn/quizzes/attempts/{attempt.pk}/submit/", data)
    assert response.status_code == 302
