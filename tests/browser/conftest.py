"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every test in this folder is marked ``browser``. They skip, with the reason, when Chromium or
axe-core is missing; ``make test`` installs both (Chromium from Debian, axe-core with npm ci),
so they run in CI. No browser is ever downloaded: Playwright launches /usr/bin/chromium.

Every browser context the fixtures open is watched (``BrowserWatch``): a request to any host
other than the live server's, or any Content-Security-Policy violation, fails the test that
caused it, whatever the test itself checks (docs/security.md).
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

from tests.browser.accessibility import AXE_SCRIPT


class SerialWSGIServer(WSGIServer):
    """The live server, answering one request at a time.

    On SQLite the tests' database is in memory, and Django hands every live-server request
    thread the test's one connection to it. Two requests at once on that connection (Wagtail's
    autosave racing a page load or a chooser) make SQLite refuse with "database table is
    locked", a failure that only shows under load. Served in turn, requests cannot race;
    Django closes each connection after its response, so the browser opens new ones as it
    needs. PostgreSQL gives each thread its own connection and keeps Django's threaded server.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)  # LiveServerThread.run() already shares the connection


if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    LiveServerThread.server_class = SerialWSGIServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HERE = Path(__file__).resolve().parent

# Injected into every page before its own scripts (by the debugger, so the page's policy does
# not apply to it): each violation the browser reports is handed to BrowserWatch.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.pmaReportCspViolation({
        page: document.location.href,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
        sample: event.sample,
    });
});
"""
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


class BrowserWatch:
    """What the browser did that it must never do: load anything from a host other than the
    site's own (a third party would learn who reads what), or break the Content-Security-Policy
    (an inline script or style the policy refuses is either an attack or a page that is broken
    for real users)."""

    def __init__(self, site_url: str):
        self.site = urlsplit(site_url).netloc
        self.foreign_requests: list[str] = []
        self.csp_violations: list[dict] = []

    def watch(self, context) -> None:
        context.expose_binding(
            "pmaReportCspViolation", lambda _source, report: self.csp_violations.append(report)
        )
        context.add_init_script(CSP_LISTENER)
        context.on("request", self._on_request)

    def _on_request(self, request) -> None:
        url = urlsplit(request.url)
        if url.scheme in LOCAL_SCHEMES or url.netloc == self.site:
            return
        self.foreign_requests.append(f"{request.resource_type} {request.url}")

    def problems(self) -> list[str]:
        found = [f"request to another host: {r}" for r in self.foreign_requests]
        found += [
            "Content-Security-Policy violation on {page}: {directive} refused {blocked!r}"
            " ({source}) {sample}".format(**v)
            for v in self.csp_violations
        ]
        return found

    def clear(self) -> None:
        self.foreign_requests.clear()
        self.csp_violations.clear()


def new_watched_context(browser, live_server, watch: BrowserWatch):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    watch.watch(context)
    return context


def failed(request) -> bool:
    return any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


def missing_browser_dependency() -> str | None:
    if not CHROMIUM.exists():
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium, or run make test)"
    if not AXE_SCRIPT.exists():
        return f"needs axe-core at {AXE_SCRIPT} (npm ci, or run make test)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = missing_browser_dependency()
    browser_items = [item for item in items if HERE in Path(item.path).resolve().parents]
    if browser_items and reason and os.environ.get("CI"):
        # CI runs `make test`, which installs both: a skip there would hide a broken install.
        raise pytest.UsageError(f"CI must run the browser tests, but the suite {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so the page fixture knows the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def playwright_instance():
    """Playwright, for one test module at a time.

    Its sync API marks an event loop as running in this thread between calls, so Django would
    refuse the tests' ORM calls (fixtures, assertions, serialized rollback) with
    SynchronousOnlyOperation. They really are synchronous: DJANGO_ALLOW_ASYNC_UNSAFE is the
    documented switch for Playwright with pytest-django. Scoping both to the module means
    neither outlives the browser tests (and `manage.py check --deploy` in a later test's
    subprocess never sees the variable).
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # The dispatcher greenlet leaves this thread in a new contextvars context, in which
        # Django's context-local connection handler opens new connections. Give them the
        # snapshot of the migrated data that pytest-django took, or serialized rollback (see
        # tests/conftest.py) silently stops restoring it.
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def browser_watch(request, live_server):
    """The watch on every browser context this test opens: it fails the test, after it ran, on
    any request to another host or any Content-Security-Policy violation."""
    watch = BrowserWatch(live_server.url)
    yield watch
    if not failed(request):
        problems = watch.problems()
        assert not problems, "\n".join(problems)


@pytest.fixture
def page(request, browser, live_server, browser_watch):
    """A fresh browser context per test (no shared cookies), pointed at the live server.

    When the test fails, the page it was on is kept as test-artifacts/<test>.png and .html.
    """
    context = new_watched_context(browser, live_server, browser_watch)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The demo site and accounts (password demo-<username>), as `make run` serves them."""
    call_command("seed_demo", "--force", verbosity=0)


@pytest.fixture
def open_page(browser, live_server, browser_watch):
    """Open another person's browser (a new context: their own cookies) on the live server."""
    contexts = []

    def open_():
        context = new_watched_context(browser, live_server, browser_watch)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def public_address_is_live_server(settings, live_server):
    """Absolute links the site builds (verification URLs, QR codes) point at the live server."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
