"""Work over a whole course run's certificates: bulk issuance and the ZIP of its PDFs.

A `CertificateBatch` is requested by a programme manager and run by a thin
Celery task. The batch row is the progress a page reads: the work goes in
named steps (`STEP` items), each step's counts committed in a small
transaction of their own. Requesting while a batch of the same kind is queued
or running returns that batch (a partial unique constraint backs the lock).
Running is idempotent: a finished batch does nothing; an issuing batch
interrupted half-way continues after its cursor; a ZIP is built again whole.

Also here: the managers' reads of a run's certificates (access-checked getters,
the paginated list, the count of officials eligible but not yet certified).
"""

import datetime
import logging
import re
import tempfile
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from certification import codes, pdf, services
from certification.models import Certificate, CertificateBatch
from courses.models import CourseRun, Enrolment
from programs import selectors as programs_selectors
from programs.jobs import job_claim, job_is_stale, job_save
from programs.models import User

# Items between two progress writes: small enough for a lively bar, large
# enough that the writes cost little next to signing and rendering.
STEP = 10
# Batches listed on the run's certificates page.
RECENT_BATCHES = 5

logger = logging.getLogger(__name__)


# --- Access-checked getters ------------------------------------------------------


def course_runs_managed_by(user: User) -> QuerySet[CourseRun]:
    """Runs of the programmes the person manages (administrators: all); not tutors' runs."""
    if not user.is_authenticated:
        return CourseRun.objects.none()
    managed = programs_selectors.programmes_managed_by(user).values("pk")
    return CourseRun.objects.filter(programme__in=managed)


def course_run_get_for_manager(user: User, course_run_id: int) -> CourseRun | None:
    return (
        course_runs_managed_by(user)
        .select_related("course", "programme")
        .filter(pk=course_run_id)
        .first()
    )


def certificate_get_for_manager(user: User, certificate_id: int) -> Certificate | None:
    return (
        Certificate.objects.select_related(
            "enrolment__user",
            "enrolment__municipality",
            "enrolment__course_run__course",
            "enrolment__course_run__programme",
            "signing_key",
        )
        .filter(pk=certificate_id, enrolment__course_run__in=course_runs_managed_by(user))
        .first()
    )


def batch_get_for_manager(user: User, batch_id: int) -> CertificateBatch | None:
    return (
        CertificateBatch.objects.select_related("course_run__course", "course_run__programme")
        .filter(pk=batch_id, course_run__in=course_runs_managed_by(user))
        .first()
    )


# --- Reads for the run's certificate page ---------------------------------------


