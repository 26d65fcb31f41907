"""Published credentials: the revocation list, achievements, Open Badges downloads."""

from django.urls import path, re_path

from frontend.views import credentials

urlpatterns = [
    # Stable URL: every credential issued points here (certification.status_list.PATH).
    path(
        "credentials/status/1",
        credentials.status_list_credential,
        name="credentials_status_list",
    ),
    path(
        "credentials/achievements/<str:course_code>",
        credentials.achievement,
        name="credentials_achievement",
    ),
    re_path(
        r"^certificates/(?P<serial>[0-9a-f]{32})/openbadge\.jwt$",
        credentials.openbadge,
        name="certificate_openbadge",
    ),
]
