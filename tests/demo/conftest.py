import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(media_in_tmp):
    """The demo renders a certificate PDF: it goes to the throwaway media folder."""
    return media_in_tmp
