"""A small, safe XML reader with line numbers, on the standard library's expat.

`defusedxml` is not installed, so the defences are ours: a document type
declaration (where entities are declared: "billion laughs", external files) stops
the parse, as do entity declarations and references to external entities.
Every element keeps the line it starts on, for error messages and reports.
"""

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from django.utils.translation import gettext as _

from assessments.importers.spec import QuestionFileError


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list["Node"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find(self, tag: str) -> "Node | None":
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list["Node"]:
        return [child for child in self.children if child.tag == tag]

    def value(self, path: str, default: str = "") -> str:
        """The stripped text at a path of child tags (`name/text`), else `default`."""
        node: Node | None = self
        for tag in path.split("/"):
            node = node.find(tag) if node is not None else None
        return node.text.strip() if node is not None else default

    def iter(self, tag: str):
        for child in self.children:
            if child.tag == tag:
                yield child
            yield from child.iter(tag)


_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_xml(text: str) -> Node:
    # The text is already decoded: its declared encoding no longer applies, and
    # blanks before the declaration (a common slip) should not stop the import.
    # Blanked rather than removed, so that line numbers stay right.
    text = _DECLARATION.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)
    parser = expat.ParserCreate(encoding="UTF-8")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = []
    roots: list[Node] = []

    def refuse(*_args):
        raise QuestionFileError(
            parser.CurrentLineNumber,
            _("XML files with a document type or entity declarations are not accepted."),
        )

    def start(tag, attrs):
        node = Node(tag, attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag):
        stack.pop()

    def data(chunk):
        if stack:
            stack[-1].parts.append(chunk)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.buffer_text = True
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as error:
        raise QuestionFileError(
            error.lineno,
            _("The XML is not well formed: %(error)s.") % {"error": expat.ErrorString(error.code)},
        ) from None
    return roots[0]
