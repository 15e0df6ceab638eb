from django.conf import settings
from django.utils.cache import patch_cache_control


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy, which Django has no setting for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PublicCacheHeadersMiddleware:
    """Lets browsers and proxies keep anonymous public pages for a short
    while (fewer bytes for people on pay-as-you-go data, less load), without
    touching anything a view already decided: form pages mark themselves
    never_cache, and the admin, logged-in visitors and responses that set a
    cookie are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.is_cacheable(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
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
