"""Reports → Failed and stuck work: what the task queue did not get done, for coordinators.

Two kinds of rows: tasks whose last run failed (the broker gives up after ``max_attempts``),
and stuck work each app declares in its ``requeue`` module (cms/task_queue.py). A stuck
certificate PDF can be queued again from here; the sweep does the rest every 15 minutes.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from cms import task_queue
from cms.roles import COORDINATORS, user_has_role


def can_see_stuck_work(user) -> bool:
    """Coordinators and superusers (who hold every role)."""
    return bool(user and user.is_active and user_has_role(user, COORDINATORS))


def _error_line(result) -> str:
    """The error a failed task ended with, without its traceback."""
    text = str(result or "")
    return text.split(" : Traceback", 1)[0].strip()[:300]


@dataclass(frozen=True)
class Row:
    what: str
    item: str
    url: str
    since: datetime.datetime
    attempts: int | None
    error: str
    requeue: tuple[str, int] | None = None


def rows(*, at: datetime.datetime | None = None) -> list[Row]:
    """Failed tasks (latest first), then stuck work (longest waiting first)."""
    at = at or timezone.now()
    failed = [
        Row(
            what=_("Failed task"),
            item=f"{task.name} ({task.func})",
            url="",
            since=task.stopped,
            attempts=task.attempt_count,
            error=_error_line(task.result),
        )
        for task in task_queue.failed_tasks()
    ]
    stuck = [
        Row(
            what=str(item.kind_label),
            item=item.description,
            url=item.url,
            since=item.since,
            attempts=None,
            error="",
            requeue=(item.kind, item.pk) if item.can_requeue else None,
        )
        for item in task_queue.stuck_work(at=at)
    ]
    return failed + stuck


class StuckWorkReportView(ReportView):
    page_title = gettext_lazy("Failed and stuck work")
    header_icon = "warning"
    index_url_name = "stuck_work_report"
    index_results_url_name = "stuck_work_report_results"
    filename_prefix = "failed-and-stuck-work"
    paginate_by = 100
    results_template_name = "cms/admin/stuck_work_results.html"
    columns = [
        Column("what", label=gettext_lazy("What")),
        Column("item_html", label=gettext_lazy("Item")),
        Column("since", label=gettext_lazy("Since")),
        Column("attempts", label=gettext_lazy("Runs")),
        Column("error", label=gettext_lazy("Last error")),
        Column("action_html", label=gettext_lazy("Action")),
    ]
    list_export = ["what", "item", "since", "attempts", "error"]
    export_headings = {
        "what": gettext_lazy("What"),
        "item": gettext_lazy("Item"),
        "since": gettext_lazy("Since"),
        "attempts": gettext_lazy("Runs"),
        "error": gettext_lazy("Last error"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_stuck_work(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return [self._with_html(row) for row in rows()]

    def get_filename(self):
        return f"{self.filename_prefix}-{datetime.date.today():%Y-%m-%d}"

    def _with_html(self, row: Row) -> dict:
        """The row as a dict, with its item linked and its re-queue form (CSRF token in it)."""
        item_html = format_html('<a href="{}">{}</a>', row.url, row.item) if row.url else row.item
        action_html = ""
        if row.requeue:
            kind, pk = row.requeue
            action_html = format_html(
                '<form method="post" action="{}">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<input type="hidden" name="kind" value="{}">'
                '<input type="hidden" name="pk" value="{}">'
                '<button type="submit" class="button button-small button-secondary">'
                '{}<span class="w-sr-only"> {}</span></button></form>',
                reverse("stuck_work_requeue"),
                get_token(self.request),
                kind,
                pk,
                _("Re-queue"),
                row.item,
            )
        return {**row.__dict__, "item_html": item_html, "action_html": action_html}


class StuckWorkRequeueView(View):
    """POST: queue one stuck item again (CSRF-protected by the middleware)."""

    http_method_names = ["post"]

    def post(self, request):
        if not can_see_stuck_work(request.user):
            raise PermissionDenied
        kind = request.POST.get("kind", "")
        try:
            pk = int(request.POST.get("pk", ""))
            queued = task_queue.requeue_one(kind=kind, pk=pk)
        except (ValueError, LookupError):
            messages.error(request, _("That item cannot be re-queued. Reload the report."))
            return redirect("stuck_work_report")
        if queued:
            messages.success(
                request, _("Queued again. The report updates once a worker has run it.")
            )
        else:
            messages.warning(
                request,
                _("Nothing to do: it is no longer stuck, or it is already waiting in the queue."),
            )
        return redirect("stuck_work_report")
