"""Learner views: the gated module page, enrolment, completion, reflections, the dashboard.

Thin: parse input, call one service or selector, answer with a message a person can act on.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from courses import selectors, services
from courses.dashboard import render_dashboard_panels
from courses.models import CourseIndexPage, CoursePage, ModulePage


def _page_or_404(model, pk: int):
    page = model.objects.filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def _page_url(page, request) -> str:
    """The page's URL when it is published; otherwise the dashboard (never a 404 page)."""
    return (page.live and page.get_url(request)) or reverse("courses:dashboard")


def module_page_serve(request, page: ModulePage, *args, **kwargs):
    """Serve a module: previews for editors as they are; for everyone else sign-in and an
    enrolment, then either the lesson or an explanation of what opens it."""
    context = page.get_context(request, *args, **kwargs)
    if getattr(request, "is_preview", False):
        return TemplateResponse(request, page.get_template(request), {**context, "access": None})
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())

    access = selectors.module_access(learner=request.user, module=page)
    # The quiz slot and the completion check read it from the page (its own copy, this request).
    page.quiz_passed = access.quiz_passed
    context["access"] = access
    context["course"] = access.course
    context["progress"] = access.progress
    if access.state != "open":
        response = TemplateResponse(request, page.get_template(request), context, status=403)
        response["Cache-Control"] = "private, no-store"
        return response

    services.enrolment_resume_record(enrolment=access.enrolment, module=page)
    context["reflection_answers"] = access.reflection_answers
    context["next_step"] = access.progress.step_after(page.pk)
    context["completion_blockers"] = selectors.module_completion_blockers(
        learner=request.user, module=page, progress=access.progress
    )
    response = TemplateResponse(request, page.get_template(request), context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def catalogue(request):
    """/learn/: the course catalogue, wherever trainers have put it in the page tree."""
    index = CourseIndexPage.objects.live().order_by("path").first()
    if index is None:
        raise Http404
    return redirect(index.get_url(request))


@require_POST
def enrol(request, course_id: int):
    course = _page_or_404(CoursePage, course_id)
    if not request.user.is_authenticated:
        return redirect_to_login(_page_url(course, request))
    try:
        services.enrolment_create(learner=request.user, course=course)
    except services.LearningError as error:
        level = messages.INFO if error.code == "already_enrolled" else messages.ERROR
        messages.add_message(request, level, error.message)
        return redirect(_page_url(course, request))
    messages.success(
        request,
        _("You are enrolled in “%(course)s”. Start with the first module when you are ready.")
        % {"course": course.title},
    )
    return redirect(_page_url(course, request))


@require_POST
def complete(request, module_id: int):
    module = _page_or_404(ModulePage, module_id)
    if not request.user.is_authenticated:
        return redirect_to_login(_page_url(module, request))
    try:
        outcome = services.module_complete(learner=request.user, module=module)
    except services.LearningError as error:
        messages.error(request, error.message)
        return redirect(_page_url(module, request))
    course = module.get_parent().specific
    if not outcome.created:
        messages.info(
            request, _("You had already completed “%(module)s”.") % {"module": module.title}
        )
        return redirect(module.get_url(request))
    if outcome.course_completed:
        messages.success(
            request,
            _("Well done: you have completed every module of “%(course)s”.")
            % {"course": course.title},
        )
        return redirect(course.get_url(request))
    progress = selectors.course_progress(course=course, learner=request.user)
    next_step = progress.next_step
    messages.success(
        request,
        _("“%(module)s” is complete: %(done)d of %(total)d modules done.")
        % {"module": module.title, "done": progress.completed_count, "total": progress.total},
    )
    if next_step is not None:
        return redirect(next_step.module.get_url(request))
    return redirect(course.get_url(request))


@require_POST
def reflection_save(request, module_id: int, block_id: str):
    module = _page_or_404(ModulePage, module_id)
    if not request.user.is_authenticated:
        return redirect_to_login(_page_url(module, request))
    try:
        answer = services.reflection_save(
            learner=request.user,
            module=module,
            block_id=block_id,
            text=request.POST.get("text", ""),
        )
    except services.LearningError as error:
        messages.error(request, error.message)
        if not module.live:
            return redirect("courses:dashboard")
        return redirect(f"{module.get_url(request)}#reflection-{block_id}")
    messages.success(request, _("Your reflection is saved. Only you can see it."))
    return redirect(f"{module.get_url(request)}#reflection-{answer.block_id}")


@login_required
@require_GET
@never_cache
def reflection_detail(request, pk: int):
    answer = selectors.reflection_answer_get(learner=request.user, pk=pk)
    return render(request, "courses/reflection_detail.html", {"answer": answer})


@login_required
@require_GET
@never_cache
def reflection_list(request):
    return render(
        request,
        "courses/reflection_list.html",
        {"answers": selectors.reflection_answers_list(learner=request.user)},
    )


@login_required
@require_GET
@never_cache
def dashboard(request):
    context = selectors.learner_dashboard(learner=request.user)
    context["panels"] = render_dashboard_panels(request)
    return render(request, "courses/dashboard.html", context)
