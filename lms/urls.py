from django.contrib import admin
from django.urls import include, path

from lms.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("lms.api_urls")),
    path("api/v1/", include("assessments.api_urls")),
    path("", include("frontend.urls")),
]
