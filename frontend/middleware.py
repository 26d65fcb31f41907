from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
