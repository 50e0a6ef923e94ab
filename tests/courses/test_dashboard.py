"""Later apps add panels to the learner dashboard through courses.dashboard."""

import pytest

from courses import dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_template(settings, tmp_path):
    """A panel template of a downstream app (settings changes reset the template engines)."""
    (tmp_path / "panel.html").write_text(
        '<section class="dashboard-panel"><h2>{{ heading }}</h2>'
        "<p>{{ user.username }}</p></section>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    return "panel.html"


@pytest.fixture
def registered():
    added = []

    def register(panel):
        dashboard.register_dashboard_panel(panel)
        added.append(panel)

    yield register
    for panel in added:
        dashboard.unregister_dashboard_panel(panel)


def test_panels_render_after_the_learning_panel_in_order(mentor_client, panel_template, registered):
    registered(
        lambda request: {
            "template": panel_template,
            "context": {"heading": "Certificates"},
            "order": 300,
        }
    )
    registered(
        lambda request: {
            "template": panel_template,
            "context": {"heading": "Practice log"},
            "order": 200,
        }
    )
    registered(lambda request: None)
    html = mentor_client.get("/dashboard/").content.decode()
    learning = html.index("Courses in progress")
    practice = html.index("Practice log")
    certificates = html.index("Certificates")
    assert learning < practice < certificates
    assert mentor_client.user.username in html


def test_registering_twice_adds_once(registered):
    def panel(request):
        return None

    registered(panel)
    dashboard.register_dashboard_panel(panel)
    assert dashboard.registered_panels().count(panel) == 1
