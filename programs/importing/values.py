"""Reading one cell: text, names and headers, and the parsers of numbers and choices.

A parser returns the value to store (None when the cell says nothing) or raises
`_BadValue` with a message for the person who wrote the file.
"""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from programs.importing.columns import AREA_MAX, EMAIL_MAX_LENGTH, POPULATION_MAX
from programs.models import Gender, Language, Municipality, Role

IMPORTABLE_STATUSES = {
    "seleccionado": Municipality.Status.SELECTED,
    "seleccionada": Municipality.Status.SELECTED,
    "selecionado": Municipality.Status.SELECTED,
    "selecionada": Municipality.Status.SELECTED,
    "selected": Municipality.Status.SELECTED,
    "reserva": Municipality.Status.RESERVE,
    "reserve": Municipality.Status.RESERVE,
}
# Statuses that only the replacement workflow may give.
WORKFLOW_STATUSES = {
    "replaced",
    "reemplazado",
    "reemplazada",
    "sustituido",
    "sustituida",
    "substituido",
    "substituida",
    "withdrawn",
    "retirado",
    "retirada",
}
ROLE_WORDS = {
    "funcionario": Role.OFFICIAL,
    "funcionaria": Role.OFFICIAL,
    "official": Role.OFFICIAL,
    "coordinador": Role.COORDINATOR,
    "coordinadora": Role.COORDINATOR,
    "coordenador": Role.COORDINATOR,
    "coordenadora": Role.COORDINATOR,
    "coordinator": Role.COORDINATOR,
}
# "funcionario y coordinador", "funcionario, coordinador", "funcionario+coordinador",
# "funcionario/coordinador" (and "e", "and", "&", ";").
_ROLE_SEPARATORS = re.compile(r"\s*(?:[,;+/&]|\s(?:y|e|and)\s)\s*")
GENDER_WORDS = {
    "femenino": Gender.FEMALE,
    "feminino": Gender.FEMALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "mujer": Gender.FEMALE,
    "mulher": Gender.FEMALE,
    "masculino": Gender.MALE,
    "male": Gender.MALE,
    "m": Gender.MALE,
    "hombre": Gender.MALE,
    "homem": Gender.MALE,
    "otro": Gender.OTHER,
    "outro": Gender.OTHER,
    "other": Gender.OTHER,
    "prefiero no decir": Gender.UNDECLARED,
    "prefiro nao dizer": Gender.UNDECLARED,
    "prefer not to say": Gender.UNDECLARED,
}
LANGUAGE_WORDS = {
    "es": Language.SPANISH,
    "espanol": Language.SPANISH,
    "en": Language.ENGLISH,
    "ingles": Language.ENGLISH,
    "english": Language.ENGLISH,
    "pt": Language.PORTUGUESE,
    "pt-br": Language.PORTUGUESE,
    "portugues": Language.PORTUGUESE,
    "fr": Language.FRENCH,
    "frances": Language.FRENCH,
}

_email_validator = EmailValidator()
_SPACES = re.compile(r"\s+")
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


# --- Text ----------------------------------------------------------------------


def _cell_text(value: object) -> str:
    """A cell's value as text; whole numbers lose the ".0" Excel gives them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _text(value: object) -> str:
    """NFC, without surrounding spaces or invisible characters."""
    text = value if isinstance(value, str) else _cell_text(value)
    return unicodedata.normalize("NFC", text).strip().strip(_INVISIBLE).strip()


def _single_line(value: object) -> str:
    """Text with runs of spaces (including non-breaking ones) collapsed to one."""
    return _SPACES.sub(" ", _text(value))


def _fold(text: str) -> str:
    """Lowercase without accents: "Región" → "region", "Funcionário" → "funcionario"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _fold(header)).strip("_")


# --- Parsers -------------------------------------------------------------------


class _BadValue(Exception):
    """A value that cannot be used; the message says why."""


def parse_status(value: str) -> str | None:
    if not value:
        return None
    word = _fold(value)
    if word in IMPORTABLE_STATUSES:
        return IMPORTABLE_STATUSES[word]
    if word in WORKFLOW_STATUSES:
        raise _BadValue(
            _(
                "“%(value)s” cannot be imported: a municipality is replaced or withdrawn "
                "only through the replacement workflow. Use “seleccionado” or “reserva”."
            )
            % {"value": value}
        )
    raise _BadValue(
        _("Unknown status “%(value)s”: use “seleccionado” or “reserva”.") % {"value": value}
    )


