from django.urls import path

from frontend.views import packages

urlpatterns = [
    path("packages/", packages.package_list, name="packages"),
    path("packages/import/", packages.package_import, name="package_import"),
    path(
        "packages/courses/<id:course_id>/export.zip",
        packages.package_export,
        name="package_export",
    ),
]
