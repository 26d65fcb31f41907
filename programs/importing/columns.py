"""The columns of the spreadsheet, their accepted spellings, and the limits of their values."""

from decimal import Decimal

# Limits of the model fields the values end up in.
CODE_MAX_LENGTH = 32
NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
POPULATION_MAX = 2_147_483_647
AREA_MAX = Decimal("99999999.99")

CODE = "codigo_municipio"
NAME = "municipio"
REGION = "region"
STATUS = "estado"
POPULATION = "poblacion"
AREA = "superficie_km2"
EMAIL = "correo"
FULL_NAME = "nombre_completo"
ROLE = "rol"
GENDER = "genero"
LANGUAGE = "idioma"

# The canonical (Spanish) headers, in the template's order.
COLUMNS = (CODE, NAME, REGION, STATUS, POPULATION, AREA, EMAIL, FULL_NAME, ROLE, GENDER, LANGUAGE)
MUNICIPALITY_COLUMNS = (CODE, NAME, REGION, STATUS, POPULATION, AREA)
PERSON_COLUMNS = (EMAIL, FULL_NAME, ROLE, GENDER, LANGUAGE)
REQUIRED_COLUMNS = (CODE, NAME)

# Accepted spellings of each header, after normalisation (see values._header_key).
ALIASES = {
    CODE: ("codigo_municipio", "municipality_code"),
    NAME: ("municipio", "municipality"),
    REGION: ("region",),
    STATUS: ("estado", "status"),
    POPULATION: ("poblacion", "population"),
    AREA: ("superficie_km2", "area_km2"),
    EMAIL: ("correo", "email", "e_mail", "correo_electronico"),
    FULL_NAME: ("nombre_completo", "full_name"),
    ROLE: ("rol", "role"),
    GENDER: ("genero", "gender"),
    LANGUAGE: ("idioma", "language"),
}
_HEADER_LOOKUP = {alias: column for column, aliases in ALIASES.items() for alias in aliases}
