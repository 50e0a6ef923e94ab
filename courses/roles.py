"""The lead-trainer role: trainers who approve course pages for publication (a group, like
the roles in cms.roles; created by a data migration)."""

LEAD_TRAINERS = "Lead trainers"

LEAD_TRAINER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "courses.view_enrolment",
    "wagtailimages.choose_image",
    "wagtaildocs.choose_document",
]

# Page permissions on the whole tree; the moderation workflow on the course catalogue sends
# trainers' submissions to this group.
LEAD_TRAINER_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]

# Who reads the course completion report (Reports menu).
COURSE_REPORT_ROLES = ["Trainers", "Coordinators", LEAD_TRAINERS]
