"""Programme managers' certificate pages: a run's certificates, batches and their progress."""

from django.urls import path

from frontend.views import certificates

urlpatterns = [
    path(
        "manage/runs/<id:run_id>/certificates/",
        certificates.run_certificates,
        name="manage_run_certificates",
    ),
    path(
        "manage/runs/<id:run_id>/certificates/batches/",
        certificates.batch_request,
        name="manage_certificate_batch_request",
    ),
    path(
        "manage/certificates/<id:certificate_id>/pdf/",
        certificates.certificate_pdf,
        name="manage_certificate_pdf",
    ),
    path(
        "manage/certificates/<id:certificate_id>/revoke/",
        certificates.certificate_revoke,
        name="manage_certificate_revoke",
    ),
    path(
        "manage/certificates/<id:certificate_id>/reissue/",
        certificates.certificate_reissue,
        name="manage_certificate_reissue",
    ),
    path(
        "manage/certificate-batches/<id:batch_id>/",
        certificates.batch_detail,
        name="manage_certificate_batch",
    ),
    path(
        "manage/certificate-batches/<id:batch_id>/progress.json",
        certificates.batch_progress,
        name="manage_certificate_batch_progress",
    ),
    path(
        "manage/certificate-batches/<id:batch_id>/archive/",
        certificates.batch_archive,
        name="manage_certificate_batch_archive",
    ),
]
