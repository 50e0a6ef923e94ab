"""Two-step sign-in changes in Wagtail's audit log (Reports → Site history, and the person's
history), logged against the person's account. The actor is the signed-in person
(Wagtail's log context), who is the person themselves for every change this app offers."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ADDED = "cms.two_factor.added"
REMOVED = "cms.two_factor.removed"
RECOVERY_CODES = "cms.two_factor.recovery_codes"

KIND_LABELS = {"totp": _("authenticator app"), "passkey": _("passkey")}

ACTIONS = [
    (ADDED, _("Two-step sign-in method added"), _("Two-step sign-in method added")),
    (REMOVED, _("Two-step sign-in method removed"), _("Two-step sign-in method removed")),
    (RECOVERY_CODES, _("Recovery codes renewed"), _("New recovery codes made")),
]


def log_second_factor_added(*, user, kind: str, name: str) -> None:
    log(instance=user, action=ADDED, user=user, data={"kind": kind, "name": name})


def log_second_factor_removed(*, user, kind: str, name: str) -> None:
    log(instance=user, action=REMOVED, user=user, data={"kind": kind, "name": name})


def log_recovery_codes_generated(*, user) -> None:
    log(instance=user, action=RECOVERY_CODES, user=user)
