"""Exporting and erasing a person's data: the orchestration in cms/privacy.py, the account's
own records, the refusals, the permissions and the ways in (own download, admin, commands)."""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from cms import privacy
from cms.models import PersonErasure, User
from cms.roles import COORDINATORS, MENTORS
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD


@pytest.fixture
def person(db):
    return UserFactory(
        role=MENTORS,
        username="robin",
        email="robin@example.org",
        first_name="Robin",
        last_name="Ashdown",
        display_name="Robin A.",
    )


def archive_of(data: bytes) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode()
            if name.endswith(".txt")
            else json.loads(archive.read(name))
            for name in archive.namelist()
        }


# --- Registry and export ----------------------------------------------------------------------


def test_every_app_contributes_through_its_personal_data_module():
    labels = [label for label, _module in privacy.contributors()]
    assert labels == ["cms", "courses", "certification", "matching"]
    for _label, module in privacy.contributors():
        assert callable(module.export) and callable(module.erase) and callable(module.preview)


def test_export_holds_the_account_and_roles_and_nothing_of_others(person):
    UserFactory(username="someone-else", first_name="Zebedee", email="zeb@example.org")
    export = privacy.person_export(user=person)
    account = export["cms"]["account"][0]
    assert account["username"] == "robin"
    assert account["email"] == "robin@example.org"
    assert account["display_name"] == "Robin A."
    assert account["roles"] == [MENTORS]
    assert "password" not in account
    assert "Zebedee" not in json.dumps(export, default=str)


def test_the_archive_has_a_readme_a_manifest_and_one_file_per_section(person):
    files = archive_of(privacy.person_export_archive(user=person, actor=None, via="command"))
    assert "README.txt" in files and "manifest.json" in files
    assert files["cms/account.json"][0]["username"] == "robin"
    assert {"courses/reflection_answers.json", "certification/practice_logs.json"} <= set(files)
    assert files["manifest.json"]["sections"]["cms/account.json"] == 1
    assert "robin" in files["README.txt"]


# --- Erasure of the account -------------------------------------------------------------------


def test_erasure_turns_the_account_into_a_pseudonymous_tombstone(person, coordinator):
    erasure = privacy.person_erase(person_id=person.pk, actor=coordinator, reason="Request R-12")
    person.refresh_from_db()
    assert person.username == f"erased-{person.pk}"
    assert person.email.endswith("@erased.invalid")
    assert (person.first_name, person.last_name, person.display_name) == ("", "", "")
    assert not person.has_usable_password()
    assert not person.is_active and person.erased_at is not None
    assert not person.groups.exists()
    assert erasure.person == person and erasure.actor == coordinator
    assert erasure.reason == "Request R-12"
    assert erasure.counts["cms"]["roles_removed"] == 1
    # The record keeps none of the erased data.
    assert "Robin" not in json.dumps(erasure.counts) and "robin@" not in erasure.reason


def test_erasure_signs_the_person_out_everywhere(client, person, coordinator):
    client.force_login(person)
    assert Session.objects.count() == 1
    privacy.person_erase(person_id=person.pk, actor=coordinator, reason="Request")
    assert Session.objects.count() == 0
    assert client.get(reverse("courses:dashboard")).status_code == 302  # to the sign-in page


