from functools import partial

from csp.constants import HEADER as CSP_HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.utils.functional import SimpleLazyObject

from home.cache import site_for_request


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy plus Permissions-Policy (which
    Django has no setting for), with both headers built once at start-up:
    django-csp builds the policy twice on every response, which cost more
    than a cached page. A response that uses a nonce or a per-view policy
    (csp decorators) still gets django-csp's own handling."""

    def __init__(self, get_response):
        super().__init__(get_response)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        self.csp_header = build_policy()
        self.csp_excluded_prefixes = tuple(policy.get("EXCLUDE_URL_PREFIXES") or ())
        self.report_only = bool(getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None))
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def process_response(self, request, response):
        response.setdefault("Permissions-Policy", self.permissions_policy)
        if not self.is_plain(request, response):
            return super().process_response(request, response)
        if CSP_HEADER not in response and not request.path_info.startswith(self.csp_excluded_prefixes):
            response[CSP_HEADER] = self.csp_header
        # Later use of the nonce must fail loudly, as django-csp arranges.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def is_plain(self, request, response):
        return not (
            self.report_only
            or getattr(request, "_csp_nonce", None)
            or getattr(response, "_csp_exempt", False)
            or any(getattr(response, attribute, None) for attribute in ("_csp_config", "_csp_update", "_csp_replace"))
            or (settings.DEBUG and response.status_code in (404, 500))
        )


class CurrentSiteMiddleware:
    """Finds the Wagtail site for the request in the shared cache (home/cache.py),
    so that Site.find_for_request, routing and settings run no site query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            # Lazy, like request.user: views that never ask for the site
            # (the status check, static pages of the admin) pay nothing.
            request._wagtail_site = SimpleLazyObject(partial(site_for_request, request))
        return self.get_response(request)


class PublicCacheHeadersMiddleware:
    """Lets browsers and proxies keep anonymous public pages for a short
    while (fewer bytes for people on pay-as-you-go data, less load), without
    touching anything a view already decided: form pages mark themselves
    never_cache, and the admin, logged-in visitors and responses that set a
    cookie are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Built once: the response has no Cache-Control yet when it is set.
        self.cache_control = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"

    def __call__(self, request):
        response = self.get_response(request)
        if self.is_cacheable(request, response):
            response["Cache-Control"] = self.cache_control
        return response

    @staticmethod
    def is_cacheable(request, response):
        user = getattr(request, "user", None)
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Cache-Control")
            and not response.cookies
            and not request.path.startswith(("/admin/", "/healthz"))
            and (user is None or user.is_anonymous)
        )


# Where SessionBase.set_expiry keeps its value in the session's data.
SESSION_EXPIRY_KEY = "_session_expiry"


class SessionLifetimeMiddleware:
    """How long a session lasts, decided on every response.

    - Staff (anyone signed in): the cookie ends when the browser closes, and
      the session ends on the server after SESSION_COOKIE_AGE without a
      request (marking the session changed saves it, so each request starts
      the idle clock again). This overrides Wagtail's "Remember me".
    - Anonymous visitors only ever have a session for a moment, to see their
      reference once on the confirmation page: it lasts
      ANONYMOUS_SESSION_SECONDS, so a shared computer at the Hub or a library
      does not carry one person's session to the next.

    Goes after AuthenticationMiddleware, so its response passes here before
    SessionMiddleware saves the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        if not set(session.keys()) - {SESSION_EXPIRY_KEY}:
            # Nothing left in it (the reference was shown): end it now rather
            # than keep an empty session alive.
            session.flush()
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session.set_expiry(0)
        else:
            session.set_expiry(settings.ANONYMOUS_SESSION_SECONDS)
        return response
