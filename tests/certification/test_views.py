"""Mentor pages on the public site: own logs only, drafts editable, decided logs frozen."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from certification import services
from certification.models import Certificate, Endorsement, PracticeLog
from tests.factories import PracticeLogFactory, UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db
Status = PracticeLog.Status


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def form_data(log_data, **overrides):
    data = {
        "session_date": log_data["session_date"].isoformat(),
        "duration_minutes": log_data["duration_minutes"],
        "setting": log_data["setting"],
        "competencies": [c.pk for c in log_data["competencies"]],
        "reflection": log_data["reflection"],
    }
    return {**data, **overrides}


def test_mentor_creates_a_draft_and_submits_it(
    client, link, mentor, supervisor, log_data, django_capture_on_commit_callbacks
):
    login(client, mentor)
    page = client.get(reverse("certification:practice_log_create"))
    assert b'type="date"' in page.content
    assert b"<legend>" in page.content
    assert b"Up to 4000 characters" in page.content
    response = client.post(reverse("certification:practice_log_create"), form_data(log_data))
    log = PracticeLog.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("certification:practice_log_detail", args=[log.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certification:practice_log_submit", args=[log.pk]))
        client.post(reverse("certification:practice_log_submit", args=[log.pk]))
    log.refresh_from_db()
    assert log.status == Status.SUBMITTED
    assert log.events.filter(to_status=Status.SUBMITTED).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"duration_minutes": "4"}, b"greater than or equal to 5"),
        ({"duration_minutes": "lots"}, b"Enter a whole number"),
        ({"session_date": "2999-01-01"}, b"cannot be in the future"),
        ({"session_date": "not a date"}, b"Enter a valid date"),
        ({"competencies": []}, b"Choose at least one competency"),
        ({"reflection": "x" * 4001}, b"at most 4000 characters"),
        ({"reflection": "Her e-mail is sam@example.org"}, b"confidentiality"),
    ],
)
def test_bad_input_shows_field_errors_and_keeps_the_text(
    client, link, mentor, log_data, overrides, message
):
    login(client, mentor)
    response = client.post(
        reverse("certification:practice_log_create"), form_data(log_data, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content
    assert not PracticeLog.objects.exists()


def test_html_in_a_reflection_is_escaped(client, draft, mentor):
    PracticeLog.objects.filter(pk=draft.pk).update(reflection="<script>alert(1)</script>")
    response = login(client, mentor).get(
        reverse("certification:practice_log_detail", args=[draft.pk])
    )
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_list_shows_own_logs_and_approved_minutes(client, submitted, mentor, supervisor):
    services.practice_log_approve(log=submitted, reviewer=supervisor)
    other_log = PracticeLogFactory(reflection="Someone else's reflection", status=Status.APPROVED)
    response = login(client, mentor).get(reverse("certification:practice_log_list"))
    assert response.status_code == 200
    assert b"45 approved minutes in total" in response.content
    assert other_log.reflection.encode() not in response.content
    assert b"My practice" in response.content  # nav link


def test_changes_requested_log_can_be_edited_and_resubmitted(
    client, submitted, mentor, supervisor, log_data
):
    services.practice_log_request_changes(log=submitted, reviewer=supervisor, comment="Add more.")
    login(client, mentor)
    edit = client.get(reverse("certification:practice_log_edit", args=[submitted.pk]))
    assert b"Add more." in edit.content
    client.post(
        reverse("certification:practice_log_edit", args=[submitted.pk]),
        form_data(log_data, reflection="More detail about what I learned."),
    )
    client.post(reverse("certification:practice_log_submit", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert (submitted.status, submitted.reflection) == (
        Status.SUBMITTED,
        "More detail about what I learned.",
    )


@pytest.mark.parametrize("final", [Status.APPROVED, Status.REJECTED])
def test_decided_logs_offer_no_edit_and_refuse_edits(
    client, submitted, mentor, supervisor, log_data, final
):
    decide = (
        services.practice_log_approve if final == Status.APPROVED else services.practice_log_reject
    )
    decide(log=submitted, reviewer=supervisor, comment="Decided.")
    login(client, mentor)
    detail = client.get(reverse("certification:practice_log_detail", args=[submitted.pk]))
    edit_url = reverse("certification:practice_log_edit", args=[submitted.pk])
    assert edit_url.encode() not in detail.content
    assert b"Submit for review" not in detail.content
    response = client.post(edit_url, form_data(log_data, duration_minutes=700))
    assert response.status_code == 302
    client.post(reverse("certification:practice_log_submit", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert (submitted.status, submitted.duration_minutes) == (final, 45)


@pytest.mark.parametrize("name", ["detail", "edit"])
def test_another_mentors_log_is_not_found(client, draft, name):
    other = UserFactory(role="Mentors")
    response = login(client, other).get(
        reverse(f"certification:practice_log_{name}", args=[draft.pk])
    )
    assert response.status_code == 404


def test_submit_needs_post(client, draft, mentor):
    response = login(client, mentor).get(
        reverse("certification:practice_log_submit", args=[draft.pk])
    )
    assert response.status_code == 405


def test_practice_summary_measures_against_the_default_programme(client, mentor):
    from tests.factories.certificates import ProgrammeFactory, qualify
    from tests.factories.cms import PASSWORD as _PASSWORD

    programme = ProgrammeFactory(name="Core programme", is_default=True)
    qualify(mentor, programme, endorse=False)
    client.login(username=mentor.username, password=_PASSWORD)
    html = client.get("/practice/").content.decode()
    assert "Progress towards Core programme" in html
    assert "60 of 60 minutes required" in html and "Met" in html


# --- "My certification" and the PDF after a suspension or a revocation ----------------------


@pytest.fixture
def certificate(mentor, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory(name="Certified Peer Mentor")
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


@pytest.fixture
def revoked(certificate, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="A boundary breach."
        )
    certificate.refresh_from_db()
    return certificate


def pdf_url(certificate) -> str:
    return reverse("certification:certificate_pdf", args=[certificate.serial])


def day(moment) -> str:
    return date_format(timezone.localdate(moment))


@pytest.mark.parametrize(
    ("change", "explanation"),
    [
        (services.certificate_suspend, "is suspended, so its PDF is not available"),
        (services.certificate_revoke, "was revoked on"),
    ],
)
def test_a_suspended_or_revoked_certificate_pdf_is_not_served(
    client, certificate, mentor, coordinator, change, explanation
):
    change(certificate_id=certificate.pk, actor=coordinator, reason="Complaint under review.")
    for user in (mentor, coordinator):
        response = login(client, user).get(pdf_url(certificate))
        assert response.status_code == 403
        assert response["Content-Type"].startswith("text/html")
        html = response.content.decode()
        assert explanation in html and certificate.serial in html
        assert reverse("certification:verify", args=[certificate.verification_code]) in html
    other = UserFactory(role="Mentors")
    assert login(client, other).get(pdf_url(certificate)).status_code == 404


@pytest.mark.parametrize("status", ["expired", "superseded"])
def test_an_expired_or_replaced_certificate_pdf_is_still_served(
    client, certificate, mentor, status
):
    # It prints its own validity dates, and the verification page says it expired or was
    # replaced: a copy of it does not claim more than it did.
    Certificate.objects.filter(pk=certificate.pk).update(status=status)
    response = login(client, mentor).get(pdf_url(certificate))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_suspended_certificate_card_offers_no_pdf(client, certificate, mentor, coordinator):
    services.certificate_suspend(
        certificate_id=certificate.pk, actor=coordinator, reason="Complaint under review."
    )
    html = login(client, mentor).get(reverse("certification:my_certification")).content.decode()
    assert "Suspended" in html
    assert "Download the PDF" not in html and pdf_url(certificate) not in html
    assert "is suspended, so its PDF is not available" in html


def test_my_certification_explains_a_revocation_and_promises_nothing(client, revoked, mentor):
    html = login(client, mentor).get(reverse("certification:my_certification")).content.decode()
    assert (
        f"Your certificate {revoked.serial} was revoked on {day(revoked.status_changed_at)}."
        in html
    )
    assert "A boundary breach." in html  # the reason, as the e-mail gave it
    assert "A coordinator needs to decide whether you may work towards" in html
    assert "nothing you log leads to a new certificate" in html
    assert "issued in a moment" not in html
    assert "What is left" not in html
    assert "Download the PDF" not in html and pdf_url(revoked) not in html
    assert reverse("get_help") in html  # crisis resources stay one link away


def test_after_the_decision_the_page_says_what_counts_from_when(
    client, revoked, mentor, coordinator
):
    decision = services.certificate_allow_recertification(
        certificate_id=revoked.pk, actor=coordinator, reason="Remedial supervision done."
    )
    html = login(client, mentor).get(reverse("certification:my_certification")).content.decode()
    assert "You may work towards certification again." in html
    assert (
        f"Practice sessions from {day(decision.decided_at)} on and an endorsement given from "
        "then count" in html
    )
    assert "What is left" in html
    assert "more approved practice needed" in html
    assert "Your supervisor has not endorsed your readiness yet." in html
    assert "issued in a moment" not in html


def test_the_page_promises_a_certificate_only_when_a_check_will_issue_one(
    client, mentor, django_capture_on_commit_callbacks
):
    programme = ProgrammeFactory(name="Certified Peer Mentor")
    qualify(mentor, programme)
    url = reverse("certification:my_certification")
    assert (
        "your certificate will be issued in a moment"
        in login(client, mentor).get(url).content.decode()
    )

    # Certified and in force: nothing to issue, so nothing is promised.
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    html = client.get(url).content.decode()
    assert "issued in a moment" not in html


def _qualified(mentor, programme, coordinator, capture):
    qualify(mentor, programme)


def _not_endorsed(mentor, programme, coordinator, capture):
    qualify(mentor, programme, endorse=False)


def _past_grace_not_swept(mentor, programme, coordinator, capture):
    qualify(mentor, programme)
    with capture(execute=True):
        certificate = services.certificate_issue_if_eligible(
            mentor_id=mentor.pk, programme=programme
        )
    long_ago = timezone.localdate() - datetime.timedelta(days=900)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=long_ago, valid_until=long_ago, grace_until=long_ago
    )


def _revoked(mentor, programme, coordinator, capture, *, allow=False, new_evidence=False):
    link = qualify(mentor, programme)
    with capture(execute=True):
        certificate = services.certificate_issue_if_eligible(
            mentor_id=mentor.pk, programme=programme
        )
        services.certificate_revoke(certificate_id=certificate.pk, actor=coordinator, reason="R.")
        if allow:
            services.certificate_allow_recertification(
                certificate_id=certificate.pk, actor=coordinator, reason="D."
            )
    if new_evidence:  # approved practice dated today and a new endorsement
        for requirement in programme.competency_requirements.select_related("competency"):
            PracticeLogFactory(
                mentor=mentor,
                supervisor=link.supervisor,
                status="approved",
                duration_minutes=programme.required_minutes_total,
                session_date=timezone.localdate(),
                competencies=[requirement.competency],
            )
        Endorsement.objects.create(
            mentor=mentor,
            programme=programme,
            supervisor=link.supervisor,
            endorsed_at=timezone.now(),
        )


@pytest.mark.parametrize(
    ("prepare", "issues"),
    [
        pytest.param(_qualified, True, id="qualified"),
        pytest.param(_not_endorsed, False, id="not-endorsed"),
        # Lapsed long ago (past the re-entry window) with recent practice and endorsement: the
        # check records the lapse and re-qualifies the holder in full (docs/lifecycle.md).
        pytest.param(_past_grace_not_swept, True, id="past-grace-not-swept"),
        pytest.param(_revoked, False, id="revoked"),
        pytest.param(lambda *a: _revoked(*a, allow=True), False, id="revoked-then-allowed"),
        pytest.param(
            lambda *a: _revoked(*a, allow=True, new_evidence=True),
            True,
            id="revoked-then-allowed-with-new-evidence",
        ),
    ],
)
def test_the_promise_on_the_page_agrees_with_the_issue_path(
    client, mentor, coordinator, prepare, issues, django_capture_on_commit_callbacks
):
    programme = ProgrammeFactory(name="Certified Peer Mentor")
    prepare(mentor, programme, coordinator, django_capture_on_commit_callbacks)
    html = login(client, mentor).get(reverse("certification:my_certification")).content.decode()
    promised = "your certificate will be issued in a moment" in html
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    assert promised is issues
    assert (issued is not None) is issues
