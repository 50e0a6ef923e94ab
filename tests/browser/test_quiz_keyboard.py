"""A mentor takes a quiz with the keyboard only: Tab to move, arrows and Space to choose, Enter
to submit. The right answers come from the answer key the trainer wrote, never from the page."""

import re

from playwright.sync_api import expect

from courses.models import Quiz
from demo.site import demo_password
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import answer_key, sign_in

QUIZ = "Boundaries: check your understanding"

DESCRIBE_FOCUS = """() => {
    const el = document.activeElement;
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    const fieldset = el.closest("fieldset");
    return {
        tag: el.tagName.toLowerCase(),
        type: el.type || "",
        text: (label ? label.textContent : el.textContent).trim(),
        prompt: fieldset ? fieldset.querySelector(".prompt").textContent.trim() : "",
        checked: !!el.checked,
    };
}"""


def focus(page) -> dict:
    return page.evaluate(DESCRIBE_FOCUS)


def tab_to(page, text: str, *, limit: int = 60) -> None:
    """Press Tab until the element named `text` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focus(page)["text"] == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def answer_by_keyboard(page, key: dict[str, set[str]]) -> list[str]:
    """Tab through the attempt form answering each question; return the prompts answered."""
    answered = []
    for _ in range(200):
        page.keyboard.press("Tab")
        here = focus(page)
        if here["tag"] == "button" and here["text"] == "Submit answers":
            return answered
        if here["type"] == "radio":
            # Tab enters a radio group once; the arrow keys move (and select) within it.
            correct = key[here["prompt"]]
            for _ in range(10):
                if here["text"] in correct:
                    break
                page.keyboard.press("ArrowDown")
                here = focus(page)
            assert here["text"] in correct, f"no correct option in {here['prompt']!r}"
            page.keyboard.press("Space")
            assert focus(page)["checked"]
            answered.append(here["prompt"])
        elif here["type"] == "checkbox":
            if here["text"] in key[here["prompt"]]:
                page.keyboard.press("Space")
                assert focus(page)["checked"]
            if here["prompt"] not in answered:
                answered.append(here["prompt"])
    raise AssertionError("Tab never reached the submit button")


def test_a_mentor_takes_a_quiz_with_the_keyboard_only(page, demo):
    quiz = Quiz.objects.get(title=QUIZ)
    key = answer_key(QUIZ)

    page.goto("/accounts/login/")
    sign_in(page, "mentor", demo_password("mentor"))
    expect(page.get_by_text("Signed in as")).to_be_visible()

    page.goto(f"/learn/quizzes/{quiz.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(QUIZ)
    assert_accessible(page)

    tab_to(page, "Start the quiz")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/learn/quizzes/attempts/\d+/$"))
    expect(page.get_by_text("Attempt 1.")).to_be_visible()
    assert_accessible(page)

    answered = answer_by_keyboard(page, key)
    assert sorted(answered) == sorted(key), "every question was answered once"
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("attempt 1")
    expect(page.get_by_role("status")).to_contain_text("You passed with 100%.")
    assert_accessible(page)
