"""xAPI 1.0.3 statements: the rules that matter to us, checked by hand.

`statement_validate` returns the problems found (empty when valid), each
naming the property at fault by its path, e.g. “result.score.scaled”.
"""

import datetime
import re
from typing import Any

from django.utils.translation import gettext as _

STATEMENT_KEYS = {
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
    "authority", "version", "attachments",
}  # fmt: skip
SUBSTATEMENT_KEYS = {
    "objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"
}  # fmt: skip
AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}
GROUP_KEYS = AGENT_KEYS | {"member"}
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
VERB_KEYS = {"id", "display"}
ACTIVITY_KEYS = {"objectType", "id", "definition"}
DEFINITION_KEYS = {
    "name", "description", "type", "moreInfo", "extensions", "interactionType",
    "correctResponsesPattern", "choices", "scale", "source", "target", "steps",
}  # fmt: skip
INTERACTION_TYPES = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
    "sequencing", "likert", "numeric", "other",
}  # fmt: skip
INTERACTION_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
CONTEXT_KEYS = {
    "registration", "instructor", "team", "contextActivities", "revision", "platform",
    "language", "statement", "extensions",
}  # fmt: skip
CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}
ATTACHMENT_KEYS = {
    "usageType",
    "display",
    "description",
    "contentType",
    "length",
    "sha2",
    "fileUrl",
}

IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$", re.IGNORECASE
)
_NUMBER = r"\d+(?:[.,]\d+)?"
DURATION = re.compile(
    rf"^P(?!$)(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?=\d)(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$"
)
VERSION = re.compile(r"^1\.0(\.\d+)?$")


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, message: str, path: str) -> None:
        self.problems.append(message % {"path": path})

    # --- shapes ---------------------------------------------------------------

    def is_object(self, value: Any, path: str) -> bool:
        if not isinstance(value, dict):
            self.add(_("“%(path)s” must be a JSON object."), path)
            return False
        return True

    def known_keys(self, value: dict, allowed: set[str], path: str) -> None:
        for key in sorted(set(value) - allowed):
            self.add(_("“%(path)s” is not an xAPI property."), f"{path}.{key}" if path else key)

    def required(self, value: dict, keys: tuple[str, ...], path: str) -> bool:
        missing = [key for key in keys if key not in value]
        for key in missing:
            self.add(_("“%(path)s” is missing."), f"{path}.{key}" if path else key)
        return not missing

    def iri(self, value: Any, path: str) -> None:
        if not isinstance(value, str) or not IRI.match(value):
            self.add(_("“%(path)s” must be an IRI (an address such as https://…)."), path)

    def uuid(self, value: Any, path: str) -> None:
        if not isinstance(value, str) or not UUID.match(value):
            self.add(_("“%(path)s” must be a UUID."), path)

    def string(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            self.add(_("“%(path)s” must be a string."), path)

    def boolean(self, value: Any, path: str) -> None:
        if not isinstance(value, bool):
            self.add(_("“%(path)s” must be true or false."), path)

    def timestamp(self, value: Any, path: str) -> None:
        if isinstance(value, str) and TIMESTAMP.match(value):
            try:
                datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
                return
            except ValueError:
                pass
        self.add(_("“%(path)s” must be an ISO 8601 date and time."), path)

    def language_map(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        for tag, text in value.items():
            if not LANGUAGE_TAG.match(tag) or not isinstance(text, str):
                self.add(_("“%(path)s” must map language tags to texts."), path)
                return

    def extensions(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        for key in value:
            self.iri(key, f"{path}.{key}")

    # --- actors ---------------------------------------------------------------

    def actor(self, value: Any, path: str, *, group_allowed: bool = True) -> None:
        if not self.is_object(value, path):
            return
        kind = value.get("objectType", "Agent")
        if kind == "Group" and group_allowed:
            self._group(value, path)
        elif kind == "Agent":
            self.known_keys(value, AGENT_KEYS, path)
            self._identifier(value, path, required=True)
        else:
            self.add(_("“%(path)s” must be an Agent or a Group."), f"{path}.objectType")
        if "name" in value:
            self.string(value["name"], f"{path}.name")

    def _group(self, value: dict, path: str) -> None:
        self.known_keys(value, GROUP_KEYS, path)
        members = value.get("member")
        if members is not None:
            if isinstance(members, list):
                for index, member in enumerate(members):
                    self.actor(member, f"{path}.member[{index}]", group_allowed=False)
            else:
                self.add(_("“%(path)s” must be a list of agents."), f"{path}.member")
        # An anonymous group is known by its members; an identified one by its IFI.
        self._identifier(value, path, required=not members)

    def _identifier(self, value: dict, path: str, *, required: bool) -> None:
        found = [key for key in IFI_KEYS if key in value]
        if len(found) > 1 or (required and not found):
            self.add(
                _(
                    "“%(path)s” must have exactly one identifier: mbox, mbox_sha1sum, openid "
                    "or account."
                ),
                path,
            )
        if "mbox" in value:
            mbox = value["mbox"]
            if not isinstance(mbox, str) or not re.match(r"^mailto:[^@\s]+@[^@\s]+$", mbox):
                self.add(_("“%(path)s” must be a “mailto:” address."), f"{path}.mbox")
        if "mbox_sha1sum" in value and not (
            isinstance(value["mbox_sha1sum"], str) and SHA1.match(value["mbox_sha1sum"])
        ):
            self.add(_("“%(path)s” must be a SHA-1 hash."), f"{path}.mbox_sha1sum")
        if "openid" in value:
            self.iri(value["openid"], f"{path}.openid")
        if "account" in value:
            self._account(value["account"], f"{path}.account")

    def _account(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, {"homePage", "name"}, path)
        if self.required(value, ("homePage", "name"), path):
            self.iri(value["homePage"], f"{path}.homePage")
            self.string(value["name"], f"{path}.name")

    # --- verb, object ------------------------------------------------------------

    def verb(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, VERB_KEYS, path)
        if self.required(value, ("id",), path):
            self.iri(value["id"], f"{path}.id")
        if "display" in value:
            self.language_map(value["display"], f"{path}.display")

    def object(self, value: Any, path: str, *, in_substatement: bool = False) -> None:
        if not self.is_object(value, path):
            return
        kind = value.get("objectType", "Activity")
        if kind == "Activity":
            self.activity(value, path)
        elif kind in ("Agent", "Group"):
            self.actor(value, path)
        elif kind == "StatementRef":
            self.known_keys(value, {"objectType", "id"}, path)
            if self.required(value, ("id",), path):
                self.uuid(value["id"], f"{path}.id")
        elif kind == "SubStatement" and not in_substatement:
            self._substatement(value, path)
        else:
            self.add(
                _("“%(path)s” is not an object type this statement may have."), f"{path}.objectType"
            )

    def activity(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, ACTIVITY_KEYS, path)
        if value.get("objectType", "Activity") != "Activity":
            self.add(_("“%(path)s” must be an Activity."), f"{path}.objectType")
        if self.required(value, ("id",), path):
            self.iri(value["id"], f"{path}.id")
        if "definition" in value:
            self.definition(value["definition"], f"{path}.definition")

    def definition(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, DEFINITION_KEYS, path)
        for key in ("name", "description"):
            if key in value:
                self.language_map(value[key], f"{path}.{key}")
        for key in ("type", "moreInfo"):
            if key in value:
                self.iri(value[key], f"{path}.{key}")
        if "extensions" in value:
            self.extensions(value["extensions"], f"{path}.extensions")
        self._interaction(value, path)

    def _interaction(self, value: dict, path: str) -> None:
        if "interactionType" in value and value["interactionType"] not in INTERACTION_TYPES:
            self.add(_("“%(path)s” is not an xAPI interaction type."), f"{path}.interactionType")
        pattern = value.get("correctResponsesPattern", [])
        if not isinstance(pattern, list) or not all(isinstance(item, str) for item in pattern):
            self.add(_("“%(path)s” must be a list of strings."), f"{path}.correctResponsesPattern")
        for key in INTERACTION_COMPONENT_LISTS:
            components = value.get(key, [])
            if not isinstance(components, list):
                self.add(_("“%(path)s” must be a list."), f"{path}.{key}")
                continue
            for index, component in enumerate(components):
                self._component(component, f"{path}.{key}[{index}]")

    def _component(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, {"id", "description"}, path)
        if self.required(value, ("id",), path):
            self.string(value["id"], f"{path}.id")
        if "description" in value:
            self.language_map(value["description"], f"{path}.description")

    def _substatement(self, value: dict, path: str) -> None:
        self.known_keys(value, SUBSTATEMENT_KEYS, path)
        self.body(value, path, in_substatement=True)

    # --- result and context -----------------------------------------------------

    def result(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, RESULT_KEYS, path)
        if "score" in value:
            self.score(value["score"], f"{path}.score")
        for key in ("success", "completion"):
            if key in value:
                self.boolean(value[key], f"{path}.{key}")
        if "response" in value:
            self.string(value["response"], f"{path}.response")
        if "duration" in value and not (
            isinstance(value["duration"], str) and DURATION.match(value["duration"])
        ):
            self.add(
                _("“%(path)s” must be an ISO 8601 duration such as PT4.9S."), f"{path}.duration"
            )
        if "extensions" in value:
            self.extensions(value["extensions"], f"{path}.extensions")

    def score(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, SCORE_KEYS, path)
        numbers = {}
        for key in SCORE_KEYS & set(value):
            if isinstance(value[key], bool) or not isinstance(value[key], int | float):
                self.add(_("“%(path)s” must be a number."), f"{path}.{key}")
            else:
                numbers[key] = value[key]
        scaled, raw = numbers.get("scaled"), numbers.get("raw")
        low, high = numbers.get("min"), numbers.get("max")
        if scaled is not None and not -1 <= scaled <= 1:
            self.add(_("“%(path)s” must be between -1 and 1."), f"{path}.scaled")
        if low is not None and high is not None and not low < high:
            self.add(_("“%(path)s” must be less than the maximum."), f"{path}.min")
        if raw is not None and (
            (low is not None and raw < low) or (high is not None and raw > high)
        ):
            self.add(_("“%(path)s” must be between the minimum and the maximum."), f"{path}.raw")

    def context(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, CONTEXT_KEYS, path)
        if "registration" in value:
            self.uuid(value["registration"], f"{path}.registration")
        if "instructor" in value:
            self.actor(value["instructor"], f"{path}.instructor")
        if "team" in value:
            if isinstance(value["team"], dict) and value["team"].get("objectType") != "Group":
                self.add(_("“%(path)s” must be a Group."), f"{path}.team.objectType")
            self.actor(value["team"], f"{path}.team")
        for key in ("revision", "platform"):
            if key in value:
                self.string(value[key], f"{path}.{key}")
        if "language" in value and not (
            isinstance(value["language"], str) and LANGUAGE_TAG.match(value["language"])
        ):
            self.add(_("“%(path)s” must be a language tag."), f"{path}.language")
        if "statement" in value:
            reference = value["statement"]
            if self.is_object(reference, f"{path}.statement"):
                if reference.get("objectType") != "StatementRef":
                    self.add(_("“%(path)s” must be a StatementRef."), f"{path}.statement")
                self.object(reference, f"{path}.statement")
        if "contextActivities" in value:
            self._context_activities(value["contextActivities"], f"{path}.contextActivities")
        if "extensions" in value:
            self.extensions(value["extensions"], f"{path}.extensions")

    def _context_activities(self, value: Any, path: str) -> None:
        if not self.is_object(value, path):
            return
        self.known_keys(value, CONTEXT_ACTIVITY_KEYS, path)
        for key in CONTEXT_ACTIVITY_KEYS & set(value):
            activities = value[key] if isinstance(value[key], list) else [value[key]]
            for index, activity in enumerate(activities):
                self.activity(activity, f"{path}.{key}[{index}]")

    def attachments(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            self.add(_("“%(path)s” must be a list."), path)
            return
        for index, attachment in enumerate(value):
            here = f"{path}[{index}]"
            if not self.is_object(attachment, here):
                continue
            self.known_keys(attachment, ATTACHMENT_KEYS, here)
            if self.required(
                attachment, ("usageType", "display", "contentType", "length", "sha2"), here
            ):
                self.iri(attachment["usageType"], f"{here}.usageType")
                self.language_map(attachment["display"], f"{here}.display")

    # --- the statement ------------------------------------------------------------

    def body(self, value: dict, path: str, *, in_substatement: bool = False) -> None:
        prefix = f"{path}." if path else ""
        self.required(value, ("actor", "verb", "object"), path)
        if "actor" in value:
            self.actor(value["actor"], f"{prefix}actor")
        if "verb" in value:
            self.verb(value["verb"], f"{prefix}verb")
        if "object" in value:
            self.object(value["object"], f"{prefix}object", in_substatement=in_substatement)
        if "result" in value:
            self.result(value["result"], f"{prefix}result")
        if "context" in value:
            self.context(value["context"], f"{prefix}context")
        if "timestamp" in value:
            self.timestamp(value["timestamp"], f"{prefix}timestamp")
        if "attachments" in value:
            self.attachments(value["attachments"], f"{prefix}attachments")


def statement_validate(statement: Any) -> list[str]:
    """The problems that make `statement` an invalid xAPI 1.0.3 statement; [] when valid."""
    checker = _Checker()
    if not isinstance(statement, dict):
        return [_("An xAPI statement must be a JSON object.")]
    checker.known_keys(statement, STATEMENT_KEYS, "")
    checker.body(statement, "")
    if "id" in statement:
        checker.uuid(statement["id"], "id")
    if "stored" in statement:
        checker.timestamp(statement["stored"], "stored")
    if "authority" in statement:
        checker.actor(statement["authority"], "authority")
    if "version" in statement and not (
        isinstance(statement["version"], str) and VERSION.match(statement["version"])
    ):
        checker.add(_("“%(path)s” must be an xAPI 1.0 version such as 1.0.3."), "version")
    return checker.problems


def activity_definition_validate(definition: Any) -> list[str]:
    """The problems of an activity definition (the `object.definition` of a statement)."""
    checker = _Checker()
    checker.definition(definition, "object.definition")
    return checker.problems


def statement_score(statement: dict) -> tuple[Any, Any, Any] | None:
    """(raw, max, scaled) of the statement's result, None where absent; None without a score."""
    result = statement.get("result")
    score = result.get("score") if isinstance(result, dict) else None
    if not isinstance(score, dict):
        return None
    raw, maximum, scaled = score.get("raw"), score.get("max"), score.get("scaled")
    if raw is None and scaled is None:
        return None
    return raw, maximum, scaled


def statement_verb(statement: dict) -> str:
    """The verb's IRI ("" when there is none)."""
    verb = statement.get("verb")
    identifier = verb.get("id") if isinstance(verb, dict) else None
    return identifier if isinstance(identifier, str) else ""


# H5P marks statements about a part of the content (a question inside a
# question set) with this extension; only the whole content's result counts.
H5P_SUBCONTENT_EXTENSION = "http://h5p.org/x-api/h5p-subContentId"


def statement_about_whole_content(statement: dict) -> bool:
    """False when an H5P player sent the statement about one part of its content."""
    definition = (statement.get("object") or {}).get("definition") or {}
    return H5P_SUBCONTENT_EXTENSION not in (definition.get("extensions") or {})
