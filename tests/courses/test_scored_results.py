"""Scored results of interactive content (H5P xAPI statements) → score, completion, grade."""

import copy
import json
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments.models import Grade
from assessments.selectors import gradebook as gradebook_selectors
from courses import services
from courses.models import ActivityProgress, ActivityResult, CompletionRule, LedgerEntry
from tests.factories import H5PActivityFactory, H5PContentFactory

pytestmark = pytest.mark.django_db


def _statement(raw, maximum=4, *, verb="answered", sub_content=False, statement_id=None):
    """A statement shaped like the ones H5P players send (see fixtures/xapi)."""
    extensions = {"http://h5p.org/x-api/h5p-local-content-id": 1}
    if sub_content:
        extensions["http://h5p.org/x-api/h5p-subContentId"] = str(uuid.uuid4())
    statement = {
        "actor": {"name": "someone else", "mbox": "mailto:other@example.org"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}", "display": {"en-US": verb}},
        "object": {
            "id": "https://aula.example/activities/1",
            "objectType": "Activity",
            "definition": {"extensions": extensions},
        },
        "result": {
            "score": {"min": 0, "max": maximum, "raw": raw, "scaled": raw / maximum},
            "completion": True,
            "success": raw / maximum >= 0.7,
            "duration": "PT12.5S",
        },
    }
    if statement_id:
        statement["id"] = statement_id
    return statement


@pytest.fixture
def h5p_activity(run):
    module = run.course.modules.first()
    return H5PActivityFactory(module=module, position=10, title="Verdadero o falso")


def _record(enrolment, activity, statement):
    return services.scored_result_record(
        user=enrolment.user,
        course_run_id=enrolment.course_run_id,
        activity_id=activity.pk,
        statement=statement,
    )


def test_a_passing_score_completes_credits_and_grades(enrolment, h5p_activity):
    scored = _record(enrolment, h5p_activity, _statement(3))

    assert scored.result.scaled == Decimal("0.75")
    assert scored.best_scaled == Decimal("0.75")
    assert scored.pass_fraction == Decimal("0.700")
    assert scored.completed
    progress = ActivityProgress.objects.get(enrolment=enrolment, activity=h5p_activity)
    assert progress.completion_source == "passed"
    assert LedgerEntry.objects.filter(enrolment=enrolment, activity=h5p_activity).count() == 1
    grade = Grade.objects.get(enrolment=enrolment, item__activity=h5p_activity)
    assert grade.final_fraction == Decimal("0.75")
    assert grade.released_at is not None


def test_the_actor_is_the_signed_in_person_not_the_page(enrolment, h5p_activity):
    scored = _record(enrolment, h5p_activity, _statement(4))

    actor = scored.result.statement["actor"]
    assert actor["account"]["name"] == str(enrolment.user.pk)
    assert "mbox" not in actor


def test_below_the_pass_mark_keeps_the_score_but_does_not_complete(enrolment, h5p_activity):
    scored = _record(enrolment, h5p_activity, _statement(2))

    assert scored.best_scaled == Decimal("0.5")
    assert not scored.completed
    assert not LedgerEntry.objects.filter(activity=h5p_activity).exists()
    assert Grade.objects.get(item__activity=h5p_activity).final_fraction == Decimal("0.5")


def test_the_best_score_counts(enrolment, h5p_activity):
    _record(enrolment, h5p_activity, _statement(1))
    _record(enrolment, h5p_activity, _statement(3))
    scored = _record(enrolment, h5p_activity, _statement(2))

    assert scored.best_scaled == Decimal("0.75")
    assert ActivityResult.objects.filter(activity=h5p_activity).count() == 3
    assert Grade.objects.get(item__activity=h5p_activity).final_fraction == Decimal("0.75")


def test_a_resent_statement_is_stored_once(enrolment, h5p_activity):
    statement = _statement(3, statement_id=str(uuid.uuid4()))
    _record(enrolment, h5p_activity, statement)
    _record(enrolment, h5p_activity, copy.deepcopy(statement))

    assert ActivityResult.objects.filter(activity=h5p_activity).count() == 1
    assert LedgerEntry.objects.filter(activity=h5p_activity).count() == 1


def test_pass_mark_from_the_activity_then_the_package(enrolment, run):
    module = run.course.modules.first()
    strict = H5PActivityFactory(module=module, pass_fraction=Decimal("0.9"))
    mastery = H5PActivityFactory(
        module=module, h5p=H5PContentFactory(mastery_fraction=Decimal("0.5"))
    )

    assert not _record(enrolment, strict, _statement(3)).completed
    assert _record(enrolment, mastery, _statement(2)).completed


def test_statements_about_a_part_or_without_score_are_not_stored(enrolment, h5p_activity):
    part = _record(enrolment, h5p_activity, _statement(1, sub_content=True))
    unscored = _statement(1)
    del unscored["result"]["score"]
    plain = _record(enrolment, h5p_activity, unscored)

    assert part.result is None and plain.result is None
    assert not ActivityResult.objects.exists()


def test_an_invalid_statement_is_refused_and_nothing_stored(enrolment, h5p_activity):
    bad = _statement(3)
    bad["verb"] = {"display": {"en-US": "answered"}}  # no verb id
    with pytest.raises(ValidationError):
        _record(enrolment, h5p_activity, bad)
    with pytest.raises(ValidationError):
        _record(enrolment, h5p_activity, "not a statement")
    assert not ActivityResult.objects.exists()


def test_only_h5p_activities_of_ones_own_course_take_results(enrolment, activities, run):
    with pytest.raises(PermissionDenied):
        _record(enrolment, activities[0], _statement(3))
    elsewhere = H5PActivityFactory()
    with pytest.raises(PermissionDenied):
        _record(enrolment, elsewhere, _statement(3))


def test_removed_activities_take_no_results(enrolment, h5p_activity):
    h5p_activity.archived_at = timezone.now()
    h5p_activity.save()
    with pytest.raises(PermissionDenied):
        _record(enrolment, h5p_activity, _statement(3))


def test_any_score_completes_a_graded_rule(enrolment, run):
    activity = H5PActivityFactory(
        module=run.course.modules.first(), completion_rule=CompletionRule.GRADED
    )
    assert _record(enrolment, activity, _statement(1)).completed


@pytest.mark.fixtures
def test_the_real_h5p_statement_is_accepted(enrolment, h5p_activity, fixtures_dir):
    statement = json.loads((fixtures_dir / "xapi" / "xapi-h5p-truefalse-answered.json").read_text())
    scored = _record(enrolment, h5p_activity, statement)

    assert scored.result.scaled == Decimal("0")
    assert scored.result.verb == "http://adlnet.gov/expapi/verbs/answered"
    assert not scored.completed


def test_a_removed_activity_leaves_the_gradebook_but_keeps_its_grades(enrolment, h5p_activity):
    _record(enrolment, h5p_activity, _statement(3))
    course_id = h5p_activity.module.course_id
    assert [item.activity for item in gradebook_selectors.items_of_course(course_id)] == [
        h5p_activity
    ]

    h5p_activity.archived_at = timezone.now()
    h5p_activity.save()
    assert gradebook_selectors.items_of_course(course_id) == []
    assert Grade.objects.filter(item__activity=h5p_activity).count() == 1
