"""System checks: the credential signing key is usable (run by `check`, migrate and runserver)."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from certification.credentials.keys import issuer_key, retired_public_keys


@register()
def credential_signing_key(app_configs, **kwargs):
    try:
        issuer_key()
        retired_public_keys()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="certification.E001")]
    return []
