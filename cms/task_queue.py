"""Work the task queue should have done and has not: failed tasks and stuck work.

The broker retries a failed task up to ``max_attempts`` (docs/operations.md). What is still
not done after that (a PDF still pending, an e-mail never sent because the task was lost or
gave up) is "stuck work". Each app that sends work through the queue says what of its own can
get stuck in its ``requeue`` module, found here through the app registry:

- ``stuck(*, at) -> list[StuckWork]``: what is stuck now (read only);
- ``requeue_stuck(*, at) -> int``: the scheduled sweep, which queues it again (idempotent);
- ``ACTIONS``: ``{kind: service(*, pk, at) -> bool}`` a coordinator may run on one item.

The rules "stuck for how long" and "recent enough to matter" are the two constants below.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django_q.conf import Conf
from django_q.models import Failure, OrmQ

# Work not done this long after it was due is stuck: longer than a task's first run plus its
# retries take (Q_CLUSTER retry 180 s, max_attempts 3), so the sweep never races the broker.
STUCK_AFTER = timedelta(minutes=15)
# A notification older than this is news no longer: the sweep lets it be (the report shows it).
RECENT = timedelta(days=7)

MODULE = "requeue"


@dataclass(frozen=True)
class StuckWork:
    """One piece of work not done: what (``kind``), which row (``pk``), since when."""

    kind: str
    kind_label: str
    pk: int
    description: str
    since: datetime
    url: str = ""
    can_requeue: bool = False


def contributors() -> list[ModuleType]:
    """Every app's ``requeue`` module, in INSTALLED_APPS order."""
    return [
        import_module(f"{app_config.name}.{MODULE}")
        for app_config in apps.get_app_configs()
        if module_has_submodule(app_config.module, MODULE)
    ]


def stuck_work(*, at: datetime | None = None) -> list[StuckWork]:
    """Everything stuck now, in every app, the longest-waiting first."""
    at = at or timezone.now()
    items = [item for module in contributors() for item in module.stuck(at=at)]
    return sorted(items, key=lambda item: (item.since, item.kind, item.pk))


def requeue_one(*, kind: str, pk: int, at: datetime | None = None) -> bool:
    """Queue one stuck item again (a coordinator's action); False when it is not stuck."""
    at = at or timezone.now()
    for module in contributors():
        action = getattr(module, "ACTIONS", {}).get(kind)
        if action is not None:
            return action(pk=pk, at=at)
    raise LookupError(kind)


def failed_tasks(*, limit: int = 200):
    """Tasks whose last run failed, the latest first: after ``max_attempts`` runs the broker
    gives up on them (a task still being retried shows here between its runs)."""
    return Failure.objects.order_by("-stopped")[:limit]


def queued_kwargs(func: str) -> list[dict]:
    """The keyword arguments of every task for ``func`` still with the ORM broker (waiting, or
    taken and not yet acknowledged), so a sweep does not queue the same work twice. The Redis
    broker cannot be read without taking the tasks: there the sweep relies on the tasks
    being idempotent."""
    if not Conf.ORM or Conf.SYNC:
        return []
    found = []
    for package in OrmQ.objects.using(Conf.ORM).filter(key=Conf.CLUSTER_NAME).only("payload"):
        if package.func() == func:
            found.append(package.kwargs() or {})
    return found


def queued_ids(func: str, key: str) -> set[int]:
    """``queued_kwargs`` reduced to one id argument, e.g. the certificates being rendered."""
    return {kwargs[key] for kwargs in queued_kwargs(func) if key in kwargs}
