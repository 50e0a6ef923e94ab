"""The four roles are Django groups. Their names are a contract: code and tests refer to them."""

from django.utils.translation import gettext_lazy as _

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


def user_has_role(user, role: str) -> bool:
    """True when the user belongs to the role's group (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return role in cached
