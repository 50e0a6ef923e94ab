"""axe-core in the page: WCAG 2.0, 2.1 and 2.2, levels A and AA, zero violations allowed."""

import json
from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Wagtail's own user bar (shown to editors on site pages) is Wagtail's admin UI, not ours.
EXCLUDED = [["wagtail-userbar"]]


def axe_violations(page, context: str | None = None) -> list[dict]:
    """Run axe on the page (or on the elements matching the CSS selector `context`)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    target = {"include": [[context]] if context else [["html"]], "exclude": EXCLUDED}
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate(
        "async ([target, options]) => (await axe.run(target, options)).violations",
        [target, options],
    )


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


def assert_accessible(page, context: str | None = None) -> None:
    """Fail with a readable list (rule, impact, help, elements) if axe finds any violation."""
    violations = axe_violations(page, context)
    assert not violations, format_violations(page.url, violations)
