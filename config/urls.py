from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as wagtail_serve

from home import signin
from home import views as home_views
from home.health import healthz
from records import views as records_views

handler500 = "home.views.server_error"

urlpatterns = [
    # Wagtail's own sign-in and password reset views, with the lockout and
    # limits in home/signin.py; they come first so they answer these addresses.
    path("admin/login/", signin.SignInView.as_view(), name="wagtailadmin_login"),
    path("admin/password_reset/", signin.ThrottledPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path("updates/", include("updates.urls")),
    path("check/", records_views.status_check, name="status_check"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg", permanent=True)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail serves only paths ending in "/"; this lets a routable page also
    # answer a file name under it, e.g. /involvement-figures/figures.csv (the
    # page sees its route as "figures.csv/"), with Wagtail's privacy checks.
    re_path(r"^((?:[\w\-]+/)+[\w\-]+\.csv)$", wagtail_serve, name="wagtail_serve_file"),
    path("", include(wagtail_urls)),
]
