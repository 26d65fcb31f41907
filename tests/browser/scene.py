"""A realistic programme for the page tours (accessibility, page weight, small screens).

The programme's real course (`coursepacks/gem-100`, as `seed_demo` imports it)
with a video linked from another host; an official part-way through it (pages
done, a quiz attempt under way, a finished one, the team's final project
submitted); a colleague whose essay waits for the tutor; a coordinator; a
tutor; three certified officials of another municipality, a ZIP batch of their
certificates and a milestone; a spreadsheet checked in the background and an
export; a programme manager and an administrator.
Everything goes through the domain services, as people would make it.

`main_pages(scene)` lists every main page of every role, built from
frontend/urls*.py: the tours visit them all.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assignment, Attempt, GradeItem, QuestionCategory, QuestionKind, Quiz
from assessments.services import assignments as assignment_services
from assessments.services import gradebook
from assessments.services import quizzes as quiz_services
from assessments.signals import grade_changed
from authoring.services import course_package_import
from certification import batches, keys, receivers
from certification import services as certification_services
from certification.models import CertificateBatch
from content.models import Video
from courses import selectors as course_selectors
from courses import services as course_services
from courses.models import Activity, ActivityKind, CompletionRule, Enrolment
from courses.signals import progress_changed
from programs import import_jobs, milestones
from programs.models import Municipality, Role
from reporting import export_jobs
from reporting.models import ReportExport
from tests.assessments.factories import PDF_BYTES, question_make, upload
from tests.factories import (
    CourseRunFactory,
    MembershipFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

COURSE_PACKAGE = Path(__file__).resolve().parents[2] / "coursepacks" / "gem-100"
# A course video that its author linked from another host: it needs the internet.
LINKED_VIDEO = "https://videos.example.org/gobierno-electronico/introduccion.mp4"
IMPORT_CSV = (
    "codigo_municipio,municipio,region,estado,poblacion,superficie_km2,correo,"
    "nombre_completo,rol,genero,idioma\n"
    "25126,Cajicá,Cundinamarca,seleccionado,92000,51,no-es-un-correo,María Gómez,"
    "funcionario,,es\n"
)


@dataclass
class Scene:
    run: object
    programme: object
    course: object
    official: object  # part-way through the course
    enrolment: Enrolment
    colleague_enrolment: Enrolment
    coordinator: object
    tutor: object
    manager: object
    administrator: object
    municipality: Municipality  # the official's
    certified_municipality: Municipality
    certificates: list = field(default_factory=list)
    activities: dict = field(default_factory=dict)  # kind → an activity of that kind
    attempt_in_progress: Attempt | None = None
    attempt_finished: Attempt | None = None
    essay_answer_id: int | None = None
    submission_id: int | None = None
    grade_id: int | None = None
    batch: CertificateBatch | None = None
    milestone_record: object = None
    import_job: object = None
    export: object = None


def _official(municipality, name: str, role=Role.OFFICIAL):
    user = UserFactory(full_name=name)
    MembershipFactory(user=user, municipality=municipality, role=role)
    return user


def _enrol(user, run, municipality) -> Enrolment:
    enrolment, _created = course_services.enrolment_create(
        user=user, course_run=run, municipality=municipality
    )
    return enrolment


@contextmanager
def _eligibility_checked_once():
    """Issue the certificate once at the end instead of checking eligibility after every
    completion and grade (as the background task does): the same certificate, faster."""
    uids = {
        progress_changed: "certification.progress_changed",
        grade_changed: "certification.grade_changed",
    }
    for signal, uid in uids.items():
        signal.disconnect(dispatch_uid=uid)
    try:
        yield
    finally:
        for signal, uid in uids.items():
            signal.connect(receivers.eligibility_check_later, dispatch_uid=uid)


def _certify(enrolment: Enrolment, grade_items, manager) -> object:
    """Everything done, graded 85 % and released, the time studied: the certificate."""
    course = enrolment.course_run.course
    with _eligibility_checked_once():
        for activity in course_selectors.activities_of_course(course.pk):
            course_services.activity_complete_by_result(
                enrolment_id=enrolment.pk, activity_id=activity.pk, source=activity.completion_rule
            )
        for item in grade_items:
            gradebook.grade_record(
                item=item, enrolment=enrolment, fraction=Decimal("0.85"), release=True, by=manager
            )
    Enrolment.objects.filter(pk=enrolment.pk).update(active_seconds=course.required_seconds)
    return certification_services.certificate_issue(enrolment_id=enrolment.pk)


def build_scene() -> Scene:
    keys.signing_key_generate()
    today = timezone.localdate()
    programme = ProgrammeFactory(name="Programa MuNet Colombia", grade_scale="ten")
    course = course_package_import(path=COURSE_PACKAGE)
    run = CourseRunFactory(
        course=course,
        programme=programme,
        title="Cohorte 2026",
        starts_on=today - datetime.timedelta(days=45),
        ends_on=today + datetime.timedelta(days=200),
    )
    activities = list(course_selectors.activities_of_course(course.pk))
    first_module = activities[0].module
    video = Activity.objects.create(
        module=first_module,
        position=max(a.position for a in activities if a.module_id == first_module.pk) + 1,
        title="Video: el gobierno electrónico en una alcaldía",
        kind=ActivityKind.VIDEO,
        video=Video.objects.create(
            url=LINKED_VIDEO,
            transcript="La alcaldesa presenta la ventanilla única y el portal de datos abiertos.",
        ),
        nominal_seconds=900,
        completion_rule=CompletionRule.VIEWED,
    )
    # An essay for the tutor: a short reflection quiz in the second module.
    second_module = next(a.module for a in activities if a.module.position == 2)
    reflection = Activity.objects.create(
        module=second_module,
        position=99,
        title="Reflexión sobre la estrategia",
        kind=ActivityKind.QUIZ,
        nominal_seconds=900,
        required=False,
        completion_rule=CompletionRule.PASSED,
    )
    reflection_quiz = quiz_services.quiz_create(activity=reflection)
    quiz_services.quiz_slot_add(
        quiz=reflection_quiz,
        question=question_make(
            QuestionCategory.objects.filter(course=course).first(),
            QuestionKind.ESSAY,
            text="<p>¿Qué servicio de su alcaldía pondría primero en línea, y por qué?</p>",
        ),
    )
    activities = list(course_selectors.activities_of_course(course.pk))
    by_kind = {}
    for activity in activities:
        by_kind.setdefault(activity.kind, activity)
    by_kind[ActivityKind.VIDEO] = video
    by_kind["page with a table"] = next(
        a for a in activities if a.kind == ActivityKind.PAGE and "<table" in a.page.html
    )

    manager = UserFactory(email="gestora@munet.example", full_name="Laura Restrepo Gómez")
    MembershipFactory(user=manager, municipality=None, programme=programme, role=Role.MANAGER)
    tutor = UserFactory(email="tutora@munet.example", full_name="Ana María Pérez")
    MembershipFactory(user=tutor, municipality=None, programme=programme, role=Role.TUTOR)
    run.tutors.add(tutor)
    administrator = UserFactory(
        email="admin@munet.example", full_name="Operador de la plataforma", is_staff=True
    )
    administrator.is_superuser = True
    administrator.save()

    zipaquira = MunicipalityFactory(programme=programme, name="Zipaquirá", code="25899")
    cota = MunicipalityFactory(programme=programme, name="Cota", code="25214")
    MunicipalityFactory(
        programme=programme, name="Tenjo", code="25799", status=Municipality.Status.RESERVE
    )
    official = _official(zipaquira, "Ana Lucía Quispe Mamani")
    colleague = _official(zipaquira, "Jorge Enrique Rincón")
    coordinator = _official(zipaquira, "Carlos Andrés Beltrán", role=Role.COORDINATOR)
    enrolment = _enrol(official, run, zipaquira)
    colleague_enrolment = _enrol(colleague, run, zipaquira)
    _enrol(coordinator, run, zipaquira)

    # The official, part-way: the first pages done, time studied.
    for activity in [a for a in activities if a.kind == ActivityKind.PAGE][:5]:
        course_services.activity_complete_by_result(
            enrolment_id=enrolment.pk, activity_id=activity.pk, source=activity.completion_rule
        )
    Enrolment.objects.filter(pk=enrolment.pk).update(
        active_seconds=6 * 3600, last_heartbeat_at=timezone.now()
    )
    quizzes = list(
        Quiz.objects.filter(activity__module__course=course, activity__kind=ActivityKind.QUIZ)
        .exclude(pk=reflection_quiz.pk)
        .order_by("activity__module__position", "activity__position")
    )
    # A finished attempt on the second module's quiz (the review page) …
    finished = quiz_services.attempt_start(user=official, quiz=quizzes[1], course_run_id=run.pk)
    first_answer = finished.answers.order_by("position").first()
    right = first_answer.question.answers.order_by("-fraction").first()
    quiz_services.attempt_answers_save(
        user=official,
        attempt_id=finished.pk,
        responses={first_answer.position: {"answer": str(right.pk)}},
    )
    finished = quiz_services.attempt_submit(user=official, attempt_id=finished.pk)
    # … and one under way on the first, with a time limit (the countdown).
    Quiz.objects.filter(pk=quizzes[0].pk).update(time_limit_seconds=1800)
    in_progress = quiz_services.attempt_start(user=official, quiz=quizzes[0], course_run_id=run.pk)

    # The colleague's essay waits for the tutor; the team's project is submitted.
    essay_attempt = quiz_services.attempt_start(
        user=colleague, quiz=reflection_quiz, course_run_id=run.pk
    )
    quiz_services.attempt_answers_save(
        user=colleague,
        attempt_id=essay_attempt.pk,
        responses={1: {"text": "El pago del impuesto predial en línea: es el trámite más pedido."}},
    )
    quiz_services.attempt_submit(user=colleague, attempt_id=essay_attempt.pk)
    essay_answer = essay_attempt.answers.get(position=1)
    project = Assignment.objects.get(activity__module__course=course)
    submission = assignment_services.submission_create(
        user=colleague,
        assignment=project,
        text="Nuestra estrategia: ventanilla única, pagos en línea y datos abiertos.",
        files=[upload("estrategia-zipaquira.pdf", PDF_BYTES)],
    )

    # Cota: three certified officials, their ZIP, and H1 recorded.
    grade_items = list(GradeItem.objects.filter(activity__module__course=course))
    certificates = []
    for number in range(1, 4):
        certified = _official(cota, f"Funcionaria {number} de Cota")
        certificates.append(_certify(_enrol(certified, run, cota), grade_items, manager))
    _enrol(_official(cota, "Funcionario 4 de Cota"), run, cota)
    batch, _created = batches.certificate_batch_request(
        course_run=run, kind=CertificateBatch.Kind.ZIP, by=manager
    )
    record = milestones.milestone_record(
        municipality=cota,
        milestone="H4",
        achieved_on=today - datetime.timedelta(days=10),
        by=manager,
        evidence_url="https://www.cota-cundinamarca.gov.co/acta-h4",
        note="Acta de compromiso firmada por el alcalde.",
    )
    # A spreadsheet checked in the background (one bad e-mail) and an export made.
    import_job = import_jobs.municipality_import_request(
        programme=programme,
        upload=SimpleUploadedFile("municipios.csv", IMPORT_CSV.encode(), "text/csv"),
        dry_run=True,
        by=manager,
        language="es",
    )
    export, _created = export_jobs.report_export_request(
        programme=programme, kind=ReportExport.Kind.TABLE_CSV, by=manager, language="es"
    )
    grade = gradebook.grade_record(
        item=GradeItem.objects.get(activity=quizzes[1].activity),
        enrolment=enrolment,
        fraction=finished.fraction,
        release=True,
    )
    assert all(certificates), "the certified officials must hold a certificate"
    return Scene(
        run=run,
        programme=programme,
        course=course,
        official=official,
        enrolment=enrolment,
        colleague_enrolment=colleague_enrolment,
        coordinator=coordinator,
        tutor=tutor,
        manager=manager,
        administrator=administrator,
        municipality=zipaquira,
        certified_municipality=cota,
        certificates=certificates,
        activities=by_kind,
        attempt_in_progress=in_progress,
        attempt_finished=finished,
        essay_answer_id=essay_answer.pk,
        submission_id=submission.pk,
        grade_id=grade.pk,
        batch=batch,
        milestone_record=record,
        import_job=import_job,
        export=export,
    )


@dataclass(frozen=True)
class MainPage:
    name: str
    path: str
    status: int = 200


def main_pages(scene: Scene) -> dict[str, list[MainPage]]:
    """Every main page of every role ('anonymous' for people not logged in)."""
    run, course, programme = scene.run, scene.course, scene.programme
    cota, zipaquira = scene.certified_municipality, scene.municipality
    activity = scene.activities

    def page(name, url_name, *args, status=200):
        return MainPage(name, reverse(url_name, args=args), status)

    def learner_activity(kind):
        return page(f"activity: {kind}", "activity", run.pk, activity[kind].pk)

    certificate = scene.certificates[0]
    from certification import codes, qr_payload

    return {
        "anonymous": [
            page("login", "login"),
            page("password reset", "password_reset"),
            page("password reset sent", "password_reset_done"),
            page("password reset link (expired)", "password_reset_confirm", "MQ", "x-y"),
            page("activation link (expired)", "activate", "MQ", "x-y"),
            MainPage(
                "verification (QR link)",
                reverse("verification")
                + "#"
                + qr_payload.digits_from_bytes(bytes(certificate.signed_payload)),
            ),
            page("verification: type a code", "verification"),
            page(
                "verification: typed code",
                "verification_code",
                codes.short_code_display(certificate.short_code),
            ),
            MainPage("not found (404)", "/no-such-page/", 404),
        ],
        "official": [
            page("my courses", "dashboard"),
            page("course outline", "course_outline", run.pk),
            learner_activity(ActivityKind.PAGE),
            learner_activity("page with a table"),
            learner_activity(ActivityKind.FILE),
            learner_activity(ActivityKind.VIDEO),
            learner_activity(ActivityKind.QUIZ),
            page("quiz attempt", "quiz_attempt", scene.attempt_in_progress.pk),
            page("quiz review", "quiz_review", scene.attempt_finished.pk),
            learner_activity(ActivityKind.ASSIGNMENT),
            page("my hours", "my_hours", run.pk),
            page("my grades", "my_grades", run.pk),
            page("my account", "account"),
        ],
        "coordinator": [
            page("coordinator home", "coordinator_home"),
            page("coordinator: team", "coordinator_team", zipaquira.pk),
        ],
        "tutor": [
            page("tutor: runs", "tutor_runs"),
            page("tutor: run", "tutor_run", run.pk),
            page("tutor: enrolment", "tutor_enrolment", scene.enrolment.pk),
            page("tutor: enrolment quizzes", "tutor_enrolment_quizzes", scene.enrolment.pk),
            page(
                "tutor: enrolment assignments",
                "tutor_enrolment_assignments",
                scene.colleague_enrolment.pk,
            ),
            page("grading queue", "grading_queue", run.pk),
            page("grading: submission", "grading_submission", run.pk, scene.submission_id),
            page("grading: essay", "grading_essay", run.pk, scene.essay_answer_id),
            page("grade an essay", "tutor_attempt_answer_grade", scene.essay_answer_id),
            page("gradebook", "gradebook_table", run.pk),
            page("gradebook: grade", "grade_detail", scene.grade_id),
        ],
        "manager": [
            page("programmes", "manage_programmes"),
            page("programme", "manage_programme", programme.pk),
            page("new course run", "manage_course_run_create", programme.pk),
            page("municipality", "manage_municipality", zipaquira.pk),
            page("import municipalities", "manage_import", programme.pk),
            page("import: a checked file", "manage_import_job", scene.import_job.pk),
            page("dashboard", "reporting_dashboard", programme.pk),
            page("municipality table", "reporting_municipality_table", programme.pk),
            page("an export", "manage_report_export", scene.export.pk),
            page("municipality team", "reporting_municipality_team", cota.pk),
            page("milestones matrix", "manage_milestone_matrix", programme.pk),
            page("municipality milestones", "manage_milestones", cota.pk),
            page("record a milestone", "manage_milestone_record", cota.pk, "H5"),
            page("programme fees", "manage_programme_fees", programme.pk),
            page("municipality fees", "manage_fees", cota.pk),
            page("certificates of a run", "manage_run_certificates", run.pk),
            page("certificate batch", "manage_certificate_batch", scene.batch.pk),
            page("revoke a certificate", "manage_certificate_revoke", certificate.pk),
            page("correct a name", "manage_certificate_reissue", certificate.pk),
        ],
        "administrator": [
            page("administration (Django admin)", "admin:index"),
            page("new programme", "manage_programme_create"),
            page("course editor: courses", "editor_courses"),
            page("course editor", "editor_course", course.pk),
            page(
                "course editor: module",
                "editor_module_edit",
                course.pk,
                activity[ActivityKind.PAGE].module_id,
            ),
            page(
                "course editor: activity",
                "editor_activity_edit",
                course.pk,
                activity[ActivityKind.PAGE].pk,
            ),
            MainPage(
                "course editor: new video",
                reverse(
                    "editor_activity_add", args=[course.pk, activity[ActivityKind.PAGE].module_id]
                )
                + "?kind=video",
            ),
            page("course preview", "editor_preview", course.pk),
            page(
                "course preview: activity",
                "editor_preview_activity",
                course.pk,
                activity[ActivityKind.PAGE].pk,
            ),
            page("question bank", "questionbank", course.pk),
            page("question bank: import", "questionbank_import", course.pk),
            page("course packages", "packages"),
            page("course packages: import", "package_import"),
        ],
    }
