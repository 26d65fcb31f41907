"""The demo programme and its municipalities: real Colombian municipalities.

Codes are the DANE DIVIPOLA codes (five digits, the first two naming the
department). Population and area are rounded, approximate figures chosen for
the demo; they are plausible, not official statistics.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    country: str
    languages: tuple[str, ...]
    time_zone: str
    starts_on: datetime.date
    ends_on: datetime.date
    grade_scale: str


@dataclass(frozen=True)
class DemoMunicipality:
    code: str
    name: str
    department: str
    population: int
    area_km2: Decimal


PROGRAMME = DemoProgramme(
    name="Programa MuNet Colombia 2026",
    country="CO",
    languages=("es",),
    time_zone="America/Bogota",
    starts_on=datetime.date(2026, 2, 1),
    ends_on=datetime.date(2027, 4, 30),
    grade_scale="ten",
)


def _m(code: str, name: str, department: str, population: int, area: str) -> DemoMunicipality:
    return DemoMunicipality(code, name, department, population, Decimal(area))


SELECTED = (
    _m("25899", "Zipaquirá", "Cundinamarca", 146_000, "197.00"),
    _m("25126", "Cajicá", "Cundinamarca", 92_000, "50.75"),
    _m("25269", "Facatativá", "Cundinamarca", 158_000, "158.00"),
    _m("25290", "Fusagasugá", "Cundinamarca", 152_000, "204.00"),
    _m("25386", "La Mesa", "Cundinamarca", 34_000, "148.00"),
    _m("25320", "Guaduas", "Cundinamarca", 39_000, "785.00"),
    _m("25758", "Sopó", "Cundinamarca", 29_000, "111.50"),
    _m("25785", "Tabio", "Cundinamarca", 33_000, "74.50"),
    _m("25326", "Guatavita", "Cundinamarca", 7_400, "238.00"),
    _m("25513", "Pacho", "Cundinamarca", 28_000, "403.00"),
    _m("25843", "Villa de San Diego de Ubaté", "Cundinamarca", 45_000, "102.00"),
    _m("15407", "Villa de Leyva", "Boyacá", 17_500, "128.00"),
    _m("15516", "Paipa", "Boyacá", 33_000, "305.90"),
    _m("15469", "Moniquirá", "Boyacá", 21_500, "220.00"),
    _m("15176", "Chiquinquirá", "Boyacá", 67_000, "171.00"),
    _m("15299", "Garagoa", "Boyacá", 17_000, "191.75"),
    _m("15806", "Tibasosa", "Boyacá", 14_500, "94.30"),
    _m("15491", "Nobsa", "Boyacá", 17_500, "55.40"),
    _m("15600", "Ráquira", "Boyacá", 13_500, "233.00"),
    _m("15322", "Guateque", "Boyacá", 10_000, "36.00"),
    _m("05615", "Rionegro", "Antioquia", 140_000, "196.00"),
    _m("05376", "La Ceja", "Antioquia", 65_000, "131.00"),
    _m("05440", "Marinilla", "Antioquia", 66_000, "115.00"),
    _m("05364", "Jardín", "Antioquia", 14_000, "224.00"),
    _m("05321", "Guatapé", "Antioquia", 8_200, "69.00"),
    _m("05789", "Támesis", "Antioquia", 15_500, "246.00"),
    _m("05847", "Urrao", "Antioquia", 45_000, "2556.00"),
    _m("05042", "Santa Fe de Antioquia", "Antioquia", 26_500, "493.00"),
    _m("05697", "El Santuario", "Antioquia", 28_500, "75.00"),
    _m("68679", "San Gil", "Santander", 62_000, "149.50"),
    _m("68079", "Barichara", "Santander", 8_200, "134.00"),
    _m("68755", "Socorro", "Santander", 34_000, "122.00"),
    _m("68432", "Málaga", "Santander", 21_000, "58.00"),
    _m("68861", "Vélez", "Santander", 19_500, "271.00"),
    _m("68895", "Zapatoca", "Santander", 9_500, "360.00"),
    _m("68167", "Charalá", "Santander", 12_500, "412.00"),
    _m("68406", "Lebrija", "Santander", 46_000, "550.00"),
    _m("73268", "Espinal", "Tolima", 78_000, "231.00"),
    _m("73349", "Honda", "Tolima", 24_500, "305.70"),
    _m("73443", "San Sebastián de Mariquita", "Tolima", 34_000, "297.00"),
    _m("73449", "Melgar", "Tolima", 39_000, "195.00"),
    _m("73168", "Chaparral", "Tolima", 47_500, "2124.00"),
    _m("73411", "Líbano", "Tolima", 38_000, "299.00"),
    _m("41551", "Pitalito", "Huila", 135_000, "666.00"),
    _m("41298", "Garzón", "Huila", 95_000, "580.00"),
    _m("41668", "San Agustín", "Huila", 34_000, "1310.00"),
    _m("17653", "Salamina", "Caldas", 17_500, "403.00"),
    _m("17174", "Chinchiná", "Caldas", 52_000, "112.50"),
    _m("63690", "Salento", "Quindío", 7_700, "377.00"),
    _m("63272", "Filandia", "Quindío", 14_000, "101.00"),
)

RESERVES = (
    _m("25035", "Anapoima", "Cundinamarca", 15_000, "124.00"),
    _m("25875", "Villeta", "Cundinamarca", 27_500, "140.50"),
    _m("25181", "Choachí", "Cundinamarca", 11_000, "213.00"),
    _m("25736", "Sesquilé", "Cundinamarca", 15_500, "141.00"),
    _m("25279", "Fómeque", "Cundinamarca", 12_500, "553.00"),
    _m("15646", "Samacá", "Boyacá", 20_500, "172.90"),
    _m("15837", "Tuta", "Boyacá", 10_500, "165.00"),
    _m("15599", "Ramiriquí", "Boyacá", 10_500, "146.50"),
    _m("05756", "Sonsón", "Antioquia", 35_000, "1323.00"),
    _m("05034", "Andes", "Antioquia", 46_000, "444.00"),
    _m("05318", "Guarne", "Antioquia", 52_000, "151.00"),
    _m("05400", "La Unión", "Antioquia", 21_500, "198.00"),
    _m("68500", "Oiba", "Santander", 11_500, "290.00"),
    _m("68572", "Puente Nacional", "Santander", 15_500, "253.00"),
    _m("68464", "Mogotes", "Santander", 11_000, "489.00"),
    _m("73124", "Cajamarca", "Tolima", 19_500, "516.00"),
    _m("73283", "Fresno", "Tolima", 30_000, "208.00"),
    _m("73030", "Ambalema", "Tolima", 7_500, "239.00"),
    _m("41396", "La Plata", "Huila", 65_000, "1051.00"),
    _m("41807", "Timaná", "Huila", 21_000, "182.00"),
    _m("66088", "Belén de Umbría", "Risaralda", 28_000, "182.00"),
    _m("66682", "Santa Rosa de Cabal", "Risaralda", 83_000, "564.00"),
    _m("66440", "Marsella", "Risaralda", 23_500, "149.00"),
    _m("17614", "Riosucio", "Caldas", 62_000, "429.00"),
    _m("63130", "Calarcá", "Quindío", 80_000, "219.00"),
)

# The first two digits of a DIVIPOLA code name the department.
DEPARTMENT_CODES = {
    "05": "Antioquia",
    "15": "Boyacá",
    "17": "Caldas",
    "25": "Cundinamarca",
    "41": "Huila",
    "63": "Quindío",
    "66": "Risaralda",
    "68": "Santander",
    "73": "Tolima",
}
