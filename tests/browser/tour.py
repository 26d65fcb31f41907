"""The tour of every main page of every role (issue 8), made once per test session.

For each role a browser context logs in (none for anonymous visitors) and opens each
of its main pages (scene.main_pages) as a first-time visitor, with an empty cache.
Per page it records:

- every request, with the bytes received (headers and compressed body), its
  headers, or its failure;
- axe-core's violations of WCAG 2.0/2.1/2.2 A and AA at a desktop width;
- at a phone's 360 × 740 px: the document's width, and axe's rules that depend on
  the layout (scrolling regions, target sizes).

The tests in test_accessibility.py and test_page_weight.py assert on the record.
No request leaves this machine: a course video that an author linked from another
host is answered as if the internet were down (and recorded).
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

from tests.browser.scene import LINKED_VIDEO, build_scene, main_pages

# As lms/settings.py has it in production (tests/lms/test_static_files.py checks).
PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The rules whose outcome changes with the width of the screen.
AXE_LAYOUT_RULES = ["scrollable-region-focusable", "target-size", "meta-viewport"]
# Bounded: a page that stopped registering its service worker must not hang the tour.
SERVICE_WORKER_READY = """Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise(resolve => setTimeout(() => resolve(false), 10000)),
])"""
AXE_RUN = """async ([options]) => {
    const results = await axe.run(document, options);
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)}))
    }));
}"""


@dataclass
class Request:
    url: str
    bytes: int = 0
    status: int | None = None
    headers: dict = field(default_factory=dict)
    failed: bool = False


@dataclass
class Visit:
    role: str
    name: str
    path: str
    status: int
    expected_status: int
    final_url: str  # after redirects
    requests: list[Request]
    violations: list[dict]  # axe, desktop width
    phone_violations: list[dict]  # axe's layout rules, 360 px
    phone_width: int
    text: str  # what the page says, where it shows media linked from another host

    @property
    def label(self) -> str:
        return f"{self.role} · {self.name} ({self.path})"


@dataclass
class Tour:
    base: str
    visits: list[Visit]
    linked_media: set[str]  # course media that authors linked from other hosts


def same_origin(url: str, base: str) -> bool:
    return urlsplit(url)[:2] == urlsplit(base)[:2]


class _Recorder:
    """The requests of a browser context, service worker fetches included."""

    def __init__(self, context):
        self.finished, self.failed, self.pending = [], [], set()
        context.on("request", self._started)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)

    def _started(self, request):
        self.pending.add(request)

    def _finished(self, request):
        self.pending.discard(request)
        self.finished.append(request)

    def _failed(self, request):
        self.pending.discard(request)
        self.failed.append(request)

    def settle(self, page) -> None:
        """Wait for the requests the page's scripts started after 'load' (bounded)."""
        for _ in range(400):
            if not self.pending:
                return
            page.wait_for_timeout(25)
        raise AssertionError(f"requests still pending: {[r.url for r in self.pending]}")

    def take(self) -> list[Request]:
        rows = [Request(url=r.url, failed=True) for r in self.failed]
        for request in self.finished:
            sizes = request.sizes()
            response = request.response()
            rows.append(
                Request(
                    url=request.url,
                    bytes=sizes["responseHeadersSize"] + sizes["responseBodySize"],
                    status=response.status,
                    headers=response.all_headers(),
                )
            )
        self.finished, self.failed = [], []
        return rows


def _context(browser, base: str, user):
    context = browser.new_context(locale="es-ES", viewport=DESKTOP)
    context.set_extra_http_headers({"Accept-Language": "es"})
    context.set_default_timeout(15_000)
    # Routing every request also turns the HTTP cache off: each page is a first visit.
    context.route("**/*", lambda route: _same_origin_only(route, base))
    if user is not None:
        # Logged in as Django's test client does it (the login page has its own visit).
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
    return context


def _same_origin_only(route, base: str) -> None:
    if same_origin(route.request.url, base):
        route.continue_()
    else:
        route.abort("internetdisconnected")


def _linked(requests: list[Request], base: str) -> bool:
    return any(not same_origin(request.url, base) for request in requests)


def _axe(page, axe_source: str, options: dict) -> list[dict]:
    if not page.evaluate("typeof window.axe === 'object'"):
        # Through the DevTools protocol: the page's own CSP stays in force for the rest.
        page.evaluate(axe_source)
    return page.evaluate(AXE_RUN, [options])


def take_tour(browser, base: str, axe_source: str) -> Tour:
    scene = build_scene()
    users = {
        "anonymous": None,
        "official": scene.official,
        "coordinator": scene.coordinator,
        "tutor": scene.tutor,
        "manager": scene.manager,
        "administrator": scene.administrator,
    }
    desktop_rules = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    phone_rules = {
        "runOnly": {"type": "rule", "values": AXE_LAYOUT_RULES},
        "resultTypes": ["violations"],
    }
    visits = []
    for role, pages in main_pages(scene).items():
        context = _context(browser, base, users[role])
        recorder = _Recorder(context)
        page = context.new_page()
        recorder.take()
        for main_page in pages:
            page.set_viewport_size(DESKTOP)
            response = page.goto(base + main_page.path, wait_until="load")
            if main_page.path.startswith("/v/"):
                # Its service worker caches the page for offline use: count that too.
                page.evaluate(SERVICE_WORKER_READY)
            recorder.settle(page)
            requests = recorder.take()
            violations = _axe(page, axe_source, desktop_rules)
            page.set_viewport_size(PHONE)
            visits.append(
                Visit(
                    role=role,
                    name=main_page.name,
                    path=main_page.path,
                    status=response.status,
                    expected_status=main_page.status,
                    final_url=page.url,
                    requests=requests,
                    violations=violations,
                    phone_violations=_axe(page, axe_source, phone_rules),
                    phone_width=page.evaluate("document.scrollingElement.scrollWidth"),
                    text=page.locator("body").inner_text() if _linked(requests, base) else "",
                )
            )
        context.close()
    return Tour(base=base, visits=visits, linked_media={LINKED_VIDEO})
