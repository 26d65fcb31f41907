"""Building a course: verbs that add, change, reorder and remove modules and activities.

Who may call them is decided by `courses.selectors.courses_editable_by`:
superusers; course editors (people with the Django permission
`courses.change_course`); and programme managers of a programme that has a
run of the course (administrators count as managers of every programme).

Positions run 1..n among the live (not archived) rows of a course or module;
the unique constraints hold only among those. Every verb locks the course row
first, so two editors never renumber the same course at once. Moves never
pass through a duplicate position, even for a moment: PostgreSQL checks a
unique index row by row, so a swap parks one row at 0 (a free position) and
closing a gap shifts the rest out of range (+OFFSET) before bringing them back.

Removing something that learners have results on (progress, study time,
scores, credited hours, quiz attempts or submissions) archives it: it
disappears from the course and every row stays. Otherwise it is deleted,
with its content item.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from content import services as content_services
from content.models import FileResource, H5PContent, Page, Video
from courses import selectors
from courses.models import Activity, ActivityKind, CompletionRule, Course, Module

# Parks rows out of the 1..n range while a gap is closed (positions are small ints).
OFFSET = 10_000
UP, DOWN = "up", "down"
MAX_HOURS = Decimal("100")

# The completion rules an editor may choose for each kind of activity; the first is the default.
COMPLETION_RULES = {
    ActivityKind.PAGE: [CompletionRule.MARKED_DONE, CompletionRule.VIEWED],
    ActivityKind.FILE: [CompletionRule.MARKED_DONE, CompletionRule.VIEWED],
    ActivityKind.VIDEO: [CompletionRule.MARKED_DONE, CompletionRule.VIEWED],
    ActivityKind.H5P: [
        CompletionRule.PASSED,
        CompletionRule.SUBMITTED,
        CompletionRule.VIEWED,
        CompletionRule.MARKED_DONE,
    ],
    ActivityKind.QUIZ: [CompletionRule.PASSED, CompletionRule.GRADED],
    ActivityKind.ASSIGNMENT: [
        CompletionRule.GRADED,
        CompletionRule.PASSED,
        CompletionRule.SUBMITTED,
    ],
}


@dataclass(frozen=True)
class Removal:
    """What a removal did: archived (hidden, results kept) or deleted."""

    archived: bool
    learners: int


# --- Hours ---------------------------------------------------------------------------


def hours_to_seconds(hours) -> int:
    """Nominal hours (quarters allowed: 1.25, 0.5) as whole seconds."""
    try:
        value = Decimal(str(hours))
    except InvalidOperation as error:
        raise ValidationError(_("Give the hours as a number, such as 1.5.")) from error
    if value <= 0 or value > MAX_HOURS:
        raise ValidationError(
            _("Hours must be more than 0 and at most %(most)s.") % {"most": MAX_HOURS}
        )
    if (value * 4) % 1:
        raise ValidationError(_("Use whole, half or quarter hours (such as 1.25 or 2.5)."))
    return int(value * 3600)


def _completion_rule(kind: str, rule: str | None) -> str:
    allowed = COMPLETION_RULES[kind]
    if not rule:
        return allowed[0]
    if rule not in allowed:
        raise ValidationError(
            _("A %(kind)s cannot complete by the rule “%(rule)s”.")
            % {
                "kind": ActivityKind(kind).label.lower(),
                "rule": CompletionRule(rule).label if rule in CompletionRule.values else rule,
            }
        )
    return rule


# --- Positions -----------------------------------------------------------------------


def _lock_course(course_id: int) -> Course:
    return Course.objects.select_for_update().get(pk=course_id)


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


def _close_gap(queryset, position: int) -> None:
    """Bring the live rows after `position` one step up, never colliding on the way."""
    after = queryset.filter(position__gt=position)
    after.update(position=F("position") + OFFSET)
    queryset.filter(position__gt=OFFSET).update(position=F("position") - OFFSET - 1)


def _swap(model, row, neighbour) -> None:
    mine, theirs = row.position, neighbour.position
    model.objects.filter(pk=row.pk).update(position=0)
    model.objects.filter(pk=neighbour.pk).update(position=mine)
    model.objects.filter(pk=row.pk).update(position=theirs)
    row.position, neighbour.position = theirs, mine


def _neighbour(queryset, row, direction: str):
    if direction == UP:
        return queryset.filter(position__lt=row.position).order_by("-position").first()
    if direction == DOWN:
        return queryset.filter(position__gt=row.position).order_by("position").first()
    raise ValidationError(_("Move up or down."))


def _live_modules(course_id: int):
    return Module.objects.filter(course_id=course_id, archived_at__isnull=True)


def _live_activities(module_id: int):
    return Activity.objects.filter(module_id=module_id, archived_at__isnull=True)


# --- Modules -------------------------------------------------------------------------


def _clean_module(title: str, summary: str, objectives: str) -> tuple[str, str, str]:
    title = title.strip()
    if not title:
        raise ValidationError(_("A module needs a title."))
    lines = [line.strip() for line in objectives.splitlines()]
    return title, summary.strip(), "\n".join(line for line in lines if line)


@transaction.atomic
def module_create(*, course: Course, title: str, summary: str = "", objectives: str = "") -> Module:
    """Add a module at the end of the course."""
    _lock_course(course.pk)
    title, summary, objectives = _clean_module(title, summary, objectives)
    module = Module(
        course=course,
        position=_next_position(_live_modules(course.pk)),
        title=title,
        summary=summary,
        objectives=objectives,
    )
    module.full_clean(validate_constraints=False)
    module.save()
    return module


@transaction.atomic
def module_update(*, module: Module, title: str, summary: str = "", objectives: str = "") -> Module:
    """Change a module's title, summary and learning objectives (one per line)."""
    _lock_course(module.course_id)
    module.title, module.summary, module.objectives = _clean_module(title, summary, objectives)
    module.full_clean(validate_constraints=False)
    module.save(update_fields=["title", "summary", "objectives"])
    return module


