"""Forms parse what the person typed and hand it to one service; refusals become form errors."""

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from cms.two_factor import services

CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "autocapitalize": "off",
    "spellcheck": "false",
    "size": 10,
    "class": "code-input",
}


class _ServiceForm(forms.Form):
    """Calls its service in ``clean`` and keeps the result; a refusal is a form error."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        self.result = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                self.result = self.run(**cleaned)
            except services.TwoFactorError as error:
                self.add_error(None, error)
        return cleaned


class TotpCodeForm(_ServiceForm):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )

    def run(self, *, code):
        return services.totp_verify(user=self.user, code=code)


class TotpSetupForm(_ServiceForm):
    code = forms.CharField(
        label=_("6-digit code your app shows now"),
        max_length=20,
        widget=forms.TextInput(attrs=CODE_ATTRS),
        help_text=_("The code changes every 30 seconds; any current one will do."),
    )

    def __init__(self, *args, key: str, **kwargs):
        self.key = key
        super().__init__(*args, **kwargs)

    def run(self, *, code):
        return services.totp_device_add(user=self.user, key=self.key, code=code)


class RecoveryCodeForm(_ServiceForm):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={**CODE_ATTRS, "inputmode": "text", "autocomplete": "one-time-code"}
        ),
        help_text=_("One of the ten codes you saved when you set up two-step sign-in."),
    )

    def run(self, *, code):
        return services.recovery_code_use(user=self.user, code=code)


class ConfirmPasswordForm(forms.Form):
    """Removing a sign-in method or renewing recovery codes asks for the password again, so a
    session left open on a shared computer cannot weaken the account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To keep your account safe, please confirm it is you."),
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # Through authenticate(), so the sign-in throttle counts wrong passwords here too.
        confirmed = authenticate(self.request, username=user.get_username(), password=password)
        if confirmed is None or confirmed.pk != user.pk:
            raise forms.ValidationError(
                _("That password is not right. Please try again."), code="password"
            )
        return password
