"""Reports → Failed and stuck work: what the task queue did not get done, for coordinators.

Two kinds of rows: tasks whose last run failed (the broker gives up after ``max_attempts``),
and stuck work each app declares in its ``requeue`` module (cms/task_queue.py). A stuck
certificate PDF can be queued again from here; the sweep does the rest every 15 minutes.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView

from cms import task_queue, throttle
from cms.permissions import sign_in_lockouts_policy, stuck_work_policy


def report_urls(route: str, view_class, name: str) -> list:
    """A Wagtail report's two URLs: its page and the results fragment that its filters and
    pagination reload (``index_url_name`` and ``index_results_url_name`` on the view)."""
    return [
        path(route, view_class.as_view(), name=name),
        path(f"{route}results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]


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
    index_url_name = "cms_admin:stuck_work_report"
    index_results_url_name = "cms_admin:stuck_work_report_results"
    permission_policy = stuck_work_policy
    permission_required = "view"
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
                reverse("cms_admin:stuck_work_requeue"),
                get_token(self.request),
                kind,
                pk,
                _("Re-queue"),
                row.item,
            )
        return {**row.__dict__, "item_html": item_html, "action_html": action_html}


class StuckWorkRequeueView(PermissionCheckedMixin, View):
    """POST: queue one stuck item again (CSRF-protected by the middleware)."""

    http_method_names = ["post"]
    permission_policy = stuck_work_policy
    permission_required = "change"

    def post(self, request):
        kind = request.POST.get("kind", "")
        try:
            pk = int(request.POST.get("pk", ""))
            queued = task_queue.requeue_one(kind=kind, pk=pk)
        except (ValueError, LookupError):
            messages.error(request, _("That item cannot be re-queued. Reload the report."))
            return redirect("cms_admin:stuck_work_report")
        if queued:
            messages.success(
                request, _("Queued again. The report updates once a worker has run it.")
            )
        else:
            messages.warning(
                request,
                _("Nothing to do: it is no longer stuck, or it is already waiting in the queue."),
            )
        return redirect("cms_admin:stuck_work_report")


# --- Reports → Sign-in lockouts (cms/throttle.py) --------------------------------------------


class SignInLockoutsReportView(ReportView):
    """Accounts and addresses with failed sign-ins still counting; a locked one can be cleared."""

    page_title = gettext_lazy("Sign-in lockouts")
    header_icon = "lock"
    index_url_name = "cms_admin:sign_in_lockouts"
    index_results_url_name = "cms_admin:sign_in_lockouts_results"
    permission_policy = sign_in_lockouts_policy
    permission_required = "view"
    paginate_by = 100
    results_template_name = "cms/admin/sign_in_lockouts_results.html"
    columns = [
        Column("kind_label", label=gettext_lazy("Locked by")),
        Column("key", label=gettext_lazy("Account or address")),
        Column("failures_label", label=gettext_lazy("Failed sign-ins")),
        Column("state", label=gettext_lazy("State")),
        Column("last_failure", label=gettext_lazy("Last failure")),
        Column("action_html", label=gettext_lazy("Action")),
    ]
    list_export = []

    def get_queryset(self):
        return [self._with_html(row) for row in throttle.sign_in_lockouts()]

    def _with_html(self, row: dict) -> dict:
        kind_label = _("Account") if row["kind"] == "account" else _("Address")
        until = timezone.localtime(row["until"])
        state = (
            _("Locked until %(time)s") % {"time": f"{until:%H:%M}"}
            if row["locked"]
            else _("Not locked")
        )
        action_html = format_html(
            '<form method="post" action="{}">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="kind" value="{}">'
            '<input type="hidden" name="key" value="{}">'
            '<button type="submit" class="button button-small button-secondary">'
            '{}<span class="w-sr-only"> {}</span></button></form>',
            reverse("cms_admin:sign_in_lockouts_clear"),
            get_token(self.request),
            row["kind"],
            row["key"],
            _("Clear"),
            row["key"],
        )
        return {
            **row,
            "kind_label": kind_label,
            "failures_label": f"{row['failures']} / {row['limit']}",
            "state": state,
            "action_html": action_html,
        }


class SignInLockoutsClearView(PermissionCheckedMixin, View):
    """POST: forget the failed sign-ins of one account or one address."""

    http_method_names = ["post"]
    permission_policy = sign_in_lockouts_policy
    permission_required = "delete"

    def post(self, request):
        kind = request.POST.get("kind", "")
        key = request.POST.get("key", "").strip()
        if kind not in ("account", "address") or not key:
            messages.error(request, _("Nothing to clear. Reload the report."))
            return redirect("cms_admin:sign_in_lockouts")
        if kind == "account":
            throttle.sign_in_failures_clear(username=key)
            throttle.lockout_cleared_audit(username=key, actor=request.user)
        else:
            throttle.sign_in_failures_clear(address=key)
        messages.success(request, _("Cleared: %(key)s can sign in again.") % {"key": key})
        return redirect("cms_admin:sign_in_lockouts")
