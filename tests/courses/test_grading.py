"""Grading rules, checked over many generated quizzes and answer sets."""

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from courses.grading import answer_errors, grade


@st.composite
def questions(draw, index: int):
    kind = draw(st.sampled_from(["single", "multiple", "true_false"]))
    n_choices = 2 if kind == "true_false" else draw(st.integers(2, 5))
    if kind == "multiple":
        correct = draw(st.sets(st.integers(0, n_choices - 1), min_size=1))
    else:
        correct = {draw(st.integers(0, n_choices - 1))}
    return {
        "key": f"q{index}",
        "kind": kind,
        "prompt": f"Question {index}",
        "competency": draw(st.sampled_from(["Listening", "Boundaries", "Crisis"])),
        "points": draw(st.integers(1, 10)),
        "critical": draw(st.booleans()),
        "choices": [
            {"key": f"q{index}c{c}", "text": str(c), "correct": c in correct}
            for c in range(n_choices)
        ],
    }


@st.composite
def snapshots(draw):
    size = draw(st.integers(1, 8))
    return [draw(questions(i)) for i in range(size)]


@st.composite
def answer_sets(draw, snapshot):
    answers = {}
    for question in snapshot:
        keys = [c["key"] for c in question["choices"]]
        if question["kind"] == "multiple":
            chosen = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
        else:
            chosen = [draw(st.sampled_from(keys))]
        answers[question["key"]] = chosen
    return answers


def all_correct(snapshot):
    return {q["key"]: [c["key"] for c in q["choices"] if c["correct"]] for q in snapshot}


@given(snapshot=snapshots(), data=st.data(), pass_mark=st.integers(1, 100))
def test_score_is_always_between_0_and_100(snapshot, data, pass_mark):
    answers = data.draw(answer_sets(snapshot))
    result = grade(snapshot=snapshot, answers=answers, pass_mark=pass_mark)
    assert Decimal(0) <= result.score <= Decimal(100)
    assert 0 <= result.earned <= result.possible


@given(snapshot=snapshots(), pass_mark=st.integers(1, 100))
def test_all_correct_scores_100_and_passes(snapshot, pass_mark):
    result = grade(snapshot=snapshot, answers=all_correct(snapshot), pass_mark=pass_mark)
    assert result.score == Decimal(100)
    assert result.passed
    assert result.critical_failures == []


@given(snapshot=snapshots(), data=st.data())
def test_any_critical_question_wrong_fails_whatever_the_score(snapshot, data):
    critical = [q for q in snapshot if q["critical"]]
    answers = all_correct(snapshot)
    if critical:
        target = data.draw(st.sampled_from(critical))
        wrong = [c["key"] for c in target["choices"] if not c["correct"]]
        if not wrong:  # every option correct: leave it unanswered instead
            answers[target["key"]] = []
        else:
            answers[target["key"]] = [wrong[0]]
        result = grade(snapshot=snapshot, answers=answers, pass_mark=1)
        assert not result.passed
        assert target["competency"] in result.critical_failures


@given(snapshot=snapshots(), data=st.data(), seed=st.integers(0, 2**32))
def test_order_and_shuffling_never_change_a_score(snapshot, data, seed):
    answers = data.draw(answer_sets(snapshot))
    rng = random.Random(seed)
    shuffled = [dict(q, choices=rng.sample(q["choices"], len(q["choices"]))) for q in snapshot]
    rng.shuffle(shuffled)
    reordered_answers = {k: list(reversed(v)) for k, v in reversed(list(answers.items()))}
    first = grade(snapshot=snapshot, answers=answers, pass_mark=70)
    second = grade(snapshot=shuffled, answers=reordered_answers, pass_mark=70)
    assert (first.score, first.passed, first.critical_failures) == (
        second.score,
        second.passed,
        second.critical_failures,
    )


@given(snapshot=snapshots())
def test_partial_selection_in_select_all_that_apply_earns_nothing(snapshot):
    answers = all_correct(snapshot)
    for question in snapshot:
        correct = answers[question["key"]]
        if question["kind"] == "multiple" and len(correct) > 1:
            answers[question["key"]] = correct[:-1]
            result = grade(snapshot=snapshot, answers=answers, pass_mark=1)
            assert not result.results[question["key"]].correct
            return


def test_answer_errors_name_unserved_options_missing_answers_and_strangers():
    snapshot = [
        {
            "key": "a",
            "kind": "single",
            "choices": [{"key": "a1", "correct": True}, {"key": "a2", "correct": False}],
        },
        {
            "key": "b",
            "kind": "multiple",
            "choices": [{"key": "b1", "correct": True}, {"key": "b2", "correct": True}],
        },
    ]
    assert answer_errors(snapshot=snapshot, answers={"a": ["a1"], "b": ["b1", "b2"]}) == {}
    errors = answer_errors(snapshot=snapshot, answers={"a": ["zz"], "x": ["a1"]})
    assert set(errors) == {"a", "b", "__all__"}
    assert "not one of the options" in errors["a"]
    assert errors["b"] == "Please answer this question."
    assert answer_errors(snapshot=snapshot, answers={"a": ["a1", "a2"], "b": ["b1"]}) == {
        "a": "Choose one option."
    }
    assert answer_errors(snapshot=snapshot, answers={"a": ["a1"], "b": ["b1", "b1"]}) == {
        "b": "Each option can be chosen once."
    }