def certificates_of_run(
    course_run: CourseRun, *, search: str = "", status: str = ""
) -> QuerySet[Certificate]:
    """The run's certificates, newest first; `search` matches the printed name or the code."""
    queryset = (
        Certificate.objects.filter(enrolment__course_run=course_run)
        .select_related("enrolment__municipality", "superseded_by")
        .defer("signed_payload")
        .order_by("-issued_at", "-pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    search = search.strip()
    if search:
        match = Q(name_printed__icontains=search)
        code = codes.short_code_normalise(search)
        partial = re.sub(r"[\s-]", "", search).upper()
        if code:
            match |= Q(short_code=code)
        elif partial and len(partial) >= 4:
            match |= Q(short_code__contains=partial)
        queryset = queryset.filter(match)
    return queryset


def certificate_counts(course_run: CourseRun) -> dict[str, int]:
    """How many of the run's certificates are in each status (one query)."""
    counts = dict.fromkeys(Certificate.Status.values, 0)
    rows = (
        Certificate.objects.filter(enrolment__course_run=course_run)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def _candidates(course_run: CourseRun) -> QuerySet[Enrolment]:
    """Active enrolments with the required hours and measured time, and no valid or
    revoked certificate.

    The cheap first filter before the full rule: both figures are columns of
    the enrolment (`selectors.has_required_hours` for a whole run). The measured
    time is compared a second short of its share, so that the database's
    arithmetic never drops anyone the rule would certify. A revoked certificate
    is left to a person's decision, as in `services.certificate_issue`.
    """
    certificate = Certificate.objects.filter(
        enrolment=OuterRef("pk"),
        status__in=[Certificate.Status.VALID, Certificate.Status.REVOKED],
    )
    return (
        Enrolment.objects.filter(
            course_run=course_run,
            status=Enrolment.Status.ACTIVE,
            credited_seconds__gte=F("course_run__course__required_seconds"),
            active_seconds__gte=F("course_run__course__required_seconds")
            * F("course_run__course__measured_share")
            - 1,
        )
        .exclude(Exists(certificate))
        .order_by("pk")
    )


def uncertified_with_hours(course_run: CourseRun) -> int:
    """Officials with the hours and the measured time but no certificate (one query).

    The rest of the rule (activities, grade, sign-off) is checked per person by
    the bulk issuance; checking it here for every page load would cost a handful
    of queries per official.
    """
    return _candidates(course_run).count()


def batches_recent(course_run: CourseRun, *, limit: int = RECENT_BATCHES) -> list[CertificateBatch]:
    return list(
        CertificateBatch.objects.filter(course_run=course_run)
        .select_related("requested_by")
        .order_by("-created_at", "-pk")[:limit]
    )


def archive_latest(course_run: CourseRun) -> CertificateBatch | None:
    """The newest finished ZIP of the run, if any."""
    return (
        CertificateBatch.objects.filter(
            course_run=course_run,
            kind=CertificateBatch.Kind.ZIP,
            status=CertificateBatch.Status.DONE,
        )
        .exclude(archive="")
        .order_by("-finished_at", "-pk")
        .first()
    )


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def pdf_file_name(certificate: Certificate) -> str:
    """`<short code> <name>.pdf`, safe on every system: no separators or reserved characters."""
    name = unicodedata.normalize("NFC", certificate.name_printed)
    name = " ".join(_UNSAFE.sub(" ", name).split()).strip(". ")[:100]
    code = codes.short_code_display(certificate.short_code)
    return f"{code} {name}.pdf" if name else f"{code}.pdf"


# --- Services ---------------------------------------------------------------------


def _enqueue(batch: CertificateBatch) -> None:
    from certification import tasks  # tasks import this module: import here to avoid the cycle

    transaction.on_commit(lambda: tasks.certificate_batch_run.delay(batch.pk))


def certificate_batch_request(
    *, course_run: CourseRun, kind: str, by: User | None, now: datetime.datetime | None = None
) -> tuple[CertificateBatch, bool]:
    """Queue a batch of `kind` for the run → (batch, created).

    While one of the same kind is queued or running, that one is returned and
    nothing new is queued (a stale one, presumed lost with its worker, is sent
    to the queue again).
    """
    if kind not in CertificateBatch.Kind.values:
        raise ValidationError(_("Unknown kind of certificate batch."))
    now = now or timezone.now()
    with transaction.atomic():
        # Serialise requests for the run; the constraint settles anything else.
        list(CourseRun.objects.select_for_update().filter(pk=course_run.pk).values_list("pk"))
        running = CertificateBatch.objects.filter(
            course_run=course_run, kind=kind, status__in=CertificateBatch.OPEN
        ).first()
        if running is not None:
            if job_is_stale(running, now):
                _enqueue(running)  # its worker died: _start lets the new task take it over
            return running, False
        try:
            with transaction.atomic():
                batch = CertificateBatch.objects.create(
                    course_run=course_run, kind=kind, requested_by=by, created_at=now
                )
        except IntegrityError:
            running = CertificateBatch.objects.get(
                course_run=course_run, kind=kind, status__in=CertificateBatch.OPEN
            )
            return running, False
        _enqueue(batch)
        return batch, True


def _start(batch_id: int) -> CertificateBatch | None:
    """Mark the batch running; None when there is nothing to do (finished, or gone)."""
    return job_claim(CertificateBatch.objects.select_related("course_run__course"), batch_id)


def _finish(batch: CertificateBatch, *, status: str, error: str = "") -> None:
    job_save(batch, status=status, error=error, finished_at=timezone.now())


def _issue(batch: CertificateBatch) -> None:
    pending = list(
        _candidates(batch.course_run).filter(pk__gt=batch.cursor).values_list("pk", flat=True)
    )
    # A re-run continues after the cursor: what was done stays counted.
    job_save(batch, total=batch.done + len(pending))
    for start in range(0, len(pending), STEP):
        step = pending[start : start + STEP]
        issued = sum(
            1 for enrolment_id in step if services.certificate_issue(enrolment_id=enrolment_id)
        )
        job_save(batch, done=batch.done + len(step), issued=batch.issued + issued, cursor=step[-1])


def _zip(batch: CertificateBatch) -> None:
    certificates = (
        Certificate.objects.filter(
            enrolment__course_run=batch.course_run, status=Certificate.Status.VALID
        )
        .select_related("signing_key", "enrolment__user")
        .order_by("pk")
    )
    job_save(batch, total=certificates.count(), done=0, issued=0)
    with tempfile.TemporaryFile() as buffer:
        done = 0
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for certificate in certificates.iterator(chunk_size=STEP * 10):
                archive.writestr(
                    pdf_file_name(certificate), pdf.certificate_pdf_as_issued(certificate)
                )
                done += 1
                if done % STEP == 0:
                    job_save(batch, done=done)
        buffer.seek(0)
        run = batch.course_run
        name = f"{run.course.code}-{run.pk}-certificados.zip"
        batch.archive.save(name, File(buffer), save=False)
    job_save(batch, archive=batch.archive.name, done=done, total=max(done, batch.total))
    _archives_older_drop(batch)


def _archives_older_drop(batch: CertificateBatch) -> None:
    """The newest ZIP of a run replaces the older ones: their files are deleted."""
    older = (
        CertificateBatch.objects.filter(
            course_run_id=batch.course_run_id, kind=CertificateBatch.Kind.ZIP
        )
        .exclude(pk=batch.pk)
        .exclude(archive="")
    )
    for old in older:
        old.archive.delete(save=False)
        job_save(old, archive="")


def certificate_batch_run(*, batch_id: int) -> CertificateBatch | None:
    """Do the batch's work; idempotent (a finished batch does nothing, a re-run continues).

    A failure marks the batch failed with its message and is not raised again:
    the page says what went wrong, and a manager may ask again.
    """
    batch = _start(batch_id)
    if batch is None:
        return None
    try:
        if batch.kind == CertificateBatch.Kind.ISSUE:
            _issue(batch)
        else:
            _zip(batch)
    except ValidationError as error:  # e.g. no signing key yet: said in the person's terms
        _finish(batch, status=CertificateBatch.Status.FAILED, error=" ".join(error.messages))
    except Exception as error:  # recorded for the page; the traceback goes to the log
        logger.exception("Certificate batch %s failed", batch.pk)
        _finish(batch, status=CertificateBatch.Status.FAILED, error=str(error) or repr(error))
    else:
        _finish(batch, status=CertificateBatch.Status.DONE)
    return batch
