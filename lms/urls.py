from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from lms.health import healthz

# Swagger UI sets style attributes from its script: the documentation page alone
# allows inline styles (never inline scripts); its files are our own static files.
api_docs = csp_override({**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api_schema")
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", api_docs, name="api_docs"),
    path("api/v1/", include("lms.api_urls")),
    path("api/v1/", include("assessments.api_urls")),
    path("", include("frontend.urls")),
]

# Under /api/ errors are RFC 9457 problems; elsewhere Django's pages.
handler400 = "lms.api.bad_request"
handler404 = "lms.api.not_found"
handler500 = "lms.api.server_error"
