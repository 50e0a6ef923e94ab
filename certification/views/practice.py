"""Mentor pages for supervised practice: list, create, edit, submit, withdraw. Own logs only."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certification import selectors, services
from certification.forms import PracticeLogForm
from certification.models import PracticeLog
from certification.permissions import practice_log_policy
from cms.errors import add_service_errors


def mentor_required(view):
    """Signed-in mentors only: anonymous users go to sign in, other roles get a 403."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not practice_log_policy().user_has_permission(request.user, "write_own"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _own_log(request, pk: int) -> PracticeLog:
    log = selectors.practice_log_for_mentor(mentor=request.user, pk=pk)
    if log is None:
        raise Http404
    return log


def _save_form(request, form, *, log, save, success_message):
    """Validate the form, call the service; on success redirect to the log, else re-render."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success_message)
            return redirect("certification:practice_log_detail", pk=saved.pk)
    return render(request, "certification/practice_log_form.html", {"form": form, "log": log})


@mentor_required
def practice_log_list(request):
    """The mentor's own logs and their approved minutes per competency."""
    minutes = selectors.practice_minutes_by_competency(mentor=request.user)
    required = selectors.competency_minutes_required()
    programme = selectors.programme_default() if required else None
    rows = []
    for row in minutes:
        needed = required.get(row["competency"].pk)
        percent = min(row["minutes"] * 100 // needed, 100) if needed else None
        rows.append({**row, "required": needed, "percent": percent})
    return render(
        request,
        "certification/practice_log_list.html",
        {
            "logs": selectors.practice_logs_for_mentor(mentor=request.user),
            "minutes_by_competency": rows,
            "programme": programme,
            "approved_total": selectors.practice_minutes_total(mentor=request.user),
        },
    )


@mentor_required
def practice_log_create(request):
    return _save_form(
        request,
        PracticeLogForm(request.POST or None),
        log=None,
        save=partial(services.practice_log_create, mentor=request.user),
        success_message=_("Draft saved. Submit it when you are ready."),
    )


@mentor_required
def practice_log_detail(request, pk: int):
    log = _own_log(request, pk)
    return render(
        request,
        "certification/practice_log_detail.html",
        {
            "log": log,
            "events": log.events.select_related("actor"),
            "review_blocked": selectors.practice_log_review_blocked(
                log=log, on=timezone.localdate()
            ),
        },
    )


@mentor_required
def practice_log_edit(request, pk: int):
    log = _own_log(request, pk)
    if not log.is_editable:
        messages.info(request, _("This log can no longer be edited."))
        return redirect("certification:practice_log_detail", pk=log.pk)
    return _save_form(
        request,
        PracticeLogForm(request.POST or None, initial=PracticeLogForm.initial_from(log)),
        log=log,
        save=partial(services.practice_log_update, log=log, actor=request.user),
        success_message=_("Changes saved."),
    )


@require_POST
@mentor_required
def practice_log_submit(request, pk: int):
    log = _own_log(request, pk)
    try:
        services.practice_log_submit(log=log, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Submitted to your supervisor for review."))
    return redirect("certification:practice_log_detail", pk=log.pk)


@require_POST
@mentor_required
def practice_log_withdraw(request, pk: int):
    log = _own_log(request, pk)
    try:
        services.practice_log_withdraw(log=log, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Withdrawn. It is a draft again: submit it to your current supervisor.")
        )
    return redirect("certification:practice_log_detail", pk=log.pk)
