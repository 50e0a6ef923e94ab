import pytest
from wagtail.models import Page, Site

from cms.models import HomePage, OrganisationSettings
from tests.factories.cms import PASSWORD
from tests.factories.courses import course_with_modules


@pytest.fixture(autouse=True)
def site_with_home(request):
    """Plain test functions that use the database get the home page; WagtailPageTestCase
    classes build their own; pure tests (grading) never touch the database."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "django_db_setup",
    } & set(request.fixturenames)
    if request.instance is None and uses_db:
        request.getfixturevalue("home")


@pytest.fixture
def home(db):
    """A home page as the default site's root, like the real site."""
    root = Page.get_first_root_node()
    page = HomePage(title="Home", slug="test-home")
    root.add_child(instance=page)
    site = Site.objects.get(is_default_site=True)
    site.root_page = page
    site.save()
    OrganisationSettings.for_site(site)  # as seed_demo does: a row exists on a real site
    return page


@pytest.fixture
def course(home):
    """A published, sequential course with three published modules."""
    return course_with_modules(count=3)


@pytest.fixture
def mentor_client(client, mentor):
    client.login(username=mentor.username, password=PASSWORD)
    client.user = mentor
    return client
