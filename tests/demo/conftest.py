import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """The demo renders a certificate PDF: it goes to a throwaway media folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
