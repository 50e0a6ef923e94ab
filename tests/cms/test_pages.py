import pytest
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import HomePage, StandardPage


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePage(title="Home", slug="test-home")
        root.add_child(instance=cls.home)
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def setUp(self):
        self.login()

    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_create_a_standard_page_with_every_shared_block(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "About the programme",
                    "slug": "about",
                    "intro": "Who we are",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Our approach", "level": "h2"}),
                            ("rich_text", rich_text("<p>We listen first.</p>")),
                            (
                                "callout",
                                {
                                    "kind": "safety",
                                    "title": "Stay safe",
                                    "text": rich_text("<p>Call 112.</p>"),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="about")
        response = self.client.get(page.url)
        self.assertContains(response, "<h2>Our approach</h2>", html=True)
        self.assertContains(response, "We listen first.")
        self.assertContains(response, "Safety note")


@pytest.mark.django_db
def test_every_page_has_skip_link_landmarks_and_help(client):
    root = Page.get_first_root_node()
    home = HomePage(title="Home", slug="test-home-2")
    root.add_child(instance=home)
    page = StandardPage(title="Plain", slug="plain")
    home.add_child(instance=page)
    for path in ["/accounts/login/", "/accounts/signup/", "/help/"]:
        html = client.get(path).content.decode()
        assert 'class="skip-link" href="#main"' in html
        assert '<main id="main"' in html
        assert 'aria-label="Main"' in html
        assert "Get help now" in html
        assert 'lang="en"' in html


@pytest.mark.django_db
def test_unknown_pages_use_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
