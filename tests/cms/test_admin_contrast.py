import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db

WHITE = "ffffff"  # Wagtail's text colour on its success messages


def test_every_admin_page_loads_our_contrast_fixes(client, trainer):
    client.login(username=trainer.username, password=PASSWORD)
    html = client.get("/admin/").content.decode()
    assert "cms/css/admin.css" in html


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_success_message_colour_meets_aa():
    """The colour is read from the stylesheet the admin loads, so changing it re-checks it."""
    css = (Path(settings.BASE_DIR) / "cms/static/cms/css/admin.css").read_text()
    found = re.search(r"\.messages \.success \{ background-color: #([0-9a-fA-F]{6}); \}", css)
    assert found, "admin.css no longer sets the success message background"
    assert contrast(found.group(1), WHITE) >= 4.5
