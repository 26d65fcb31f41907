"""xAPI statement validation: the real statements in ../shared/fixtures/xapi and
hand-made ones for the rules they do not cover."""

import copy
import json
from pathlib import Path

import pytest

from content import xapi

GOOD = [
    "xapi-h5p-truefalse-answered.json",
    "xapi-statement-good-000-basic-1.json",
    "xapi-statement-good-001-basic-2.json",
    "xapi-statement-good-002-statementref-object.json",
    "xapi-statement-good-100-appendix-a-1-simple.json",
    "xapi-statement-good-101-appendix-a-2-simple-completion.json",
    "xapi-statement-good-102-appendix-a-3-long.json",
    "xapi-statement-good-200-section-4-1-1-simplest-recommended.json",
    "xapi-statement-good-204-section-4-3-1-voiding-a-statement.json",
]
BAD = {
    "xapi-statement-bad-004-name.json": ["“actor.bad” is not an xAPI property."],
    "xapi-statement-bad-006-id.json": ["“id” must be a UUID."],
    "xapi-statement-bad-008-timestamp.json": ["“timestamp” must be an ISO 8601 date and time."],
    "xapi-statement-bad-011-empty.json": [
        "“actor” is missing.",
        "“verb” is missing.",
        "“object” is missing.",
    ],
    "xapi-statement-bad-012-missing-actor.json": ["“actor” is missing."],
    "xapi-statement-bad-013-missing-verb.json": ["“verb” is missing."],
    "xapi-statement-bad-014-missing-object.json": ["“object” is missing."],
}
DEFINITIONS = [
    "choice",
    "fill-in",
    "likert",
    "matching",
    "numeric",
    "other",
    "performance",
    "sequencing",
    "true-false",
]


def load(fixtures_dir: Path, name: str):
    return json.loads((fixtures_dir / "xapi" / name).read_text())


@pytest.mark.fixtures
@pytest.mark.parametrize("name", GOOD)
def test_valid_statements_pass(name, fixtures_dir):
    assert xapi.statement_validate(load(fixtures_dir, name)) == []


@pytest.mark.fixtures
@pytest.mark.parametrize("name", sorted(BAD))
def test_invalid_statements_are_refused_naming_the_problem(name, fixtures_dir):
    assert xapi.statement_validate(load(fixtures_dir, name)) == BAD[name]


@pytest.mark.fixtures
@pytest.mark.parametrize("kind", DEFINITIONS)
def test_interaction_definitions_pass(kind, fixtures_dir):
    definition = load(fixtures_dir, f"xapi-interaction-definition-{kind}.json")
    assert xapi.activity_definition_validate(definition) == []
    statement = {
        "actor": {"mbox": "mailto:ana@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "https://aula.example/h5p/1", "definition": definition},
    }
    assert xapi.statement_validate(statement) == []


@pytest.mark.fixtures
def test_score_and_verb_of_a_real_h5p_statement(fixtures_dir):
    statement = load(fixtures_dir, "xapi-h5p-truefalse-answered.json")
    assert xapi.statement_score(statement) == (0, 1, 0)
    assert xapi.statement_verb(statement) == "http://adlnet.gov/expapi/verbs/answered"


# --- hand-made statements ----------------------------------------------------------

BASE = {
    "id": "f1f2a1b8-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
    "actor": {
        "objectType": "Agent",
        "account": {"homePage": "urn:munet-aula:user", "name": "42"},
    },
    "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"es": "respondió"}},
    "object": {"id": "https://aula.example/h5p/7", "objectType": "Activity"},
    "result": {
        "score": {"min": 0, "max": 10, "raw": 8, "scaled": 0.8},
        "success": True,
        "completion": True,
        "duration": "PT1M4.5S",
    },
    "context": {"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7"},
    "timestamp": "2026-11-25T10:15:00-05:00",
    "version": "1.0.3",
}


DELETE = object()


def changed(path: str, value) -> dict:
    statement = copy.deepcopy(BASE)
    *parents, key = path.split(".")
    target = statement
    for parent in parents:
        target = target[parent]
    if value is DELETE:
        del target[key]
    else:
        target[key] = value
    return statement


def test_a_complete_statement_passes():
    assert xapi.statement_validate(BASE) == []
    assert xapi.statement_score(BASE) == (8, 10, 0.8)


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("actor.mbox", "mailto:ana@example.org", "“actor” must have exactly one identifier"),
        ("actor.account", DELETE, "“actor” must have exactly one identifier"),
        ("actor.account", {"homePage": "urn:x"}, "“actor.account.name” is missing."),
        ("actor.objectType", "Person", "“actor.objectType” must be an Agent or a Group."),
        ("verb.id", "answered", "“verb.id” must be an IRI"),
        ("object.id", "not an iri", "“object.id” must be an IRI"),
        ("object.objectType", "Thing", "“object.objectType” is not an object type"),
        ("result.score.scaled", 1.5, "“result.score.scaled” must be between -1 and 1."),
        ("result.score.raw", 11, "“result.score.raw” must be between the minimum"),
        ("result.score.min", 10, "“result.score.min” must be less than the maximum."),
        ("result.score.raw", "8", "“result.score.raw” must be a number."),
        ("result.success", "yes", "“result.success” must be true or false."),
        ("result.completion", 1, "“result.completion” must be true or false."),
        ("result.duration", "4 minutes", "“result.duration” must be an ISO 8601 duration"),
        ("context.registration", "abc", "“context.registration” must be a UUID."),
        ("timestamp", "2026-13-40T10:00:00Z", "“timestamp” must be an ISO 8601 date and time."),
        ("version", "2.0.0", "“version” must be an xAPI 1.0 version"),
        ("score", 1, "“score” is not an xAPI property."),
    ],
)
def test_broken_statements_are_refused(path, value, problem):
    problems = xapi.statement_validate(changed(path, value))
    assert any(message.startswith(problem) for message in problems), problems


@pytest.mark.parametrize(
    "actor",
    [
        {"mbox": "mailto:ana@example.org"},
        {"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},
        {"openid": "http://ana.openid.example.org/"},
        {"objectType": "Group", "member": [{"mbox": "mailto:ana@example.org"}]},
    ],
)
def test_each_kind_of_actor_identifier_is_accepted(actor):
    assert xapi.statement_validate(changed("actor", actor)) == []


def test_an_anonymous_group_needs_members():
    problems = xapi.statement_validate(changed("actor", {"objectType": "Group"}))
    assert any("exactly one identifier" in problem for problem in problems)


def test_a_mbox_must_be_a_mailto_address():
    problems = xapi.statement_validate(changed("actor", {"mbox": "ana@example.org"}))
    assert problems == ["“actor.mbox” must be a “mailto:” address."]


def test_a_substatement_may_not_nest_another():
    inner = {
        "objectType": "SubStatement",
        "actor": {"mbox": "mailto:ana@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "https://aula.example/h5p/7"},
    }
    assert xapi.statement_validate(changed("object", inner)) == []
    nested = {**inner, "object": copy.deepcopy(inner)}
    problems = xapi.statement_validate(changed("object", nested))
    assert problems == ["“object.object.objectType” is not an object type this statement may have."]


def test_statements_that_are_not_objects_are_refused():
    assert xapi.statement_validate([]) == ["An xAPI statement must be a JSON object."]


def test_score_helpers_without_a_score():
    assert xapi.statement_score(changed("result", DELETE)) is None
    assert xapi.statement_score(changed("result.score", {"min": 0})) is None
    assert xapi.statement_verb({}) == ""
