"""The watch every browser test runs under (tests/browser/conftest.py) sees what it must: an
inline script or style the Content-Security-Policy refuses, and a request to another host.

Without these, a watch that had stopped listening would pass every journey.
"""

import time

from playwright.sync_api import expect


def wait_for(found, *, page, seconds: float = 5.0) -> None:
    """Let the browser deliver its reports (they arrive as events, a moment later)."""
    deadline = time.monotonic() + seconds
    while not found() and time.monotonic() < deadline:
        page.wait_for_timeout(50)


def test_an_injected_inline_script_is_refused_and_reported(page, browser_watch, transactional_db):
    page.goto("/help/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
        }"""
    )
    wait_for(lambda: browser_watch.csp_violations, page=page)
    assert page.evaluate("() => window.injected") is None, "the policy refused to run it"
    [violation] = browser_watch.csp_violations
    assert violation["directive"] == "script-src-elem"
    assert violation["blocked"] == "inline"
    assert violation["page"].endswith("/help/")
    browser_watch.clear()  # seen: the test itself must not fail on it


def test_an_inline_style_attribute_is_refused_and_reported(page, browser_watch, transactional_db):
    page.goto("/accounts/login/")
    page.evaluate("() => document.querySelector('h1').setAttribute('style', 'color: red')")
    wait_for(lambda: browser_watch.csp_violations, page=page)
    [violation] = browser_watch.csp_violations
    assert violation["directive"] == "style-src-attr"
    expect(page.locator("h1")).not_to_have_css("color", "rgb(255, 0, 0)")
    browser_watch.clear()


def test_an_image_from_another_host_is_refused_by_the_site_policy(
    page, browser_watch, transactional_db
):
    page.goto("/help/")
    page.evaluate("() => { new Image().src = 'https://tracker.invalid/pixel.gif'; }")
    wait_for(lambda: browser_watch.csp_violations, page=page)
    [violation] = browser_watch.csp_violations
    assert violation["directive"] == "img-src"
    assert violation["blocked"].startswith("https://tracker.invalid/")
    assert not browser_watch.foreign_requests, "refused before it left the browser"
    browser_watch.clear()


def test_a_request_to_another_host_is_recorded(page, browser_watch):
    """Where no policy stops it (a page without our headers), the request itself is seen."""
    page.set_content('<img alt="" src="https://tracker.invalid/pixel.gif">')
    wait_for(lambda: browser_watch.foreign_requests, page=page)
    assert browser_watch.foreign_requests == ["image https://tracker.invalid/pixel.gif"]
    browser_watch.clear()
