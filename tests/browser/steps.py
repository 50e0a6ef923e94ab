"""Steps journeys share, done the way a person does them."""

import re

from playwright.sync_api import expect

from demo import content


def sign_in(page, username: str, password: str) -> None:
    """Fill in and submit the sign-in form the page shows (the site's or Wagtail's)."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in_at(page, path: str, username: str, password: str) -> None:
    """Open `path` (a sign-in page), sign in and wait until the page has moved on."""
    page.goto(path)
    sign_in(page, username, password)
    expect(page).not_to_have_url(re.compile(r"/login/"))


def confirm_sign_up(page) -> None:
    """Open the link of the latest confirmation e-mail and confirm, as the new mentor does."""
    from django.core import mail

    body = next(m.body for m in reversed(mail.outbox) if "/accounts/signup/confirm/" in m.body)
    link = re.search(r"https?://\S+(/accounts/signup/confirm/\S+/)", body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm and sign in").click()


def answer_key(quiz_title: str) -> dict[str, set[str]]:
    """The correct option texts per question prompt, as the trainer wrote them (never the page)."""
    for course in content.courses():
        for module in course["modules"]:
            if module["quiz"]["title"] == quiz_title:
                return {
                    question["prompt"]: {c["text"] for c in question["choices"] if c["correct"]}
                    for question in module["quiz"]["questions"]
                }
    raise LookupError(quiz_title)


def wrong_answers(quiz_title: str) -> dict[str, set[str]]:
    """One wrong option per question: an attempt that cannot pass."""
    for course in content.courses():
        for module in course["modules"]:
            if module["quiz"]["title"] == quiz_title:
                return {
                    question["prompt"]: {
                        next(c["text"] for c in question["choices"] if not c["correct"])
                    }
                    for question in module["quiz"]["questions"]
                }
    raise LookupError(quiz_title)


def answer_quiz_by_mouse(page, answers: dict[str, set[str]]) -> None:
    """Tick the options `answers` names in each question of the attempt page, then submit."""
    for fieldset in page.locator("form.quiz-form fieldset").all():
        prompt = fieldset.locator(".prompt").inner_text().strip()
        for text in answers[prompt]:
            fieldset.get_by_label(text, exact=True).check()
    page.get_by_role("button", name="Submit answers").click()