@transaction.atomic
def module_move(*, module: Module, direction: str) -> Module:
    """Swap a module with the one before (up) or after (down); at an end, nothing moves."""
    _lock_course(module.course_id)
    module.refresh_from_db(fields=["position", "archived_at"])
    if module.archived_at is not None:
        raise ValidationError(_("This module has been removed."))
    neighbour = _neighbour(_live_modules(module.course_id), module, direction)
    if neighbour is not None:
        _swap(Module, module, neighbour)
    return module


@transaction.atomic
def module_remove(*, module: Module, now=None) -> Removal:
    """Delete a module with its activities, or archive them all if learners have results."""
    _lock_course(module.course_id)
    module.refresh_from_db(fields=["position", "archived_at"])
    if module.archived_at is not None:
        return Removal(archived=True, learners=0)
    learners = selectors.learners_with_results(selectors.module_activity_ids(module))
    if not learners and _delete_module(module):
        _close_gap(_live_modules(module.course_id), module.position)
        return Removal(archived=False, learners=0)
    now = now or timezone.now()
    Activity.objects.filter(module=module, archived_at__isnull=True).update(archived_at=now)
    Module.objects.filter(pk=module.pk).update(archived_at=now)
    module.archived_at = now
    _close_gap(_live_modules(module.course_id), module.position)
    return Removal(archived=True, learners=learners)


def _delete_module(module: Module) -> bool:
    """Delete a module and its activities' content; False if something protects them."""
    try:
        with transaction.atomic():
            contents = [_content_of(activity) for activity in module.activities.all()]
            module.delete()
            _delete_unused_contents(contents)
    except ProtectedError:
        return False
    return True


# --- Activities: content items --------------------------------------------------------


def _content_of(activity: Activity):
    return activity.page or activity.file or activity.video or activity.h5p


def _delete_unused_contents(contents) -> None:
    """Delete content items no activity points to any more, and their stored files."""
    for content in contents:
        if content is None:
            continue
        field = {Page: "page", FileResource: "file", Video: "video", H5PContent: "h5p"}
        if Activity.objects.filter(**{field[type(content)]: content}).exists():
            continue
        if isinstance(content, H5PContent):
            content_services.h5p_content_delete(content=content)
            continue
        files = [
            getattr(content, name) for name in ("file", "captions") if getattr(content, name, None)
        ]
        content.delete()
        for stored in files:
            transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))


