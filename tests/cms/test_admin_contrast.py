import pytest

from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db


def test_every_admin_page_loads_our_contrast_fixes(client, trainer):
    client.login(username=trainer.username, password=PASSWORD)
    html = client.get("/admin/").content.decode()
    assert "cms/css/admin.css" in html


def test_the_success_message_colour_meets_aa():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "cms/static/cms/css/admin.css").read_text()
    assert ".messages .success { background-color: #1b6650; }" in css

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert 1.05 / (luminance("1b6650") + 0.05) >= 4.5
