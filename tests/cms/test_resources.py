"""The referral directory: resources, their filters, and the "Get help now" page."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.models import Page, Site

from cms.models import HomePage, Resource, ResourceDirectoryPage
from cms.selectors import resources_in_categories
from tests.factories.cms import PASSWORD
from tests.factories.courses import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory():
    root = Page.get_first_root_node()
    home = HomePage(title="Home", slug="resources-home")
    root.add_child(instance=home)
    Site.objects.filter(is_default_site=True).update(root_page=home)
    page = ResourceDirectoryPage(title="Referral directory", slug="directory")
    home.add_child(instance=page)
    ResourceFactory(name="Welsh line", category="crisis_line", languages="en,cy")
    ResourceFactory(name="Spanish warmline", category="local_service", languages="es, EN")
    ResourceFactory(name="Forum", category="online_support", languages="en", is_example=False)
    return page


def test_languages_are_normalised_and_validated():
    resource = ResourceFactory(languages=" EN, es ,es,cy")
    assert resource.languages == "en,es,cy"
    assert resource.language_names == ["English", "Spanish", "Welsh"]
    resource.languages = "english, e1"
    with pytest.raises(ValidationError, match="english, e1"):
        resource.full_clean()


def test_language_filter_matches_whole_codes_only():
    ResourceFactory(name="A", languages="en")
    ResourceFactory(name="B", languages="cy,en")
    ResourceFactory(name="C", languages="es,en,cy")
    ResourceFactory(name="D", languages="eng")
    assert sorted(Resource.objects.in_language("en").values_list("name", flat=True)) == [
        "A",
        "B",
        "C",
    ]
    assert sorted(Resource.objects.in_language("cy").values_list("name", flat=True)) == [
        "B",
        "C",
    ]


def test_category_must_be_a_known_one():
    resource = ResourceFactory.build(category="hotline")
    with pytest.raises(ValidationError):
        resource.full_clean()


def test_directory_lists_everything_grouped_by_category(client, directory):
    html = client.get(directory.url).content.decode()
    assert "3 resources" in html
    for name in ["Welsh line", "Spanish warmline", "Forum"]:
        assert name in html
    assert html.count("Example listing") == 2
    assert html.index("Crisis line") < html.index("Local service")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"category": "crisis_line"}, ["Welsh line"], ["Spanish warmline", "Forum"]),
        ({"language": "cy"}, ["Welsh line"], ["Spanish warmline", "Forum"]),
        ({"language": "es", "category": "local_service"}, ["Spanish warmline"], ["Welsh line"]),
        ({"language": "es", "category": "crisis_line"}, [], ["Welsh line", "Spanish warmline"]),
    ],
)
def test_directory_filters(client, directory, query, shown, hidden):
    html = client.get(directory.url, query).content.decode()
    for name in shown:
        assert name in html
    for name in hidden:
        assert f">{name}<" not in html
    if not shown:
        assert "No resources match these filters." in html


def test_unknown_filters_are_ignored_with_a_note(client, directory):
    response = client.get(directory.url, {"category": "<script>", "language": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "was not recognised" in html
    assert "3 resources" in html
    assert "<script>" not in html


def test_language_choices_come_from_the_resources(client, directory):
    html = client.get(directory.url).content.decode()
    for name in ["English", "Welsh", "Spanish"]:
        assert f">{name}</option>" in html


def test_help_page_lists_crisis_lines_and_links_the_directory(client, directory):
    ResourceFactory(name="Emergency 112", category="emergency", is_example=False, phone="112")
    html = client.get("/help/").content.decode()
    assert "Welsh line" in html and "Emergency 112" in html
    assert "Spanish warmline" not in html
    assert f'href="{directory.url}"' in html
    assert 'href="tel:112"' in html


def test_help_directory_link_redirects_to_the_directory(client, directory):
    response = client.get("/help/directory/")
    assert response.status_code == 302 and response["Location"] == directory.url


def test_help_directory_link_without_a_directory_is_404(client):
    assert client.get("/help/directory/").status_code == 404


def test_resource_cache_is_cleared_when_a_resource_changes():
    line = ResourceFactory(name="Old name")
    assert [r.name for r in resources_in_categories(categories=["crisis_line"])["crisis_line"]] == [
        "Old name"
    ]
    line.name = "New name"
    line.save()
    assert [r.name for r in resources_in_categories(categories=["crisis_line"])["crisis_line"]] == [
        "New name"
    ]
    line.delete()
    assert resources_in_categories(categories=["crisis_line"]) == {"crisis_line": []}


def test_trainers_add_resources_in_the_admin(client, trainer):
    client.login(username=trainer.username, password=PASSWORD)
    response = client.post(
        "/admin/snippets/cms/resource/add/",
        {
            "name": "Example Listening Service",
            "category": "local_service",
            "description": "",
            "phone": "",
            "website": "",
            "hours": "",
            "languages": "en, pl",
            "region": "",
            "is_example": "on",
        },
    )
    assert response.status_code == 302
    assert Resource.objects.get(name="Example Listening Service").languages == "en,pl"
