import datetime

import pytest
from django.utils import timezone

from certification import services
from tests.factories import CompetencyFactory, SupervisionLinkFactory, SupervisorProfileFactory


@pytest.fixture
def competency(db):
    return CompetencyFactory(name="Active listening", slug="active-listening")


@pytest.fixture
def link(mentor, supervisor):
    """``supervisor`` supervises ``mentor``; the mentor joined a year ago."""
    mentor.date_joined = timezone.now() - datetime.timedelta(days=365)
    mentor.save(update_fields=["date_joined"])
    SupervisorProfileFactory(user=supervisor, qualification="Clinical psychologist")
    return SupervisionLinkFactory(mentor=mentor, supervisor=supervisor)


@pytest.fixture
def log_data(competency):
    return {
        "session_date": timezone.localdate() - datetime.timedelta(days=2),
        "duration_minutes": 45,
        "setting": "role_play",
        "competencies": [competency],
        "reflection": "My mentee and I practised open questions for 45 minutes.",
    }


@pytest.fixture
def draft(link, mentor, log_data):
    return services.practice_log_create(mentor=mentor, **log_data)


@pytest.fixture
def submitted(draft, mentor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.practice_log_submit(log=draft, actor=mentor)


@pytest.fixture(autouse=True)
def media_in_tmp(media_in_tmp):
    """Every certification test writes its certificate PDFs to a throwaway media folder."""
    return media_in_tmp


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
