from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import views as core_views
from core.throttling import ThrottledPasswordResetView
from directory import languages
from directory import views as directory_views
from directory.sitemaps import SITEMAPS
from portal import accounts, invitations

admin.site.site_header = _("Latvian Cluster Network administration")
admin.site.site_title = _("LCN administration")
admin.site.index_title = _("Directory and contacts")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:language>/", languages.switch_language, name="switch-language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", directory_views.robots_txt, name="robots-txt"),
    path("favicon.ico", directory_views.favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
] + i18n_patterns(
    # Latvian at the plain addresses, English under /en/; the URL names are the same in both.
    path("admin/invitations/", invitations.invitations, name="staff-invitations"),
    # Before the admin's own log-in URL, which it replaces: see accounts.admin_login.
    path("admin/login/", accounts.admin_login),
    path("admin/", admin.site.urls),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path(
        "accounts/reset/<uidb64>/<token>/", accounts.SetPasswordView.as_view(), name="password_reset_confirm"
    ),
    path("accounts/password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("programmes/", include("programmes.urls")),
    path("portal/", include("portal.urls")),
    path("reports/", include("reports.urls")),
    path("", include("directory.urls")),
    prefix_default_language=False,
)

handler500 = "core.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
