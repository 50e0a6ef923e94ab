"""Trainers submit course pages for moderation; a lead trainer approves and they publish."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses import services
from courses.roles import LEAD_TRAINERS
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db


def test_lead_trainers_can_publish_and_open_the_admin():
    group = Group.objects.get(name=LEAD_TRAINERS)
    perms = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= perms
    lead = UserFactory(role=LEAD_TRAINERS)
    assert lead.has_perm("wagtailadmin.access_admin")
    assert lead.has_perm("courses.view_enrolment")


def test_trainers_manage_the_referral_directory(trainer):
    for action in ["add", "change", "delete", "view"]:
        assert trainer.has_perm(f"cms.{action}_resource")


def test_the_workflow_is_ensured_once(course):
    course_page, _modules = course
    index = course_page.get_parent()
    first = services.course_workflow_ensure(course_index=index)
    second = services.course_workflow_ensure(course_index=index)
    assert first == second
    assert Workflow.objects.filter(name=services.COURSE_WORKFLOW_NAME).count() == 1
    assert WorkflowPage.objects.get(page=index).workflow == first
    task = GroupApprovalTask.objects.get(name=services.COURSE_WORKFLOW_TASK_NAME)
    assert list(task.groups.values_list("name", flat=True)) == [LEAD_TRAINERS]
    assert [t.specific for t in first.tasks] == [task]
    assert course_page.get_workflow() == first


def test_trainer_submits_and_lead_trainer_approves(client, course):
    course_page, modules = course
    services.course_workflow_ensure(course_index=course_page.get_parent())
    module = modules[0]
    trainer = UserFactory(role="Trainers")
    lead = UserFactory(role=["Trainers", LEAD_TRAINERS])

    client.login(username=trainer.username, password=PASSWORD)
    data = nested_form_data(
        {
            "title": "Listening, revised",
            "slug": module.slug,
            "estimated_minutes": "30",
            "body": streamfield([("heading", {"text": "Revised heading", "level": "h2"})]),
        }
    )
    data["action-submit"] = "Submit"
    response = client.post(f"/admin/pages/{module.pk}/edit/", data)
    assert response.status_code == 302
    module.refresh_from_db()
    state = module.current_workflow_state
    assert state is not None and state.workflow.name == services.COURSE_WORKFLOW_NAME
    assert module.title != "Listening, revised"  # not published yet

    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(module, trainer) == []
    assert "approve" in [name for name, _label, _modal in task.get_actions(module, lead)]

    client.logout()
    client.login(username=lead.username, password=PASSWORD)
    response = client.post(
        f"/admin/pages/workflow/action/{module.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    module.refresh_from_db()
    assert module.title == "Listening, revised"
    assert module.live