def _captions_attach(video: Video, captions: UploadedFile) -> None:
    content_services.captions_validate(upload=captions)
    old = video.captions.name if video.captions else ""
    video.captions.save(captions.name, captions, save=True)
    if old:
        storage = video.captions.storage
        transaction.on_commit(lambda: storage.delete(old))


def _content_create(
    kind: str,
    *,
    page_source: str,
    upload: UploadedFile | None,
    video_url: str,
    captions: UploadedFile | None,
    h5p: H5PContent | None = None,
) -> dict:
    if kind == ActivityKind.PAGE:
        return {"page": content_services.page_save(source=page_source)}
    if kind == ActivityKind.FILE:
        if upload is None:
            raise ValidationError(_("Choose the file to upload."))
        return {"file": content_services.file_resource_create(upload=upload)}
    if kind == ActivityKind.VIDEO:
        video = content_services.video_create(upload=upload, url=video_url.strip())
        if captions is not None:
            _captions_attach(video, captions)
        return {"video": video}
    if kind == ActivityKind.H5P:
        if h5p is not None:
            return {"h5p": h5p}
        if upload is None:
            raise ValidationError(_("Choose the H5P package (.h5p) to upload."))
        return {"h5p": content_services.h5p_package_import(package=upload, filename=upload.name)}
    if kind in (ActivityKind.QUIZ, ActivityKind.ASSIGNMENT):
        # The quiz or assignment (in `assessments`) points up to this activity.
        return {}
    raise ValidationError(_("This kind of activity cannot be created here."))


# --- Activities ----------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *,
    module: Module,
    kind: str,
    title: str,
    hours,
    required: bool = True,
    completion_rule: str | None = None,
    page_source: str = "",
    upload: UploadedFile | None = None,
    video_url: str = "",
    captions: UploadedFile | None = None,
    h5p: H5PContent | None = None,
    pass_fraction: Decimal | None = None,
) -> Activity:
    """Add an activity at the end of a module, with its content item.

    Pages take Markdown; files an upload; videos an upload or an address (and
    optional WebVTT captions). Quizzes and assignments get only the activity:
    their quiz or assignment is created in `assessments`.
    """
    _lock_course(module.course_id)
    if kind not in COMPLETION_RULES:
        raise ValidationError(_("Choose the kind of activity."))
    if not title.strip():
        raise ValidationError(_("An activity needs a title."))
    activity = Activity(
        module=module,
        position=_next_position(_live_activities(module.pk)),
        title=title.strip(),
        kind=kind,
        nominal_seconds=hours_to_seconds(hours),
        required=required,
        completion_rule=_completion_rule(kind, completion_rule),
    )
    if kind == ActivityKind.H5P:
        activity.pass_fraction = pass_fraction
    content = _content_create(
        kind,
        page_source=page_source,
        upload=upload,
        video_url=video_url,
        captions=captions,
        h5p=h5p,
    )
    for name, item in content.items():
        setattr(activity, name, item)
    activity.full_clean(validate_constraints=False)
    activity.save()
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    title: str,
    hours,
    required: bool,
    completion_rule: str,
    page_source: str | None = None,
    upload: UploadedFile | None = None,
    video_url: str = "",
    captions: UploadedFile | None = None,
    pass_fraction: Decimal | None = None,
) -> Activity:
    """Change an activity's settings and, optionally, its content.

    A page takes new Markdown; a file or a video a new upload (or a video a
    new address); a video new captions. Nothing given: the content stays.
    """
    _lock_course(activity.module.course_id)
    if not title.strip():
        raise ValidationError(_("An activity needs a title."))
    activity.title = title.strip()
    activity.nominal_seconds = hours_to_seconds(hours)
    activity.required = required
    activity.completion_rule = _completion_rule(activity.kind, completion_rule)
    if activity.kind == ActivityKind.H5P:
        activity.pass_fraction = pass_fraction
    replaced = _content_update(
        activity, page_source=page_source, upload=upload, video_url=video_url.strip()
    )
    if captions is not None and activity.kind == ActivityKind.VIDEO:
        _captions_attach(activity.video, captions)
    activity.full_clean(validate_constraints=False)
    activity.save()
    _delete_unused_contents([replaced])
    return activity


