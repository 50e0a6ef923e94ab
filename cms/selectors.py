"""Reads owned by the site app: health checks and the referral directory."""

from django.core.cache import cache
from django.db import connection
from django_q.brokers import get_broker
from django_q.conf import Conf
from wagtail.models import Site

from cms.models import OrganisationSettings, Resource, ResourceDirectoryPage, language_name


def health_status() -> dict:
    """Database and task-queue checks for /healthz. Each check is ok or carries its error."""
    checks: dict[str, dict] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"status": "ok", "vendor": connection.vendor}
    except Exception as error:  # any driver error means the database is unusable
        checks["database"] = {"status": "error", "error": error.__class__.__name__}
    try:
        broker = get_broker()
        if not broker.ping():
            raise ConnectionError("broker did not answer")
        checks["task_queue"] = {
            "status": "ok",
            "broker": broker.info(),
            "queued": broker.queue_size(),
            "sync": bool(Conf.SYNC),
        }
    except Exception as error:  # ORM broker errors surface from queue_size()
        checks["task_queue"] = {"status": "error", "error": error.__class__.__name__}
    healthy = all(check["status"] == "ok" for check in checks.values())
    return {"status": "ok" if healthy else "error", "checks": checks}


def resource_directory(*, category: str = "", language: str = "") -> dict:
    """The directory listing, filtered by category and language (unknown values are ignored
    and reported, so a mistyped link still shows the whole directory rather than an error)."""
    all_languages: set[str] = set()
    for codes in Resource.objects.values_list("languages", flat=True):
        all_languages.update(code for code in codes.split(",") if code)
    language_choices = sorted(
        ((code, language_name(code)) for code in all_languages), key=lambda item: item[1]
    )

    ignored = []
    resources = Resource.objects.all()
    if category:
        if category in Resource.Category.values:
            resources = resources.filter(category=category)
        else:
            ignored.append("category")
            category = ""
    if language:
        language = language.strip().lower()
        if language in all_languages:
            resources = resources.in_language(language)
        else:
            ignored.append("language")
            language = ""

    resources = list(resources)
    order = {value: position for position, value in enumerate(Resource.Category.values)}
    resources.sort(key=lambda resource: (order[resource.category], resource.name.lower()))
    groups = []
    for resource in resources:
        if not groups or groups[-1]["category"] != resource.category:
            groups.append(
                {
                    "category": resource.category,
                    "label": resource.get_category_display(),
                    "resources": [],
                }
            )
        groups[-1]["resources"].append(resource)
    return {
        "resources": resources,
        "resource_groups": groups,
        "category_choices": Resource.Category.choices,
        "language_choices": language_choices,
        "selected_category": category,
        "selected_language": language,
        "ignored_filters": ignored,
        "is_filtered": bool(category or language),
    }


def crisis_resources() -> list:
    """Crisis lines and emergency numbers for the "Get help now" page, real ones first."""
    return list(
        Resource.objects.filter(
            category__in=[Resource.Category.EMERGENCY, Resource.Category.CRISIS_LINE]
        ).order_by("is_example", "category", "name")
    )


RESOURCE_CACHE_KEY = "cms:resources-by-category:v1"
RESOURCE_CACHE_SECONDS = 300


def _resources_by_category() -> dict[str, list[Resource]]:
    """Every resource grouped by category, real services first. Cached: modules list them
    on every view, and they change rarely (saving or deleting one clears the cache)."""
    grouped = cache.get(RESOURCE_CACHE_KEY)
    if grouped is None:
        grouped = {}
        for resource in Resource.objects.order_by("is_example", "name"):
            grouped.setdefault(resource.category, []).append(resource)
        cache.set(RESOURCE_CACHE_KEY, grouped, RESOURCE_CACHE_SECONDS)
    return grouped


def resources_cache_clear() -> None:
    cache.delete(RESOURCE_CACHE_KEY)


def resources_in_categories(*, categories: list[str]) -> dict[str, list]:
    """Resources of the given categories, grouped by category (at most one query)."""
    if not categories:
        return {}
    grouped = _resources_by_category()
    return {category: list(grouped.get(category, [])) for category in categories}


def resource_directory_url(*, request=None) -> str | None:
    """The URL of the live referral directory page, if there is one."""
    page = ResourceDirectoryPage.objects.live().first()
    return page.get_url(request) if page else None


def organisation_settings() -> OrganisationSettings:
    """The organisation's settings for the default site (its defaults when there is no site):
    what e-mails, certificates and credentials name as the organisation, and its logo."""
    site = Site.objects.filter(is_default_site=True).first()
    return OrganisationSettings.for_site(site) if site else OrganisationSettings()


def organisation_name() -> str:
    return organisation_settings().organisation_name
