"""Per-address rate limits for the public forms and the status check.

Counts live in the cache (Redis in production, shared by every app server),
never in the database, so an anonymous suggestion leaves no address behind.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django_ratelimit import ALL
from django_ratelimit.core import get_usage, is_ratelimited

DEFAULT_RATES = {
    # People at the Hub or a library share one address, so the limit is
    # generous for people and still stops a script.
    "submission": "10/10m",
    "status-check": "20/10m",
}


def rate_for(group):
    return getattr(settings, "SUI_RATE_LIMITS", {}).get(group, DEFAULT_RATES[group])


def over_limit(request, group):
    """Count this request against the address's limit for `group`; True when over."""
    return is_ratelimited(request, group=group, key="ip", rate=rate_for(group), method=ALL, increment=True)


def limit_reached(request, group):
    """True when the address has used its whole allowance for `group`.
    Counts nothing: see count_against_limit."""
    usage = get_usage(request, group=group, key="ip", rate=rate_for(group), method=ALL, increment=False)
    # No usage means rate limiting is switched off; a cache failure comes back
    # as should_limit (refused), as over_limit does.
    return usage is not None and (usage["should_limit"] or usage["count"] >= usage["limit"])


def count_against_limit(request, group):
    """Use up one of the address's allowance for `group`."""
    get_usage(request, group=group, key="ip", rate=rate_for(group), method=ALL, increment=True)


def rate_limited_response(request, template="429.html", context=None):
    """The answer to a request over its limit: a page saying to wait and
    try again later, and the other ways to get in touch."""
    return TemplateResponse(request, template, context, status=429)
