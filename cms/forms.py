from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from cms import services
from cms.models import User


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request else ""


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing further tries after too many failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _(
            "Too many unsuccessful sign-in attempts. Please wait 15 minutes and try again, "
            "or reset your password."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        if services.login_throttle_exceeded(username=username, ip=ip):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            services.login_failure_record(username=username, ip=ip)
            raise
        services.login_failures_clear(username=username, ip=ip)
        return cleaned


class SignUpForm(UserCreationForm):
    """Sign-up for prospective mentors."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send password resets and certificate notices here."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address already exists. Try signing in or "
                    "resetting your password."
                ),
                code="duplicate_email",
            )
        return email

    def _post_clean(self):
        # UserCreationForm validates the password against the instance; keep that behaviour.
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password and not self.has_error("password2"):
            try:
                password_validation.validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password2", error)

    def save(self, commit=True):
        return services.mentor_sign_up(
            username=self.cleaned_data["username"],
            email=self.cleaned_data["email"],
            password=self.cleaned_data["password1"],
            first_name=self.cleaned_data.get("first_name", ""),
            last_name=self.cleaned_data.get("last_name", ""),
        )


class PersonEraseForm(forms.Form):
    """The confirmation step before an erasure: type the username, give a reason."""

    confirm_username = forms.CharField(
        label=_("Type the person's username to confirm"),
        max_length=150,
        help_text=_("Erasure cannot be undone."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded with the erasure, e.g. the request's reference and date. Do not repeat the "
            "person's name or contact details here."
        ),
    )

    def __init__(self, *args, person, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def clean_confirm_username(self):
        typed = self.cleaned_data["confirm_username"].strip()
        if typed != self.person.username:
            raise forms.ValidationError(
                _("The username does not match. Type %(username)s exactly to confirm.")
                % {"username": self.person.username}
            )
        return typed
