from django import forms
from django.contrib.auth.forms import BaseUserCreationForm, PasswordResetForm
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from cms import services
from cms.models import User
from cms.reasons import REASON_MAX_LENGTH


class SignUpForm(BaseUserCreationForm):
    """Sign-up for prospective mentors. It never says whether an e-mail address or a username
    already has an account: that is answered by e-mail (``cms.services.mentor_sign_up``), so
    the form checks only what the person typed (a valid address, a strong password)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "We send a link to confirm your account here, then password resets and certificate "
            "notices."
        ),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    class Meta(BaseUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def _post_clean(self):
        """ModelForm's checks of each field (the username's characters, lengths) and the
        password's strength, but not uniqueness nor the e-mail constraint: whether an address
        or a username is taken is answered by e-mail (``cms.services.mentor_sign_up``)."""
        opts = self._meta
        try:
            self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)
            self.instance.full_clean(
                exclude=self._get_validation_exclusions(),
                validate_unique=False,
                validate_constraints=False,
            )
        except forms.ValidationError as error:
            self._update_errors(error)
        self.validate_password_for_user(self.instance)

    def save(self, commit=True):
        """Ask for the account (see ``cms.services.mentor_sign_up``); the new account or None."""
        return services.mentor_sign_up(
            username=self.cleaned_data["username"],
            email=self.cleaned_data["email"],
            password=self.cleaned_data["password1"],
            first_name=self.cleaned_data.get("first_name", ""),
            last_name=self.cleaned_data.get("last_name", ""),
        )


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, with the same e-mail flow whether or not the address has an account:
    the holder gets the reset link, an unknown address a note saying no account uses it."""

    def save(self, *args, **kwargs):
        email = self.cleaned_data["email"]
        if next(iter(self.get_users(email)), None) is None:
            services.password_reset_unknown_address(email=email)
            return
        super().save(*args, **kwargs)


class PersonEraseForm(forms.Form):
    """The confirmation step before an erasure: type the username, give a reason."""

    confirm_username = forms.CharField(
        label=_("Type the person's username to confirm"),
        max_length=150,
        help_text=_("Erasure cannot be undone."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
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
