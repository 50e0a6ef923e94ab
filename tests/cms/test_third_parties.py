"""No page makes a browser load anything from a host other than the site's own (SPEC: no
third-party requests; docs/security.md).

Every page the browser journeys and the accessibility checks visit is rendered here with the
test client on the demo data, for each role, and every URL the browser would fetch by itself
is read out of the HTML: src, srcset, poster, data, <link href>, form actions and url() in
inline styles. Links (<a href>) may point anywhere: following one is the reader's choice.
The browser tests check the same thing from the other side, on the network
(tests/browser/conftest.py, BrowserWatch).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from certification.models import Certificate, PracticeLog
from cms.models import User
from courses.models import ModulePage, Quiz, QuizAttempt
from demo.site import demo_password
from tests.browser.test_accessibility import PUBLIC_PAGES, SIGNED_IN_PAGES
from tests.browser.test_admin_accessibility import admin_screens

pytestmark = pytest.mark.django_db

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
LOADED = {  # tag: attributes whose URL the browser fetches without being asked
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "link": ("href",),
    "iframe": ("src",),
    "frame": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "form": ("action",),
}


class LoadedUrls(HTMLParser):
    """Every URL in a page that the browser loads by itself, as (where, url); what is inside a
    <template> is kept apart: it is inert until a script uses it."""

    def __init__(self):
        super().__init__()
        self.loaded: list[tuple[str, str]] = []
        self.in_templates: list[tuple[str, str]] = []
        self.template_depth = 0
        self.in_style = False

    def _found(self, where: str, url: str) -> None:
        url = url.strip()
        if url:
            (self.in_templates if self.template_depth else self.loaded).append((where, url))

    def handle_starttag(self, tag, attrs):
        if tag == "template":
            self.template_depth += 1
        self.in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name in LOADED.get(tag, ()):
                if name == "srcset":
                    for candidate in value.split(","):
                        self._found(f"<{tag} {name}>", candidate.strip().split(" ")[0])
                else:
                    self._found(f"<{tag} {name}>", value)
            if name == "style":
                for match in CSS_URL.finditer(value):
                    self._found(f"<{tag} style>", match.group(1) or match.group(2))

    def handle_endtag(self, tag):
        if tag == "template":
            self.template_depth -= 1
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            for match in CSS_URL.finditer(data):
                self._found("<style>", match.group(1) or match.group(2))


def own_hosts() -> set[str]:
    return {"testserver", urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc}


def foreign(html: str, *, include_templates: bool = False) -> list[str]:
    """The URLs in `html` the browser would fetch from a host that is not the site's own."""
    parser = LoadedUrls()
    parser.feed(html)
    urls = parser.loaded + (parser.in_templates if include_templates else [])
    found = []
    for where, url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        if (
            parts.netloc
            and parts.netloc not in own_hosts()
            or parts.scheme not in ("", "http", "https")
        ):
            found.append(f"{where} {url}")
    return found


def test_the_reader_finds_every_kind_of_automatic_load():
    html = """<html><head>
      <link rel="stylesheet" href="https://cdn.example.net/site.css">
      <script src="//cdn.example.net/app.js"></script>
      <style>@import "https://fonts.example.com/a.css"; body { background: url(/ok.png) }</style>
    </head><body>
      <img alt="" src="https://www.gravatar.com/avatar/abc?s=50">
      <img alt="" srcset="/a.png 1x, https://img.example.org/b.png 2x">
      <div style="background-image: url('https://pixel.example.com/t.gif')"></div>
      <iframe src="https://www.youtube.com/embed/x"></iframe>
      <video poster="https://media.example.com/p.jpg"></video>
      <svg><use href="https://icons.example.com/s.svg#i"></use></svg>
      <form action="https://collect.example.com/"></form>
      <template><iframe src="https://player.vimeo.com/video/1"></iframe></template>
      <a href="https://www.samaritans.org/">A link may point anywhere</a>
      <img alt="" src="/media/images/own.png"><img alt="" src="data:image/png;base64,AA==">
      <img alt="" src="http://testserver/static/own.png">
    </body></html>"""
    assert foreign(html) == [
        "<link href> https://cdn.example.net/site.css",
        "<script src> //cdn.example.net/app.js",
        "<style> https://fonts.example.com/a.css",
        "<img src> https://www.gravatar.com/avatar/abc?s=50",
        "<img srcset> https://img.example.org/b.png",
        "<div style> https://pixel.example.com/t.gif",
        "<iframe src> https://www.youtube.com/embed/x",
        "<video poster> https://media.example.com/p.jpg",
        "<use href> https://icons.example.com/s.svg#i",
        "<form action> https://collect.example.com/",
    ]
    assert foreign(html, include_templates=True)[-1] == (
        "<iframe src> https://player.vimeo.com/video/1"
    )


