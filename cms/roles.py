"""The four roles are Django groups. Their names are a contract: code and tests refer to them."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cms import content_cache

MENTORS = "Mentors"
TRAINERS = "Trainers"
SUPERVISORS = "Supervisors"
COORDINATORS = "Coordinators"

ROLE_LABELS = {
    MENTORS: _("Mentor"),
    TRAINERS: _("Trainer"),
    SUPERVISORS: _("Supervisor"),
    COORDINATORS: _("Coordinator"),
}

STAFF_ROLES = (TRAINERS, SUPERVISORS, COORDINATORS)

# Model permissions per role, as "app_label.codename". Later apps add theirs in their own data
# migrations through grant_permissions().
ROLE_PERMISSIONS = {
    MENTORS: [],
    TRAINERS: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    SUPERVISORS: ["wagtailadmin.access_admin"],
    COORDINATORS: ["wagtailadmin.access_admin"],
}

# Page permissions trainers hold on the whole tree: they draft and submit for moderation;
# publishing is a lead trainer's or an administrator's decision.
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]


def _role_facts(user) -> tuple[frozenset[str], bool]:
    """The user's group names and whether one of them opens the admin (the navigation asks on
    every page): remembered on the user object for the request and kept in the content cache
    under the user's id; a change to anyone's groups or to a group's permissions starts a new
    content generation (cms.receivers), so a new role shows on the next page."""
    cached = getattr(user, "_role_facts", None)
    if cached is None:
        key = content_cache.content_key("role-facts", user.pk)
        cached = content_cache.get(key)
        if cached is None:
            cached = _role_facts_query(user)
            content_cache.set(key, cached)
        user._role_facts = cached
    return cached


def _role_facts_query(user) -> tuple[frozenset[str], bool]:
    admin = Permission.objects.filter(
        group=OuterRef("pk"), content_type__app_label="wagtailadmin", codename="access_admin"
    )
    rows = list(
        Group.objects.filter(user=user).annotate(admin=Exists(admin)).values_list("name", "admin")
    )
    return frozenset(name for name, _admin in rows), any(flag for _name, flag in rows)


def user_has_role(user, role: str) -> bool:
    """True when the user belongs to the role's group (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return role in _role_facts(user)[0]


def user_can_open_admin(user) -> bool:
    """Whether to offer the Wagtail admin in the navigation. Admin access comes with the staff
    roles (groups); a permission granted to one user directly still works at /admin/ but is
    not advertised in the navigation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or _role_facts(user)[1]
