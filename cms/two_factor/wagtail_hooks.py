from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.two_factor import audit


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    for action, label, message in audit.ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_account_menu_item")
def two_step_sign_in_menu_item(request):
    return {
        "url": reverse("two_factor:manage"),
        "label": _("Two-step sign-in"),
        "help_text": _("Your authenticator app, passkeys and recovery codes."),
    }
