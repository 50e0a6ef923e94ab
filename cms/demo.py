"""Demo data for the site app: the home page, the site, settings and the demo accounts.

Every app may have a ``demo`` module with ``seed(*, log, scale)``; ``seed_demo`` calls them in
INSTALLED_APPS order. Each is idempotent: running it again changes nothing.
"""

from collections.abc import Callable

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from cms import roles
from cms.models import HomePage, OrganisationSettings, User

DEMO_ACCOUNTS = [
    # username, role, first name, last name
    ("trainer", roles.TRAINERS, "Tamsin", "Reyes"),
    ("supervisor", roles.SUPERVISORS, "Samuel", "Okafor"),
    ("coordinator", roles.COORDINATORS, "Chloe", "Marsh"),
    ("mentor", roles.MENTORS, "Maya", "Lindqvist"),
    ("certified", roles.MENTORS, "Carlos", "Bennett"),
]

HOME_INTRO = (
    "<p>Peer mentors bring something no textbook can: they have been there. This academy "
    "helps people with lived experience of mental-health difficulties and recovery turn that "
    "experience into safe, skilled support for others.</p>"
)

HOME_BODY = [
    {"type": "heading", "value": {"text": "How training works", "level": "h2"}},
    {
        "type": "rich_text",
        "value": (
            "<ol><li>Study short modules on listening, boundaries, confidentiality and crisis "
            "support, at your own pace.</li><li>Check your understanding with quizzes that "
            "explain every answer.</li><li>Practise with role-plays and supervised sessions, "
            "and log what you learned.</li><li>When your supervisor signs off your practice, "
            "you receive a certificate that anyone can verify.</li></ol>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "key_point",
            "title": "Certification keeps people safe",
            "text": (
                "<p>Mentors are matched with mentees only while their certificate is valid. "
                "Certificates are renewed through continued, supervised practice.</p>"
            ),
        },
    },
]


def demo_password(username: str) -> str:
    return f"demo-{username}"


def seed_site(*, log: Callable[[str], None]) -> HomePage:
    """The home page at the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for welcome in root.get_children().filter(slug="home").specific():
            if not isinstance(welcome, HomePage):
                welcome.delete()
        home = HomePage(
            title="Peer Mentor Academy",
            slug="home",
            intro=HOME_INTRO,
            body=HOME_BODY,
            seo_title="Train and certify as a peer mentor",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        log("Created the home page.")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Peer Mentor Academy",
        )
    elif site.root_page_id != home.pk or site.site_name != "Peer Mentor Academy":
        site.root_page = home
        site.site_name = "Peer Mentor Academy"
        site.save()
    OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    return home


def seed_accounts(*, log: Callable[[str], None]) -> dict[str, User]:
    """The demo accounts of SPEC, each with password demo-<username>."""
    users = {}
    for username, role, first_name, last_name in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "first_name": first_name,
                "last_name": last_name,
            },
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
            log(f"Created demo account {username} / {demo_password(username)}.")
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


@transaction.atomic
def seed(*, log: Callable[[str], None], scale: int = 0) -> None:
    seed_site(log=log)
    seed_accounts(log=log)
