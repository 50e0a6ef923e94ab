"""A person's public name, the one rule for how screens, reports, e-mails and certificates name
someone: the display name they chose, else their full name, else their username. In Python for
an object or a ``.values()`` row, and in SQL for a queryset annotation."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

NAME_FIELDS = ("display_name", "first_name", "last_name", "username")


def public_name(*, display_name: str, first_name: str, last_name: str, username: str) -> str:
    return display_name or f"{first_name} {last_name}".strip() or username


def _path(prefix: str, field: str) -> str:
    return f"{prefix}__{field}" if prefix else field


def public_name_of_row(row: dict, prefix: str = "") -> str:
    """``public_name`` of a ``.values()`` row holding ``NAME_FIELDS`` (under ``prefix__``)."""
    return public_name(**{field: row[_path(prefix, field)] for field in NAME_FIELDS})


def name_values(prefix: str = "") -> list[str]:
    """The ``.values()`` names ``public_name_of_row`` reads."""
    return [_path(prefix, field) for field in NAME_FIELDS]


def public_name_expression(prefix: str = ""):
    """``public_name`` as a SQL expression over the user (or the user ``prefix`` names)."""
    full_name = Trim(
        Concat(
            F(_path(prefix, "first_name")),
            Value(" "),
            F(_path(prefix, "last_name")),
            output_field=CharField(),
        )
    )
    return Coalesce(
        NullIf(F(_path(prefix, "display_name")), Value("")),
        NullIf(full_name, Value("")),
        F(_path(prefix, "username")),
        output_field=CharField(),
    )