def parse_roles(value: str) -> tuple[str, ...]:
    if not value:
        return (Role.OFFICIAL,)
    roles = set()
    for word in _ROLE_SEPARATORS.split(_fold(value)):
        if not word:
            continue
        if word not in ROLE_WORDS:
            raise _BadValue(
                _(
                    "Unknown role “%(value)s”: use “funcionario”, “coordinador” "
                    "or “funcionario y coordinador”."
                )
                % {"value": value}
            )
        roles.add(ROLE_WORDS[word])
    if not roles:
        return (Role.OFFICIAL,)
    return tuple(role for role in (Role.OFFICIAL, Role.COORDINATOR) if role in roles)


def parse_gender(value: str) -> str | None:
    if not value:
        return None
    word = _SPACES.sub(" ", _fold(value))
    if word not in GENDER_WORDS:
        raise _BadValue(
            _("Unknown gender “%(value)s”: use “femenino”, “masculino”, “otro” or leave it empty.")
            % {"value": value}
        )
    return GENDER_WORDS[word]


def parse_language(value: str) -> str | None:
    if not value:
        return None
    word = _fold(value).replace("_", "-")
    if word not in LANGUAGE_WORDS:
        raise _BadValue(
            _("Unknown language “%(value)s”: use es, en, pt-br or fr.") % {"value": value}
        )
    return LANGUAGE_WORDS[word]


def parse_population(value: object) -> int | None:
    """A whole number; "12.345", "12 345" and "12345" are all twelve thousand and odd."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _text(value)
        if not text:
            return None
        digits = re.sub(r"[\s\u00a0\u202f]", "", text)
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
            digits = digits.replace(".", "")
        if not digits.isascii() or not digits.isdigit():
            raise _BadValue(
                _(
                    "“%(value)s” is not a whole number of inhabitants: write it without "
                    "decimals, as 12345, 12.345 or 12 345."
                )
                % {"value": text}
            )
        number = int(digits)
    if number < 0 or number > POPULATION_MAX:
        raise _BadValue(_("The population must be a whole number between 0 and 2.147.483.647."))
    return number


def parse_area(value: object) -> Decimal | None:
    """Square kilometres with at most two decimals: "1.234,56", "1234,56" or "1234.56"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number typed into a spreadsheet is unambiguous: round it to two decimals.
        number = Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    else:
        text = _text(value)
        if not text:
            return None
        number = _decimal_from_text(text)
    if number < 0 or number > AREA_MAX:
        raise _BadValue(_("The area must be between 0 and 99.999.999,99 km²."))
    return number


def _decimal_from_text(text: str) -> Decimal:
    bad = _BadValue(
        _("“%(value)s” is not a number of square kilometres (for example 1.234,56).")
        % {"value": text}
    )
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not re.fullmatch(r"[0-9.,]+", compact):
        raise bad
    commas, points = compact.count(","), compact.count(".")
    if commas and points:
        # The separator that comes last is the decimal one: 1.234,56 or 1,234.56.
        decimal_mark = "," if compact.rfind(",") > compact.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        if compact.count(decimal_mark) > 1:
            raise bad
        integer, fraction = compact.split(decimal_mark)
        if not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})*", integer):
            raise bad
        normalised = integer.replace(thousands, "") + "." + fraction
    elif commas:
        if commas > 1:
            raise bad
        normalised = compact.replace(",", ".")
    elif points > 1:
        # 1.234.567: points as thousands separators
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+", compact):
            raise bad
        normalised = compact.replace(".", "")
    else:
        normalised = compact
    if normalised.startswith(".") or normalised.endswith("."):
        raise bad
    try:
        number = Decimal(normalised)
    except InvalidOperation:
        raise bad from None
    if -number.as_tuple().exponent > 2:
        raise _BadValue(
            _(
                "“%(value)s” has more than two decimals. Write the area in km² with at most "
                "two decimals (for example 1.234,56 or 1234.56)."
            )
            % {"value": text}
        )
    return number.quantize(Decimal("0.01"))


def parse_email(value: str) -> str:
    email = value.strip().lower()
    if len(email) > EMAIL_MAX_LENGTH:
        raise _BadValue(_("The e-mail address is too long."))
    try:
        _email_validator(email)
    except ValidationError:
        raise _BadValue(
            _("“%(value)s” is not a valid e-mail address.") % {"value": value}
        ) from None
    return email
