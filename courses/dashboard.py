"""Panels on the learner dashboard (/dashboard/) contributed by other apps.

Courses renders the learning panel itself and must not import the apps that build on it
(certification, matching). They add their panels here instead, from their ``AppConfig.ready()``::

    from courses.dashboard import register_dashboard_panel

    def practice_panel(request):
        if not request.user.has_perm(...):
            return None  # nothing to show for this user
        return {
            "template": "certification/dashboard/practice_panel.html",
            "context": {"logs": ...},
            "order": 200,
        }

    register_dashboard_panel(practice_panel)

A panel is a callable ``(request) -> {"template": str, "context": dict, "order": int} | None``.
Panels render after the learning panel, by ascending ``order`` (then registration order), each
with its own context plus ``request`` and ``user``. Keep them to a constant number of queries:
the dashboard has a query budget. Registering the same callable twice has no effect.
"""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string

DashboardPanel = Callable[[object], dict | None]

_panels: list[DashboardPanel] = []


def register_dashboard_panel(panel: DashboardPanel) -> DashboardPanel:
    """Add a panel to the dashboard; usable as a decorator."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def unregister_dashboard_panel(panel: DashboardPanel) -> None:
    if panel in _panels:
        _panels.remove(panel)


def registered_panels() -> list[DashboardPanel]:
    return list(_panels)


def render_dashboard_panels(request) -> list[str]:
    """The registered panels that have something to show, rendered in order."""
    rendered = []
    for registration, panel in enumerate(_panels):
        spec = panel(request)
        if not spec:
            continue
        rendered.append((spec.get("order", 100), registration, spec))
    rendered.sort(key=lambda item: (item[0], item[1]))
    return [
        render_to_string(
            spec["template"],
            {**spec.get("context", {}), "user": request.user},
            request=request,
        )
        for _order, _registration, spec in rendered
    ]
