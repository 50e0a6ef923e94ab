import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from cms.models import HomePage, User
from demo.site import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db


def snapshot():
    """Row counts of every model, plus the demo users' identifying fields."""
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("django_q.", "sessions.", "admin."))
    }
    users = list(User.objects.order_by("username").values_list("username", "email", "password"))
    return counts, users


@override_settings(DEBUG=True)
def test_seed_demo_creates_the_accounts_and_site(client):
    call_command("seed_demo", verbosity=0)
    for username, role, _first, _last in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.groups.filter(name=role).exists()
        assert client.login(username=username, password=f"demo-{username}")
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert client.get("/").status_code == 200


@override_settings(DEBUG=True)
def test_seed_demo_twice_leaves_the_same_rows():
    call_command("seed_demo", verbosity=0)
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first
    assert Page.objects.filter(depth=2).count() == 1


@override_settings(DEBUG=False)
def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.filter(username="mentor").exists()


@override_settings(DEBUG=False)
def test_seed_demo_runs_without_debug_when_forced():
    call_command("seed_demo", "--force", verbosity=0)
    assert User.objects.filter(username="certified").exists()


@override_settings(DEBUG=True)
def test_seed_demo_rejects_a_negative_scale():
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", "--scale", "-1", verbosity=0)
