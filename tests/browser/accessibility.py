"""axe-core in the page: WCAG 2.0, 2.1 and 2.2, levels A and AA, zero violations allowed."""

import json
from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Wagtail's own user bar (shown to editors on site pages) is Wagtail's admin UI, not ours.
EXCLUDED = [["wagtail-userbar"]]

# Known accessibility bugs in Wagtail's own editor widgets, reported upstream and still open in
# Wagtail 8.0. Pass this as `known_issues` only when checking Wagtail's editor pages: each entry
# accepts one axe rule on the elements one CSS selector matches, so everything else on the page
# (our blocks' labels, contrast, headings, landmarks) is still checked.
WAGTAIL_EDITOR_KNOWN_ISSUES = {
    # Draftail's contenteditable has no accessible name: the field's <label> points at the
    # hidden input it replaces (wagtail/wagtail#14205).
    "aria-input-field-name": ".Draftail-Editor [role='textbox']",
    # A ListBlock's child inputs show their label as a panel heading, not a <label> tied to
    # the input (wagtail/wagtail#11179).
    "label": "[data-streamfield-list-container] [data-streamfield-child] input",
}

# Wait until nothing on the page is mid-transition: a message or dialog fading in (Wagtail's
# admin messages fade from opacity 0) has a blended colour, and axe would measure that. Only
# entrance effects are waited for (at most 2 s); long or endless ones (spinners, the Help
# menu's badge pinging 5 times 5 s) are not. Wagtail shows its message list only once the page
# is ready, so a list with messages must have reached full opacity too.
SETTLED = """() => document.getAnimations().every(
        a => a.playState !== "running" || a.effect?.getComputedTiming().activeDuration > 2000
    ) && [...document.querySelectorAll(".messages > ul")].every(
        list => !list.children.length || getComputedStyle(list).opacity === "1"
    )"""

ACCEPT_KNOWN_ISSUES = """([violations, known]) => violations.map(violation => ({
        ...violation,
        nodes: violation.nodes.filter(node => {
            const selector = known[violation.id];
            const element = selector && document.querySelector(node.target.join(" "));
            return !(element && element.matches(selector));
        }),
    })).filter(violation => violation.nodes.length)"""


def axe_violations(
    page, context: str | None = None, known_issues: dict[str, str] | None = None
) -> list[dict]:
    """Run axe on the page (or on the elements matching the CSS selector `context`)."""
    page.wait_for_function(SETTLED)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's debugger, not added as an inline <script> the site's
        # Content-Security-Policy would rightly refuse.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    target = {"include": [[context]] if context else [["html"]], "exclude": EXCLUDED}
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = page.evaluate(
        "async ([target, options]) => (await axe.run(target, options)).violations",
        [target, options],
    )
    if known_issues and violations:
        violations = page.evaluate(ACCEPT_KNOWN_ISSUES, [violations, known_issues])
    return violations


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown'}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:10]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {json.dumps(node['target'])}: {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more element(s)")
    return "\n".join(lines)


def assert_accessible(
    page, context: str | None = None, known_issues: dict[str, str] | None = None
) -> None:
    """Fail with a readable list (rule, impact, help, elements) if axe finds any violation.

    `known_issues` maps an axe rule to a CSS selector whose elements it may flag: only for
    upstream bugs we cannot fix here (see WAGTAIL_EDITOR_KNOWN_ISSUES).
    """
    violations = axe_violations(page, context, known_issues)
    assert not violations, format_violations(page.url, violations)
