import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from programs import selectors as programs_selectors


def _supported(language: str | None) -> str | None:
    return language if language in dict(settings.LANGUAGES) else None


class LanguageMiddleware:
    """Speak Spanish unless the person chose otherwise.

    The language is the logged-in person's preference, else the one chosen
    with the language switch (a cookie), else Spanish. The browser's
    Accept-Language is deliberately ignored: the programme is Spanish-first and
    shared municipal computers often come set to English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        preferred = user.preferred_language if user and user.is_authenticated else None
        language = (
            _supported(preferred)
            or _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
            or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


SESSION_TIME_ZONE = "programme_time_zone"


def remember_time_zone(sender, request, user, **kwargs):
    """At login, note the person's programme time zone in their session (one query)."""
    request.session[SESSION_TIME_ZONE] = programs_selectors.time_zone_of(user) or ""


class ProgrammeTimeZoneMiddleware:
    """Show and read times in the time zone of the person's programme.

    Stored times are UTC; a logged-in person sees them (and types them in
    forms) in their programme's zone, noted in the session at login.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = ""
        if user is not None and user.is_authenticated:
            zone = request.session.get(SESSION_TIME_ZONE)
            if zone is None:  # a session from before this was noted
                zone = programs_selectors.time_zone_of(user) or ""
                request.session[SESSION_TIME_ZONE] = zone
        if zone:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        else:
            timezone.deactivate()
        return self.get_response(request)
