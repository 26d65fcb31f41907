"""Authored text → the sanitised HTML we store, with embedded images kept as `data:` URIs.

Moodle writes its text formats as `html`, `moodle_auto_format`, `plain_text`,
`markdown` (and the old `wiki_like`); GIFT as `[html]`, `[moodle]`, `[plain]`,
`[markdown]`. Plain text is escaped, Moodle's auto-format turns line ends into
`<br>`, markdown is rendered, and everything goes through
`content.sanitize.sanitize_html`.

That sanitiser drops `data:` URLs (rightly: a `data:text/html` link is a way in),
so images are protected around it, narrowly: only the `src` of an `<img>`, only
PNG, JPEG, GIF or WebP recognised by their first bytes (never SVG), at most
`MAX_IMAGE_BYTES` each. Images come from Moodle XML `<file>` elements referred
to as `@@PLUGINFILE@@/name`, or are already `data:` URIs (our own GIFT export).
Other files (audio, documents) and references to files that are not there are
dropped and reported; a link to one keeps its text, an image its alt text.
"""

import base64
import binascii
import html
import re
import secrets
from urllib.parse import unquote

import nh3

from content.sanitize import render_markdown, sanitize_html

HTML, MOODLE, PLAIN, MARKDOWN = "html", "moodle", "plain", "markdown"
PLUGINFILE = "@@PLUGINFILE@@/"
MAX_IMAGE_BYTES = 1024 * 1024

_FORMAT_NAMES = {
    "html": HTML,
    "moodle": MOODLE,
    "moodle_auto_format": MOODLE,
    "plain": PLAIN,
    "plain_text": PLAIN,
    "wiki_like": PLAIN,
    "markdown": MARKDOWN,
}
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""(\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
_DATA_URI = re.compile(r"^data:image/[a-z0-9.+-]+;base64,([a-z0-9+/=\s]+)$", re.IGNORECASE)
_ALT = re.compile(r'\balt="([^"]*)"')
_PLUGIN_IMG = re.compile(r'<img\b[^>]*\bsrc="@@PLUGINFILE@@/([^"]*)"[^>]*>', re.IGNORECASE)
_PLUGIN_LINK = re.compile(
    r'<a\b[^>]*\bhref="@@PLUGINFILE@@/([^"]*)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL
)


def format_name(name: str | None, default: str = HTML) -> str:
    """Our name of a Moodle or GIFT text format (unknown ones: `default`)."""
    return _FORMAT_NAMES.get((name or "").strip().lower(), default)


def image_type(content: bytes) -> str | None:
    """The MIME type of a raster image we show, from its first bytes; None otherwise."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return None


def _data_uri(content: bytes) -> str | None:
    mime = image_type(content)
    if mime is None or len(content) > MAX_IMAGE_BYTES:
        return None
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def _decode_data_uri(uri: str) -> bytes | None:
    match = _DATA_URI.match(uri.strip())
    if not match:
        return None
    try:
        return base64.b64decode("".join(match.group(1).split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def to_html(
    text: str, text_format: str, files: dict[str, bytes] | None = None
) -> tuple[str, list[str]]:
    """Sanitised HTML for `text` and the names of the files that were dropped."""
    text = (text or "").strip()
    if not text:
        return "", []
    if text_format == PLAIN:
        source = html.escape(text, quote=False).replace("\n", "<br>\n")
    elif text_format == MOODLE:
        source = text.replace("\n", "<br>\n")
    elif text_format == MARKDOWN:
        source = render_markdown(text)
    else:
        source = text
    files = files or {}
    token = secrets.token_hex(8)
    kept: list[str] = []

    def protect_src(match: re.Match) -> str:
        value = html.unescape(next(g for g in match.groups()[1:] if g is not None))
        if value.startswith(PLUGINFILE):
            content = files.get(unquote(value[len(PLUGINFILE) :]))
            uri = _data_uri(content) if content is not None else None
        elif value.lower().startswith("data:"):
            content = _decode_data_uri(value)
            uri = _data_uri(content) if content is not None else None
        else:
            return match.group(0)
        if uri is None:
            return match.group(0)
        kept.append(uri)
        return f'{match.group(1)}"https://{token}.invalid/{len(kept) - 1}"'

    source = _IMG_TAG.sub(lambda tag: _SRC.sub(protect_src, tag.group(0), count=1), source)
    cleaned = sanitize_html(source)
    placeholder = re.compile(rf'src="https://{token}\.invalid/(\d+)"')
    cleaned = _IMG_TAG.sub(
        lambda tag: placeholder.sub(lambda m: f'src="{kept[int(m.group(1))]}"', tag.group(0)),
        cleaned,
    )
    dropped: list[str] = []

    def drop_image(match: re.Match) -> str:
        dropped.append(unquote(html.unescape(match.group(1))))
        alt = _ALT.search(match.group(0))
        return alt.group(1) if alt else ""

    def drop_link(match: re.Match) -> str:
        dropped.append(unquote(html.unescape(match.group(1))))
        return match.group(2)

    cleaned = _PLUGIN_IMG.sub(drop_image, cleaned)
    cleaned = _PLUGIN_LINK.sub(drop_link, cleaned)
    return cleaned.strip(), dropped


def to_plain(html_text: str) -> str:
    """The words of some HTML on one line (for names)."""
    words = html.unescape(nh3.clean(html_text or "", tags=set()))
    return " ".join(words.split())


def shorten(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"
