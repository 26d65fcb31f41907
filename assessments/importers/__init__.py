"""Question files: read GIFT, Moodle XML and Aiken into plain data; write GIFT.

Pure: no database, no request. `parse_question_file` reads the whole file first
(text encoding and format detected) and either returns everything it says — the
questions, the categories, the questions of types we do not support and the
files we did not keep — or raises `QuestionFileError` with a line number, so an
import can be all or nothing. `assessments.services.questionbank` stores it.
"""

from django.utils.translation import gettext as _

from assessments.importers.aiken import parse_aiken
from assessments.importers.detect import AIKEN, GIFT, MOODLE_XML, decode, detect_format
from assessments.importers.gift import parse_gift
from assessments.importers.gift_export import export_gift
from assessments.importers.moodlexml import parse_moodle_xml
from assessments.importers.spec import (
    AnswerSpec,
    CategorySpec,
    DroppedFile,
    ParsedBank,
    QuestionFileError,
    QuestionSpec,
    Unsupported,
)

MAX_BYTES = 20 * 1024 * 1024  # Moodle XML carries its images inside
FORMAT_NAMES = {GIFT: "GIFT", MOODLE_XML: "Moodle XML", AIKEN: "Aiken"}
_PARSERS = {GIFT: parse_gift, MOODLE_XML: parse_moodle_xml, AIKEN: parse_aiken}


def parse_question_file(data: bytes, filename: str = "") -> ParsedBank:
    if len(data) > MAX_BYTES:
        raise QuestionFileError(
            1,
            _("The file is too large (at most %(megabytes)d MB).")
            % {"megabytes": MAX_BYTES // (1024 * 1024)},
        )
    text, encoding = decode(data)
    if not text.strip():
        raise QuestionFileError(1, _("The file is empty."))
    file_format = detect_format(text, filename)
    bank = _PARSERS[file_format](text, ParsedBank(format=file_format, encoding=encoding))
    if not (bank.questions or bank.unsupported or bank.categories):
        raise QuestionFileError(1, _("The file has no questions."))
    return bank


__all__ = [
    "FORMAT_NAMES",
    "MAX_BYTES",
    "AnswerSpec",
    "CategorySpec",
    "DroppedFile",
    "ParsedBank",
    "QuestionFileError",
    "QuestionSpec",
    "Unsupported",
    "export_gift",
    "parse_question_file",
]
