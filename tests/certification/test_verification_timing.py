"""An unknown verification code answers in the same time as a real one (SPEC: verification;
issue 14 point 9): both paths run the same queries and render the same template. The time
itself is a `manage.py bench` figure (verify_unknown_code, a ratio to verify_real_code)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certification import services
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db

UNKNOWN = "AAAA-BBBB-CCCC-DDDD-EEEE"


@pytest.fixture
def certificate(mentor, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory(name="Certified Peer Mentor")
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


def fetch(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("suffix", ["/", ".json"])
def test_real_and_unknown_codes_run_the_same_queries(client, certificate, suffix):
    real, real_sql = fetch(client, f"/verify/{certificate.verification_code}{suffix}")
    unknown, unknown_sql = fetch(client, f"/verify/{UNKNOWN}{suffix}")
    assert (real.status_code, unknown.status_code) == (200, 404)
    assert len(real_sql) == len(unknown_sql) >= 1
    # The same statement, only the code differs.
    assert [sql.replace(certificate.verification_code, UNKNOWN) for sql in real_sql] == unknown_sql


def test_real_and_unknown_codes_render_the_same_template(client, certificate):
    real = client.get(f"/verify/{certificate.verification_code}/")
    unknown = client.get(f"/verify/{UNKNOWN}/")
    names = [[template.name for template in response.templates] for response in (real, unknown)]
    assert names[0] == names[1]
    assert names[0][0] == "certification/verify/page.html"
    html = unknown.content.decode()
    assert "No certificate has this code." in html
    assert certificate.holder_name not in html and "Valid until" not in html


def test_the_placeholder_is_never_saved(client, certificate):
    from certification.models import Certificate

    client.get(f"/verify/{UNKNOWN}/")
    client.get(f"/verify/{UNKNOWN}.json")
    assert list(Certificate.objects.values_list("pk", flat=True)) == [certificate.pk]


@pytest.mark.parametrize("status", ["suspended", "revoked", "expired", "superseded"])
@pytest.mark.parametrize("suffix", ["/", ".json"])
def test_every_status_runs_the_same_queries_as_an_unknown_code(client, certificate, status, suffix):
    """The banner's dates and a replaced certificate's successor come with the one look-up (a
    join), so no status costs a query an unknown code does not."""
    from tests.certification.test_verification_status import renew, set_status

    if status == "superseded":
        renew(certificate)
    else:
        set_status(certificate, status)
    real, real_sql = fetch(client, f"/verify/{certificate.verification_code}{suffix}")
    unknown, unknown_sql = fetch(client, f"/verify/{UNKNOWN}{suffix}")
    assert (real.status_code, unknown.status_code) == (200, 404)
    assert [sql.replace(certificate.verification_code, UNKNOWN) for sql in real_sql] == unknown_sql


def test_the_unknown_page_offers_the_form_found_pages_offer_too(client, certificate):
    """The look-up form is on both pages (the same template work), filled in on the 404."""
    real = client.get(f"/verify/{certificate.verification_code}/")
    unknown = client.get(f"/verify/{UNKNOWN}/")
    for response in (real, unknown):
        assert "certification/verify/lookup_form.html" in [t.name for t in response.templates]
    assert f'value="{UNKNOWN}"' in unknown.content.decode()
