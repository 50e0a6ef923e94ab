"""A person's public name (cms/names.py): the object, a ``.values()`` row and SQL agree."""

import pytest

from cms.models import User
from cms.names import name_values, public_name_expression, public_name_of_row
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "names, expected",
    [
        ({"display_name": "Robin A.", "first_name": "Robin", "last_name": "Ashdown"}, "Robin A."),
        ({"display_name": "", "first_name": "Robin", "last_name": "Ashdown"}, "Robin Ashdown"),
        ({"display_name": "", "first_name": "Robin", "last_name": ""}, "Robin"),
        ({"display_name": "", "first_name": "", "last_name": ""}, "robin7"),
    ],
)
def test_display_name_else_full_name_else_username_everywhere(names, expected):
    user = UserFactory(username="robin7", **names)
    row = User.objects.filter(pk=user.pk).values(*name_values()).get()
    in_sql = (
        User.objects.filter(pk=user.pk)
        .annotate(name=public_name_expression())
        .values_list("name", flat=True)
        .get()
    )
    assert (user.public_name, public_name_of_row(row), in_sql) == (expected,) * 3