def test_the_person_gets_a_final_notice_before_the_address_is_gone(
    person, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        privacy.person_erase(person_id=person.pk, actor=coordinator, reason="Request")
    assert [message.to for message in mail.outbox] == [["robin@example.org"]]
    assert "erased" in mail.outbox[0].subject
    assert "Robin A." in mail.outbox[0].body


def test_the_erased_person_cannot_sign_in(client, person, coordinator):
    privacy.person_erase(person_id=person.pk, actor=coordinator, reason="Request")
    assert not client.login(username="robin", password=PASSWORD)
    assert not client.login(username=f"erased-{person.pk}", password=PASSWORD)


# --- Refusals ---------------------------------------------------------------------------------


def test_refusals_are_clear(person, coordinator):
    with pytest.raises(privacy.PersonErasureError, match="your own account"):
        privacy.person_erase(person_id=coordinator.pk, actor=coordinator, reason="Mine")
    superuser = UserFactory(is_superuser=True)
    with pytest.raises(privacy.PersonErasureError, match="superuser"):
        privacy.person_erase(person_id=superuser.pk, actor=coordinator, reason="Request")
    with pytest.raises(privacy.PersonErasureError, match="reason"):
        privacy.person_erase(person_id=person.pk, actor=coordinator, reason="   ")
    with pytest.raises(privacy.PersonErasureError, match="no such person"):
        privacy.person_erase(person_id=999999, actor=coordinator, reason="Request")
    assert not PersonErasure.objects.exists()
    person.refresh_from_db()
    assert person.is_active and person.username == "robin"


def test_only_holders_of_the_permission_may_erase(person):
    for role in (MENTORS, "Supervisors", "Trainers"):
        actor = UserFactory(role=role)
        with pytest.raises(privacy.PersonErasureError, match="permission"):
            privacy.person_erase(person_id=person.pk, actor=actor, reason="Request")


def test_erasing_twice_is_refused_and_changes_nothing(person, coordinator):
    first = privacy.person_erase(person_id=person.pk, actor=coordinator, reason="Request")
    with pytest.raises(privacy.PersonErasureError, match="already erased"):
        privacy.person_erase(person_id=person.pk, actor=coordinator, reason="Again")
    assert list(PersonErasure.objects.all()) == [first]


def test_coordinators_hold_the_privacy_permissions_through_their_group(db):
    permissions = set(
        Group.objects.get(name=COORDINATORS).permissions.values_list("codename", flat=True)
    )
    assert {"export_person", "erase_person"} <= permissions
    for name in (MENTORS, "Supervisors", "Trainers"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert not {"export_person", "erase_person"} & codenames


# --- Own export on the public site ------------------------------------------------------------


def test_a_person_downloads_their_own_export(client, person):
    client.force_login(person)
    page = client.get(reverse("my_data"))
    assert page.status_code == 200
    assert b"Download my data" in page.content
    response = client.post(reverse("my_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    files = archive_of(response.content)
    assert files["cms/account.json"][0]["username"] == "robin"


def test_own_export_needs_sign_in_and_names_nobody_else(client, person):
    assert client.get(reverse("my_data")).status_code == 302
    other = UserFactory(role=MENTORS, username="other-mentor")
    client.force_login(other)
    files = archive_of(client.post(reverse("my_data")).content)
    assert files["cms/account.json"][0]["username"] == "other-mentor"
    assert "robin" not in json.dumps(files, default=str)


# --- Admin ------------------------------------------------------------------------------------


def test_a_coordinator_finds_a_person_and_exports_their_data(client, person, coordinator):
    client.force_login(coordinator)
    found = client.get(reverse("cms_admin:person_search"), {"q": "robin"})
    assert found.status_code == 200 and b"robin" in found.content
    overview = client.get(reverse("cms_admin:person", args=[person.pk]))
    assert overview.status_code == 200
    response = client.post(reverse("cms_admin:person_export", args=[person.pk]))
    assert response["Content-Type"] == "application/zip"
    assert archive_of(response.content)["cms/account.json"][0]["username"] == "robin"


@pytest.mark.parametrize("role", [MENTORS, "Supervisors", "Trainers"])
def test_others_cannot_reach_the_admin_privacy_views(client, person, role):
    actor = UserFactory(role=role, is_staff=False)
    client.force_login(actor)
    for name, method in (("person", "get"), ("person_export", "post"), ("person_erase", "post")):
        response = getattr(client, method)(
            reverse(f"cms_admin:{name}", args=[person.pk]),
            {"confirm_username": "robin", "reason": "x"},
        )
        assert response.status_code in (302, 403), name
    person.refresh_from_db()
    assert person.is_active


def test_the_erase_screen_shows_what_will_happen_and_asks_for_the_username(
    client, person, coordinator
):
    client.force_login(coordinator)
    url = reverse("cms_admin:person_erase", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Roles removed" in page.content
    wrong = client.post(url, {"confirm_username": "not-robin", "reason": "Request R-1"})
    assert wrong.status_code == 200
    assert b"does not match" in wrong.content
    assert b"error-summary" in wrong.content
    person.refresh_from_db()
    assert person.is_active
    done = client.post(url, {"confirm_username": "robin", "reason": "Request R-1"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.erased_at is not None
    assert PersonErasure.objects.get().reason == "Request R-1"


# --- Commands ---------------------------------------------------------------------------------


def test_export_person_command_writes_the_zip(person, tmp_path):
    target = tmp_path / "robin.zip"
    call_command("export_person", "robin", output=str(target), stdout=io.StringIO())
    assert archive_of(target.read_bytes())["cms/account.json"][0]["email"] == "robin@example.org"
    assert target.stat().st_mode & 0o777 == 0o600  # sensitive: readable by this account only
    with pytest.raises(CommandError, match="exists already"):
        call_command("export_person", "robin", output=str(target), stdout=io.StringIO())


def test_erase_person_command(person, coordinator):
    out = io.StringIO()
    call_command(
        "erase_person", "robin", reason="Request R-7", actor=coordinator.username, stdout=out
    )
    assert "Erased" in out.getvalue()
    assert User.objects.get(pk=person.pk).erased_at is not None
    with pytest.raises(CommandError, match="already erased"):
        call_command(
            "erase_person",
            f"erased-{person.pk}",
            reason="Again",
            actor=coordinator.username,
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="No account"):
        call_command("erase_person", "nobody", reason="x", actor=coordinator.username)


def test_the_admin_menu_offers_personal_data_to_coordinators_only(client, coordinator, supervisor):
    client.force_login(coordinator)
    assert (
        reverse("cms_admin:person_search")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    client.force_login(supervisor)
    assert (
        reverse("cms_admin:person_search")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
