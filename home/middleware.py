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
