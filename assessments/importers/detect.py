"""Which text encoding and which format a question file has.

Encoding: a byte-order mark wins; otherwise strict UTF-8; otherwise Windows-1252
(what Moodle on Windows and Excel write for Spanish text), falling back to
ISO-8859-1 for the five bytes Windows-1252 leaves undefined.

Format: Moodle XML when the text starts with `<?xml` or `<quiz`; Aiken when it
has an `ANSWER:` line, a line like an option (`A)`, `b.`, `1)`) and no GIFT
braces (the Aiken reader then checks every question and refuses the file, with
the line, where one is not Aiken); GIFT
otherwise (plain text without braces is a GIFT description; Cloze text is
reported by the GIFT reader).
"""

import codecs
import re

from django.utils.translation import gettext as _

from assessments.importers.spec import QuestionFileError

GIFT, MOODLE_XML, AIKEN = "gift", "moodlexml", "aiken"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_AIKEN_ANSWER = re.compile(r"^[ \t]*ANSWER[ \t]*:", re.MULTILINE | re.IGNORECASE)
_AIKEN_OPTION = re.compile(r"^[ \t]*[A-Za-z0-9][.)][ \t]+\S", re.MULTILINE)


def decode(data: bytes) -> tuple[str, str]:
    """The file's text (line ends normalised to \\n) and the name of its encoding."""
    for bom, codec, bom_name in _BOMS:
        if data.startswith(bom):
            try:
                text, name = data.decode(codec), bom_name
            except UnicodeDecodeError:
                raise QuestionFileError(1, _("The file is not readable text.")) from None
            break
    else:
        try:
            text, name = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text, name = data.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                text, name = data.decode("latin-1"), "ISO-8859-1"
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise QuestionFileError(line, _("The file is not a text file."))
    return text, name


def detect_format(text: str, filename: str = "") -> str:
    start = text.lstrip()[:200].lower()
    if start.startswith(("<?xml", "<quiz")):
        return MOODLE_XML
    if filename.lower().endswith(".xml") and start.startswith("<"):
        return MOODLE_XML
    if filename.lower().endswith(".gift"):
        return GIFT
    if (
        "{" not in text
        and "}" not in text
        and _AIKEN_ANSWER.search(text)
        and _AIKEN_OPTION.search(text)
    ):
        return AIKEN
    return GIFT
