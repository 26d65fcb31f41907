"""Playing H5P content: the player page and the files it loads.

The player runs in an iframe sandboxed with `allow-scripts` only, so the
package's scripts run in an opaque origin: they cannot read our cookies, our
pages or call our API as the person. Such a frame sends no cookies, so its
files are reached by capability: content files under a token that names the
content and the day (stable for a day, so browsers can cache them), library
files (shared, open-source code) openly. The page around the frame relays the
player's xAPI statements to our API (static/frontend/h5p-relay.js).
"""

import datetime
import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from content.models import H5PContent
from courses import selectors as course_selectors

_TOKEN_SALT = "munet.h5p.content"  # noqa: S105 (a key salt, not a password)
_TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".vtt": "text/vtt",
    ".webvtt": "text/vtt",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".md": "text/plain",
}
# H5P core writes this one inline script into the frame it plays content in
# ("H5PIntegration = window.parent.H5PIntegration; …"); its hash is fixed by
# the pinned h5p-standalone version (frontend/package-lock.json).
_H5P_FRAME_SCRIPT_HASH = "'sha256-8CniZYrnO46q7MvZ3m08Wom1HH/ZhyXmm29kBKTV1rk='"
# A file opened on its own (an SVG, say) runs nothing and loads nothing.
_FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def _h5p_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "h5p"


def _day(now: datetime.datetime | None = None) -> int:
    return (now or timezone.now()).date().toordinal()


def _mac(content_id: int, day: int) -> str:
    return salted_hmac(_TOKEN_SALT, f"{content_id}.{day}", algorithm="sha256").hexdigest()[:32]


def content_token(content_id: int, *, now: datetime.datetime | None = None) -> str:
    day = _day(now)
    return f"{content_id}.{day}.{_mac(content_id, day)}"


def content_id_from_token(token: str, *, now: datetime.datetime | None = None) -> int | None:
    """The content a token opens, if it is genuine and from today or yesterday."""
    try:
        content_id, day, mac = token.split(".")
        content_id, day = int(content_id), int(day)
    except ValueError:
        return None
    if _day(now) - day not in (0, 1):
        return None
    return content_id if constant_time_compare(mac, _mac(content_id, day)) else None


def player_url(content: H5PContent, *, activity_id: int | None = None) -> str:
    url = reverse("h5p_player", args=[content_token(content.pk)])
    return f"{url}?activity={activity_id}" if activity_id else url


def _player_csp(needs_internet: bool) -> dict:
    remote = ["https:"] if needs_internet else []
    return {
        "default-src": [CSP.NONE],
        # H5P libraries are loaded as script files from our own host; many
        # content types set inline styles, which cannot run code. Some
        # libraries compile templates with eval (EmbeddedJS, used by
        # MultiChoice): allowed because the `sandbox` below keeps every script
        # of this page in an opaque origin, even when it is opened on its own.
        "script-src": [
            CSP.SELF,
            CSP.UNSAFE_EVAL,
            _H5P_FRAME_SCRIPT_HASH,
            *(["https://www.youtube.com"] if needs_internet else []),
        ],
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:", "blob:", *remote],
        "media-src": [CSP.SELF, "blob:", *remote],
        "font-src": [CSP.SELF, "data:"],
        "connect-src": [CSP.SELF],
        "frame-src": [CSP.SELF, *remote],
        "object-src": [CSP.NONE],
        "base-uri": [CSP.NONE],
        "form-action": [CSP.NONE],
        "frame-ancestors": [CSP.SELF],
        "sandbox": ["allow-scripts"],
    }


@require_safe
@xframe_options_sameorigin
def player(request, token: str):
    content_id = content_id_from_token(token)
    content = H5PContent.objects.filter(pk=content_id).select_related("main_library").first()
    if content is None:
        raise Http404
    base = reverse("h5p_content_file", args=[token, "h5p.json"]).removesuffix("/h5p.json")
    activity = request.GET.get("activity", "")
    options = {
        "id": f"munet-{content.pk}",
        "h5pJsonPath": base,
        "contentJsonPath": f"{base}/content",
        "librariesPath": reverse("h5p_library_file", args=["x", "y"]).removesuffix("/x/y"),
        "frameJs": static("h5p-standalone/frame.bundle.js"),
        "frameCss": static("h5p-standalone/styles/h5p.css"),
        # Inside our sandbox an H5P iframe would get an origin of its own that
        # the player cannot reach: play in a div; our frame is the isolation.
        "embedType": "div",
        "frame": False,
        "copyright": False,
        "export": False,
        "icon": False,
        "fullScreen": False,
        "xAPIObjectIRI": request.build_absolute_uri(f"/activities/{activity or content.pk}"),
    }
    response = render(
        request,
        "frontend/h5p/player.html",
        {
            "content": content,
            "config": {
                "options": options,
                "parentOrigin": f"{request.scheme}://{request.get_host()}",
            },
        },
    )
    response._csp_config = _player_csp(content.needs_internet)
    return response


def _serve(folder: Path, path: str, *, public: bool):
    target = (folder / path).resolve()
    if not target.is_relative_to(folder.resolve()) or not target.is_file():
        raise Http404
    suffix = target.suffix.lower()
    content_type = _TYPES.get(suffix) or mimetypes.guess_type(target.name)[0]
    response = FileResponse(
        target.open("rb"), content_type=content_type or "application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = _FILE_CSP
    # The sandboxed player has an opaque origin: its fetches are cross-origin.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Cache-Control"] = f"{'public' if public else 'private'}, max-age=86400"
    return response


@require_safe
def content_file(request, token: str, path: str):
    content_id = content_id_from_token(token)
    if content_id is None:
        raise Http404
    return _serve(_h5p_root() / "content" / str(content_id), path, public=False)


@require_safe
def library_file(request, folder: str, path: str):
    if "/" in folder or folder.startswith("."):
        raise Http404
    return _serve(_h5p_root() / "libraries" / folder, path, public=True)


def activity_panel(request, enrolment, activity) -> dict:
    """What an H5P activity shows inside the activity page (see learner.ACTIVITY_PANELS)."""
    content = activity.h5p
    progress = course_selectors.progress_for(enrolment, activity)
    return {
        "content": content,
        "player_url": player_url(content, activity_id=activity.pk),
        "best_scaled": progress.best_scaled if progress else None,
        "pass_fraction": course_selectors.scored_pass_fraction_of(activity),
    }
