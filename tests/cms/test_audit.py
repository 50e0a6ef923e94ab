"""Person-related entries in Wagtail's audit log: data exports through every door, erasures
(which leave no name in any entry), the hooks for lockouts and two-factor changes, and Site
history open to coordinators."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from cms import audit, privacy
from cms.models import User
from cms.roles import MENTORS
from tests.factories import MenteeFactory, UserFactory, certify
from tests.factories.certificates import ProgrammeFactory

pytestmark = pytest.mark.django_db

SITE_HISTORY = reverse("wagtailadmin_reports:site_history")


@pytest.fixture
def person(db):
    return UserFactory(
        role=MENTORS,
        username="robin",
        email="robin@example.org",
        first_name="Robin",
        last_name="Ashdown",
        display_name="Robin Ashdown-Vale",
    )


def person_entries(person, action=None):
    queryset = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)
    )
    return queryset.filter(action=action) if action else queryset


# --- Exports ---------------------------------------------------------------------------------


def test_an_export_from_the_admin_is_logged_with_the_coordinator(client, person, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("cms_admin:person_export", args=[person.pk]))
    assert response.status_code == 200
    entry = person_entries(person, "pma.person.export").get()
    assert entry.user == coordinator
    assert entry.label == "robin"
    assert entry.data == {"via": "admin"}
    assert entry.message == "Personal data exported from the admin"


def test_a_download_from_your_data_is_logged_with_the_person(client, person):
    client.force_login(person)
    assert client.post(reverse("my_data")).status_code == 200
    entry = person_entries(person, "pma.person.export").get()
    assert entry.user == person
    assert entry.data == {"via": "self"}


def test_the_export_command_is_logged_as_the_system(person, tmp_path):
    call_command("export_person", "robin", output=str(tmp_path / "robin.zip"))
    entry = person_entries(person, "pma.person.export").get()
    assert entry.user is None
    assert entry.data == {"via": "command"}
    assert "export_person command" in entry.message


def test_an_export_must_say_who_and_how(person):
    with pytest.raises(TypeError):
        privacy.person_export_archive(user=person)
    with pytest.raises(ValueError):
        privacy.person_export_archive(user=person, actor=None, via="e-mail")
    assert not person_entries(person).exists()


def test_coordinators_read_exports_in_site_history(client, person, coordinator):
    client.force_login(coordinator)
    client.post(reverse("cms_admin:person_export", args=[person.pk]))
    html = client.get(SITE_HISTORY).content.decode()
    assert "Personal data exported from the admin" in html
    assert "robin" in html


# --- Erasure ---------------------------------------------------------------------------------


def test_an_erasure_is_logged_and_leaves_no_name_in_any_entry(
    client, person, coordinator, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Entries written before the erasure (an export, Wagtail's own "created" entry for the
    person's matching details, the certificate, the assignment) keep no trace of the name,
    username or address; the erasure's own entries name its actor."""
    settings.MEDIA_ROOT = str(tmp_path)
    programme = ProgrammeFactory(is_default=True)
    with django_capture_on_commit_callbacks(execute=True):
        certify(person, programme)
    client.force_login(coordinator)
    client.post(reverse("cms_admin:person_export", args=[person.pk]))
    response = client.post(
        reverse("matching_mentor_profile:add"),
        {"user": person.pk, "capacity": 2, "languages": "en", "accepting_new": "on"},
        follow=True,  # shows (and so clears) the "created" message that names the person
    )
    assert response.redirect_chain[-1][1] == 302
    from matching import services as matching_services

    mentee = MenteeFactory(programme=programme)
    matching_services.assignment_create(mentor=person, mentee=mentee, coordinator=coordinator)
    assert ModelLogEntry.objects.filter(label__contains="Ashdown").exists()  # Wagtail's own

    response = client.post(
        reverse("cms_admin:person_erase", args=[person.pk]),
        {"confirm_username": "robin", "reason": "Request R-7"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    entry = person_entries(person, "pma.person.erase").get()
    assert entry.user == coordinator
    assert entry.label == f"erased-{person.pk}"
    assert entry.data == {"erasure": person.erasure.pk}
    assert person_entries(person, "pma.person.export").get().label == f"erased-{person.pk}"
    # The erasure ended the person's supervision link: named as the coordinator's act.
    ended = ModelLogEntry.objects.get(action="pma.supervision_link.end")
    assert ended.user == coordinator
    revoked = ModelLogEntry.objects.get(action="pma.certificate.revoke")
    assert revoked.user == coordinator

    for entry in ModelLogEntry.objects.all():
        text = f"{entry.label} {json.dumps(entry.data)}".lower()
        for trace in ("robin", "ashdown", "example.org"):
            assert trace not in text, (entry.action, entry.label)

    html = client.get(SITE_HISTORY).content.decode()
    assert "Personal data erased on request" in html
    assert "Ashdown" not in html


def test_the_erase_command_names_its_actor(person, coordinator):
    call_command("erase_person", "robin", reason="Request R-8", actor=coordinator.username)
    assert person_entries(person, "pma.person.erase").get().user == coordinator


# --- Hooks for the throttle and two-factor sign-in ---------------------------------------------


def test_lockouts_are_logged_on_the_account(person, coordinator):
    audit.account_locked(person=person, data={"failures": 10})
    audit.account_unlocked(person=person, actor=coordinator)
    locked = person_entries(person, "pma.account.lockout").get()
    assert locked.user is None
    assert locked.message == "Sign-in locked after 10 failed attempts"
    assert person_entries(person, "pma.account.unlock").get().user == coordinator


@pytest.mark.parametrize("change", sorted(audit.TWO_FACTOR_ACTIONS))
def test_two_factor_changes_are_logged_on_the_account(person, change):
    audit.two_factor_changed(person=person, actor=person, change=change, data={"device": "totp"})
    entry = person_entries(person, audit.TWO_FACTOR_ACTIONS[change]).get()
    assert entry.user == person
    assert entry.label == "robin"
    assert not entry.message.startswith("Unknown")


def test_an_unknown_two_factor_change_is_refused(person):
    with pytest.raises(ValueError):
        audit.two_factor_changed(person=person, actor=person, change="guessed")


def test_every_person_action_is_registered():
    assert set(audit.TWO_FACTOR_ACTIONS.values()) <= set(audit.ACTIONS)
    for action in audit.ACTIONS:
        assert log_registry.action_exists(action), action


def test_an_entry_costs_at_most_three_queries(person, coordinator, django_assert_max_num_queries):
    audit.account_unlocked(person=person, actor=coordinator)  # ContentType now cached
    with django_assert_max_num_queries(3):
        audit.account_unlocked(person=person, actor=coordinator)


# --- Site history for coordinators -----------------------------------------------------------


def test_coordinators_find_site_history_in_the_reports_menu(client, coordinator, supervisor):
    client.force_login(coordinator)
    assert SITE_HISTORY in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(SITE_HISTORY).status_code == 200
    client.force_login(supervisor)
    assert SITE_HISTORY not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_trainers_keep_wagtails_site_history_for_pages(client, trainer):
    client.force_login(trainer)
    assert SITE_HISTORY in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(SITE_HISTORY).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(SITE_HISTORY)
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_coordinators_see_only_what_their_permissions_cover(client, coordinator, person):
    """Wagtail lists an entry only to those with a permission on its object type: a page
    entry is not for coordinators; the audit entries are."""
    from wagtail.models import Page, PageLogEntry

    page = Page.objects.get(depth=2)
    PageLogEntry.objects.log_action(page, "wagtail.edit", title="A page edited at midnight")
    audit.account_locked(person=person, data={"failures": 10})
    client.force_login(coordinator)
    html = client.get(SITE_HISTORY).content.decode()
    assert "Sign-in locked after 10 failed attempts" in html
    assert "A page edited at midnight" not in html
