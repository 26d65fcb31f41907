from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from lms.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/v1/", include("lms.api_urls")),
    path("api/v1/", include("assessments.api_urls")),
    path("", include("frontend.urls")),
]

# Under /api/ errors are RFC 9457 problems; elsewhere Django's pages.
handler404 = "lms.api.not_found"
handler500 = "lms.api.server_error"
