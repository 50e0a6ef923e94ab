"""OpenAPI schema hooks: publish only our versioned API, not Wagtail's internal admin API."""


def public_api_only(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