def test_wagtail_calls_out_to_no_one():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


def learner_pages(username: str) -> list[str]:
    user = User.objects.get(username=username)
    pages = ["/dashboard/", "/learn/", "/practice/", "/certification/", "/learn/reflections/"]
    pages += [module.url for module in ModulePage.objects.live().order_by("path")]
    pages += [f"/learn/quizzes/{quiz.pk}/" for quiz in Quiz.objects.all()]
    pages += [
        f"/learn/quizzes/attempts/{attempt.pk}/"
        for attempt in QuizAttempt.objects.filter(learner=user)
    ]
    pages += [f"/practice/{log.pk}/" for log in PracticeLog.objects.filter(mentor=user)]
    return pages


def wagtail_screens() -> list[str]:
    """Wagtail's own screens that show people, images or editors (the journeys' stock views)."""
    module = ModulePage.objects.live().order_by("path").first()
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{module.pk}/edit/",
        f"/admin/pages/{module.pk}/history/",
        "/admin/users/",
        "/admin/account/",
        "/admin/images/",
        "/admin/snippets/",
        "/admin/reports/site-history/",
    ]


def test_no_page_of_the_demo_loads_anything_from_another_host(client):
    call_command("seed_demo", "--force", verbosity=0)
    superuser = User.objects.create_superuser("root", "root@example.org", "a-long-password-1")
    certificate = Certificate.objects.filter(holder__username="certified").first()
    visits = [(None, path) for path in PUBLIC_PAGES + ["/learn/", "/verify/", "/api/v1/docs/"]]
    if certificate is not None:
        visits.append((None, f"/verify/{certificate.verification_code}/"))
    for username in ("mentor", "certified"):
        visits += [(username, path) for path in SIGNED_IN_PAGES + learner_pages(username)]
    for role, screens in admin_screens().items():
        visits += [(role, path) for _what, path in screens]
    visits += [("trainer", path) for path in wagtail_screens()]
    visits += [(superuser, path) for path in wagtail_screens()]

    failures = []
    for who, path in visits:
        client.logout()
        if isinstance(who, str):
            assert client.login(username=who, password=demo_password(who))
        elif who is not None:
            client.force_login(who)
        response = client.get(path, follow=True)
        if response.status_code >= 500 or "text/html" not in response["Content-Type"]:
            failures.append(f"{who} {path}: {response.status_code} {response['Content-Type']}")
            continue
        html = response.content.decode()
        failures += [f"{who} {path}: {url}" for url in foreign(html)]
    assert not failures, "\n".join(failures)


def test_the_admin_shows_no_gravatar_and_checks_for_no_update(client):
    superuser = User.objects.create_superuser("root", "root@example.org", "a-long-password-1")
    client.force_login(superuser)
    for path in ("/admin/", "/admin/users/", "/admin/account/"):
        html = client.get(path).content.decode()
        assert "gravatar" not in html.lower(), path
    assert 'data-controller="w-upgrade' not in client.get("/admin/").content.decode()
    # What the crawl above would have caught with Wagtail's defaults:
    with override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="//www.gravatar.com/avatar"):
        html = client.get("/admin/users/").content.decode()
    assert any("//www.gravatar.com/avatar/" in url for url in foreign(html))


def test_a_video_loads_its_player_only_when_the_learner_asks(client):
    """An editor's video embed: Wagtail fetched its HTML on the server when the editor added
    it; the page holds the player in an inert <template> and a button, so the provider hears
    of the learner only once they press Play, and only a provider the policy's frame-src
    names can be framed."""
    call_command("seed_demo", "--force", verbosity=0)
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    Embed.objects.create(
        url=url,
        max_width=None,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe width="200" height="113" src="https://www.youtube.com/embed/dQw4w9WgXcQ'
        '?feature=oembed" frameborder="0" allowfullscreen title="Active listening"></iframe>',
        title="Active listening",
        provider_name="YouTube",
        width=200,
        height=113,
    )
    module = ModulePage.objects.live().order_by("path").first()
    module.body.append(("video", {"video": url, "transcript": "<p>What was said.</p>"}))
    module.save_revision().publish()
    client.login(username="mentor", password=demo_password("mentor"))
    html = client.get(module.url).content.decode()
    assert "Active listening" in html
    assert foreign(html) == [], "nothing loads from YouTube before Play"
    [player] = foreign(html, include_templates=True)
    assert player == "<iframe src> https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed"
    assert "https://www.youtube.com" in settings.VIDEO_PLAYER_ORIGINS
    assert "What was said." in html
