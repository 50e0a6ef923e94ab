"""The demo's first step: the home page (demo/content/site.yaml), the site, its settings and
the demo accounts. Idempotent, like every step of ``seed_demo``: running it again changes nothing.
"""

from collections.abc import Callable

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from cms import roles
from cms.models import HomePage, OrganisationSettings, User
from demo import content

DEMO_ACCOUNTS = [
    # username, role, first name, last name
    ("trainer", roles.TRAINERS, "Tamsin", "Reyes"),
    ("supervisor", roles.SUPERVISORS, "Samuel", "Okafor"),
    ("coordinator", roles.COORDINATORS, "Chloe", "Marsh"),
    ("mentor", roles.MENTORS, "Maya", "Lindqvist"),
    ("certified", roles.MENTORS, "Carlos", "Bennett"),
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
        text = content.home()
        home = HomePage(
            title=text["title"],
            slug="home",
            intro=text["intro"],
            body=text["body"],
            seo_title=text["seo_title"],
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
def seed(*, log: Callable[[str], None]) -> None:
    seed_site(log=log)
    seed_accounts(log=log)
