"""The watch every browser test runs under (tests/browser/conftest.py) sees what it must: an
inline script or style the Content-Security-Policy refuses, and a request to another host.

Without these, a watch that had stopped listening would pass every journey.
"""

import time

from playwright.sync_api import expect
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from courses.models import ModulePage
from demo.site import demo_password
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import sign_in_at


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
    # Chromium refused it before it reached the network; the watch still reports the attempt.
    assert browser_watch.foreign_requests == ["image https://tracker.invalid/pixel.gif"]
    browser_watch.clear()


def test_a_request_to_another_host_is_recorded(page, browser_watch):
    """Where no policy stops it (a page without our headers), the request itself is seen."""
    page.set_content('<img alt="" src="https://tracker.invalid/pixel.gif">')
    wait_for(lambda: browser_watch.foreign_requests, page=page)
    assert browser_watch.foreign_requests == ["image https://tracker.invalid/pixel.gif"]
    browser_watch.clear()


def test_a_video_player_is_requested_only_when_the_learner_presses_play(page, browser_watch, demo):
    """The one request to another host the site makes, and only on the learner's say-so: the
    player of a video a trainer embedded (Wagtail fetched its HTML on the server then). The
    policy's frame-src lets it through; nothing else on the page leaves the site."""
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe width="200" height="113" src="https://www.youtube.com/embed/dQw4w9WgXcQ'
        '?feature=oembed" allowfullscreen title="Active listening"></iframe>',
        title="Active listening",
        provider_name="YouTube",
    )
    module = ModulePage.objects.live().order_by("path").first()
    module.body.append(("video", {"video": url, "transcript": "<p>What was said.</p>"}))
    module.save_revision().publish()

    sign_in_at(page, "/accounts/login/", "mentor", demo_password("mentor"))
    page.goto(module.url)
    play = page.get_by_role("button", name="Play the video “Active listening”")
    expect(play).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert browser_watch.foreign_requests == [], "nothing from YouTube before Play"
    assert page.locator("iframe").count() == 0
    assert_accessible(page)

    play.click()
    expect(page.locator(".video-frame iframe")).to_have_attribute("title", "Active listening")
    wait_for(lambda: browser_watch.foreign_requests, page=page)
    assert browser_watch.foreign_requests[0] == (
        "document https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed"
    )
    assert browser_watch.csp_violations == [], "frame-src names the player's origin"
    browser_watch.clear()
