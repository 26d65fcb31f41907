"""The progress every background job shows (imports, exports, certificate batches)."""

import pytest

from certification.models import CertificateBatch
from programs.jobs import JobStatus, job_progress
from programs.models import MunicipalityImport
from reporting.models import ReportExport

KINDS_OF_JOB = [MunicipalityImport, ReportExport, CertificateBatch]


@pytest.mark.parametrize("model", KINDS_OF_JOB)
def test_a_running_job_reads_done_of_total(model):
    progress = job_progress(model(status=JobStatus.RUNNING, total=40, done=10))

    assert (progress.done, progress.total, progress.percent, progress.finished) == (
        10,
        40,
        25,
        False,
    )


@pytest.mark.parametrize("model", KINDS_OF_JOB)
def test_a_job_without_a_count_yet_is_at_zero(model):
    progress = job_progress(model(status=JobStatus.QUEUED))

    assert (progress.percent, progress.finished) == (0, False)


@pytest.mark.parametrize("model", KINDS_OF_JOB)
def test_a_finished_job_is_at_100_and_a_failed_one_where_it_stopped(model):
    assert job_progress(model(status=JobStatus.DONE, total=0, done=0)).percent == 100
    failed = job_progress(model(status=JobStatus.FAILED, total=40, done=10))
    assert (failed.percent, failed.finished) == (25, True)


def test_more_done_than_the_estimate_stays_at_100():
    progress = job_progress(ReportExport(status=JobStatus.RUNNING, total=10, done=12))

    assert progress.percent == 100