def _content_update(activity: Activity, *, page_source, upload, video_url):
    """Apply new content to the activity; returns the content item it replaced, if any."""
    if activity.kind == ActivityKind.PAGE and page_source is not None:
        content_services.page_save(source=page_source, page=activity.page)
        return None
    if activity.kind == ActivityKind.FILE and upload is not None:
        old, activity.file = activity.file, content_services.file_resource_create(upload=upload)
        return old
    if activity.kind == ActivityKind.H5P and upload is not None:
        old = activity.h5p
        activity.h5p = content_services.h5p_package_import(package=upload, filename=upload.name)
        return old
    if activity.kind == ActivityKind.VIDEO and (upload is not None or video_url):
        if upload is None and video_url == activity.video.url:
            return None
        old = activity.video
        video = content_services.video_create(
            upload=upload, url="" if upload is not None else video_url, transcript=old.transcript
        )
        if old.captions:
            video.captions.name = old.captions.name
            old.captions.name = ""
            video.save(update_fields=["captions"])
            old.save(update_fields=["captions"])
        activity.video = video
        return old
    return None


@transaction.atomic
def activity_move(*, activity: Activity, direction: str) -> Activity:
    """Swap an activity with the one before (up) or after (down) in its module."""
    _lock_course(activity.module.course_id)
    activity.refresh_from_db(fields=["position", "module", "archived_at"])
    if activity.archived_at is not None:
        raise ValidationError(_("This activity has been removed."))
    neighbour = _neighbour(_live_activities(activity.module_id), activity, direction)
    if neighbour is not None:
        _swap(Activity, activity, neighbour)
    return activity


@transaction.atomic
def activity_move_to_module(*, activity: Activity, module: Module) -> Activity:
    """Move an activity to the end of another module of the same course."""
    _lock_course(activity.module.course_id)
    activity.refresh_from_db(fields=["position", "module", "archived_at"])
    if module.course_id != activity.module.course_id or module.archived_at is not None:
        raise ValidationError(_("Choose a module of the same course."))
    if activity.archived_at is not None:
        raise ValidationError(_("This activity has been removed."))
    if module.pk == activity.module_id:
        return activity
    source, position = activity.module_id, activity.position
    activity.position = _next_position(_live_activities(module.pk))
    activity.module = module
    Activity.objects.filter(pk=activity.pk).update(module=module, position=activity.position)
    _close_gap(_live_activities(source), position)
    return activity


@transaction.atomic
def activity_remove(*, activity: Activity, now=None) -> Removal:
    """Delete an activity and its content, or archive it if learners have results on it."""
    _lock_course(activity.module.course_id)
    activity.refresh_from_db(fields=["position", "module", "archived_at"])
    if activity.archived_at is not None:
        return Removal(archived=True, learners=0)
    learners = selectors.learners_with_results([activity.pk])
    if not learners and _delete_activity(activity):
        _close_gap(_live_activities(activity.module_id), activity.position)
        return Removal(archived=False, learners=0)
    activity.archived_at = now or timezone.now()
    Activity.objects.filter(pk=activity.pk).update(archived_at=activity.archived_at)
    _close_gap(_live_activities(activity.module_id), activity.position)
    return Removal(archived=True, learners=learners)


def _delete_activity(activity: Activity) -> bool:
    """Delete the activity (its quiz or assignment goes with it) and its content.

    False when rows elsewhere protect it (quiz attempts, submissions): then
    it must be archived instead.
    """
    try:
        with transaction.atomic():
            content = _content_of(activity)
            activity.delete()
            _delete_unused_contents([content])
    except ProtectedError:
        return False
    return True
