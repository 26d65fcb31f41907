"""Importing municipalities and their teams from CSV and XLSX files."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from programs import importing, services
from programs.models import Membership, Municipality, Role, User
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "codigo_municipio;municipio;región;estado;población;superficie_km2;"
    "correo;nombre_completo;rol;género;idioma"
)
# A Spanish-locale spreadsheet saved as CSV: `;`, decimal commas, `.` and
# (non-breaking) spaces between thousands.
SPANISH_ROWS = [
    "05001;Peñalisa;Antioquia;Seleccionado;12.345;1.234,56;Jose.Nunez@Penalisa.example;"
    "José Ñúñez;funcionario y coordinador;masculino;es",
    "05001;Peñalisa;Antioquia;seleccionado;12.345;1.234,56;maria@penalisa.example;"
    "  María   Güiza\u00a0Ortiz ;Funcionaria;F;pt_BR",
    ";;;;;;;;;;",
    "05002;Bello;Antioquia;RESERVA;522\u00a0000;142,36;;;;;",
    "05003;Santa Fe de Antioquia;Antioquia;;12 345;1234.5;pedro@santafe.example;"
    "Pedro Peña;coordinador;;",
]


def csv_bytes(rows, header=HEADER, encoding="utf-8-sig", delimiter=";") -> bytes:
    lines = [header, *rows]
    if delimiter != ";":
        lines = [line.replace(";", delimiter) for line in lines]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def run_import(programme, data, name="equipos.csv", **options):
    return services.municipalities_import(
        programme=programme, upload_name=name, data=data, **options
    )


def table_counts():
    return Municipality.objects.count(), User.objects.count(), Membership.objects.count()


def error_lines(report):
    return sorted({error.line for error in report.errors})


@pytest.fixture
def programme():
    return ProgrammeFactory()


def assert_spanish_file_imported(programme, report):
    assert report.ok, report.errors
    assert (report.rows_read, report.municipalities_created, report.people_created) == (4, 3, 3)
    assert report.memberships_created == 4
    penalisa = Municipality.objects.get(programme=programme, code="05001")
    assert penalisa.name == "Peñalisa"
    assert penalisa.status == Municipality.Status.SELECTED
    assert (penalisa.population, penalisa.area_km2) == (12345, Decimal("1234.56"))
    bello = Municipality.objects.get(programme=programme, code="05002")
    assert bello.status == Municipality.Status.RESERVE
    assert (bello.population, bello.area_km2) == (522000, Decimal("142.36"))
    assert not bello.memberships.exists()
    santa_fe = Municipality.objects.get(programme=programme, code="05003")
    assert santa_fe.status == Municipality.Status.SELECTED  # empty status: selected
    assert (santa_fe.population, santa_fe.area_km2) == (12345, Decimal("1234.50"))

    jose = User.objects.get(email="jose.nunez@penalisa.example")
    assert jose.full_name == "José Ñúñez"
    assert (jose.gender, jose.preferred_language) == ("male", "es")
    assert not jose.has_usable_password()
    assert set(jose.memberships.values_list("municipality__code", "role")) == {
        ("05001", Role.OFFICIAL),
        ("05001", Role.COORDINATOR),
    }
    maria = User.objects.get(email="maria@penalisa.example")
    assert maria.full_name == "María Güiza Ortiz"
    assert (maria.gender, maria.preferred_language) == ("female", "pt-br")
    pedro = User.objects.get(email="pedro@santafe.example")
    assert list(pedro.memberships.values_list("role", flat=True)) == [Role.COORDINATOR]


def test_a_spanish_locale_csv_with_bom_is_imported(programme):
    data = csv_bytes(SPANISH_ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    assert_spanish_file_imported(programme, run_import(programme, data))


def test_a_windows_1252_csv_keeps_accents_and_enye(programme):
    data = csv_bytes(SPANISH_ROWS, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert_spanish_file_imported(programme, run_import(programme, data))
    assert Municipality.objects.filter(name="Peñalisa").exists()
    assert User.objects.filter(full_name="José Ñúñez").exists()


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_comma_and_tab_separated_files_are_detected(programme, delimiter):
    rows = [
        "05001;Peñalisa;Antioquia;seleccionado;12345;1234.56;a@penalisa.example;Ana Ruiz;;;",
        "05002;Bello;Antioquia;reserva;;;;;;;",
    ]
    report = run_import(programme, csv_bytes(rows, delimiter=delimiter, encoding="utf-8"))
    assert report.ok, report.errors
    assert (report.municipalities_created, report.people_created) == (2, 1)
    assert Municipality.objects.get(code="05001").area_km2 == Decimal("1234.56")


def xlsx_bytes(rows, sheet_title="Equipos") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Notas").append(["this sheet is not read"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_file_with_numbers_and_english_headers_is_imported(programme):
    data = xlsx_bytes(
        [
            [
                "Municipality code",
                "Municipality",
                "Region",
                "Status",
                "Population",
                "Area km2",
                "E-mail",
                "Full name",
                "Role",
                "Gender",
                "Language",
            ],
            [
                "05001",
                "Peñalisa",
                "Antioquia",
                "Selected",
                12345,
                1234.56,
                "jose@penalisa.example",
                "José Ñúñez",
                "official and coordinator",
                "male",
                "es",
            ],
            [],
            [5002, "Bello", None, "reserve", 522000.0, 142, None, None, None, None, None],
            [
                5003.0,
                "Caldas",
                "Antioquia",
                None,
                None,
                1234.567,
                "ana@caldas.example",
                "Ana Gómez",
                "coordinator",
                None,
                "fr",
            ],
        ]
    )
    report = run_import(programme, data, name="equipos.xlsx")
    assert report.ok, report.errors
    assert (report.rows_read, report.municipalities_created, report.people_created) == (3, 3, 2)
    codes = set(Municipality.objects.values_list("code", flat=True))
    assert codes == {"05001", "5002", "5003"}  # no ".0"; a lost leading zero stays lost
    bello = Municipality.objects.get(code="5002")
    assert (bello.status, bello.population, bello.area_km2) == ("reserve", 522000, Decimal(142))
    assert Municipality.objects.get(code="5003").area_km2 == Decimal("1234.57")
    jose = User.objects.get(email="jose@penalisa.example")
    assert jose.full_name == "José Ñúñez"
    assert jose.memberships.count() == 2
    assert User.objects.get(email="ana@caldas.example").preferred_language == "fr"


def test_excel_sep_line_unknown_columns_and_an_empty_file(programme):
    data = b"sep=,\r\n" + csv_bytes(
        ["05001;Pe\u00f1alisa;;;;;;;;;"], delimiter=",", encoding="utf-8"
    )
    data = data.replace(b"idioma", b"idioma,notas")
    report = run_import(programme, data)
    assert report.ok, report.errors
    assert report.ignored_columns == ("notas",)
    assert Municipality.objects.get().name == "Peñalisa"
    report = run_import(programme, csv_bytes(["", ";;;;"]))
    assert [(error.line, error.column) for error in report.errors] == [(None, "")]


def test_the_format_comes_from_the_content_not_the_name(programme):
    data = xlsx_bytes([["codigo_municipio", "municipio"], ["05001", "Peñalisa"]])
    assert run_import(programme, data, name="equipos.csv").ok
    assert run_import(programme, csv_bytes(SPANISH_ROWS), name="equipos.txt").ok


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "equipos.xls", ".xls"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "equipos.pdf", "PDF"),
        (b"PK\x03\x04 not really a zip", "equipos.xlsx", "XLSX"),
        (b"codigo;municipio\x00\x00\x01", "equipos.csv", "CSV"),
        (b"codigo_municipio;municipio\n05001;\x81\x8d\x8f", "equipos.csv", "encoding"),
        (b"", "equipos.csv", "empty"),
        (b"codigo_municipio;municipio\n", "equipos.xlsx", "Excel"),
    ],
)
def test_unreadable_files_raise_a_clear_validation_error(programme, data, name, fragment):
    with pytest.raises(ValidationError) as caught:
        run_import(programme, data, name=name)
    assert fragment.lower() in " ".join(caught.value.messages).lower()
    assert table_counts() == (0, 0, 0)


def test_too_big_and_too_long_files_are_refused(programme, monkeypatch):
    with pytest.raises(ValidationError, match="10 MB"):
        run_import(programme, b"a" * (importing.MAX_BYTES + 1))
    monkeypatch.setattr("programs.importing.reading.MAX_ROWS", 3)  # read where it is defined
    rows = [f"0500{n};Municipio {n};;;;;;;;;" for n in range(4)]
    with pytest.raises(ValidationError, match="more than"):
        run_import(programme, csv_bytes(rows))
    assert run_import(programme, csv_bytes([*rows[:3], "", ";;;"])).ok


def test_a_reimport_updates_and_does_not_duplicate(programme):
    assert run_import(programme, csv_bytes(SPANISH_ROWS)).ok
    before = table_counts()

    again = run_import(programme, csv_bytes(SPANISH_ROWS))
    assert again.ok, again.errors
    assert (again.municipalities_created, again.municipalities_updated) == (0, 0)
    assert (again.municipalities_unchanged, again.people_unchanged) == (3, 3)
    assert (again.people_created, again.memberships_created) == (0, 0)

    renamed = [
        row.replace("Santa Fe de Antioquia", "Santa Fé de Antioquia") for row in SPANISH_ROWS
    ]
    renamed = [
        row.replace("Pedro Peña;coordinador;;", "Pedro Peña Ríos;coordinador;;en")
        for row in renamed
    ]
    report = run_import(programme, csv_bytes(renamed))
    assert report.ok, report.errors
    assert (report.municipalities_updated, report.people_updated) == (1, 1)
    assert table_counts() == before
    assert Municipality.objects.get(code="05003").name == "Santa Fé de Antioquia"
    pedro = User.objects.get(email="pedro@santafe.example")
    assert (pedro.full_name, pedro.preferred_language) == ("Pedro Peña Ríos", "en")


def test_existing_people_keep_what_the_file_leaves_empty(programme):
    municipality = MunicipalityFactory(programme=programme, code="05001", name="Peñalisa")
    person = UserFactory(
        email="ana@penalisa.example", full_name="Ana Ruiz", gender="female", preferred_language="fr"
    )
    MembershipFactory(user=person, municipality=municipality, role=Role.OFFICIAL)
    rows = ["05001;Peñalisa;;;;;ANA@penalisa.example;Ana Ruiz;funcionario y coordinador;;"]
    report = run_import(programme, csv_bytes(rows))
    assert report.ok, report.errors
    assert (report.people_created, report.people_unchanged, report.memberships_created) == (0, 1, 1)
    person.refresh_from_db()
    assert (person.gender, person.preferred_language) == ("female", "fr")
    assert person.has_usable_password()  # an existing account is left as it is
    assert set(person.memberships.values_list("role", flat=True)) == {"official", "coordinator"}


def test_people_missing_from_the_file_stay_in_their_team(programme):
    municipality = MunicipalityFactory(programme=programme, code="05001", name="Peñalisa")
    stays = MembershipFactory(municipality=municipality, role=Role.OFFICIAL)
    report = run_import(
        programme, csv_bytes(["05001;Peñalisa;;;;;nuevo@penalisa.example;Nuevo;;;"])
    )
    assert report.ok, report.errors
    stays.refresh_from_db()
    assert stays.is_current
    assert municipality.memberships.current().count() == 2


def test_duplicate_e_mails_are_reported_on_every_line_and_nothing_is_written(programme):
    rows = [
        "05001;Peñalisa;;;;;ana@penalisa.example;Ana Ruiz;;;",
        "05001;Peñalisa;;;;;luis@penalisa.example;Luis Mora;;;",
        "05002;Bello;;;;;ANA@Penalisa.example;Ana Ruiz Díaz;;;",
    ]
    report = run_import(programme, csv_bytes(rows))
    assert not report.ok
    duplicates = [error for error in report.errors if "ana@penalisa.example" in error.message]
    assert [(error.line, error.column) for error in duplicates] == [(2, "correo"), (4, "correo")]
    assert "4" in duplicates[0].message and "2" in duplicates[1].message
    assert table_counts() == (0, 0, 0)


def test_a_missing_required_column_is_reported_once(programme):
    header = "municipio;correo;nombre_completo"
    report = run_import(
        programme, csv_bytes(["Peñalisa;a@b.example;Ana", "Bello;;"], header=header)
    )
    assert [(error.line, error.column) for error in report.errors] == [(1, "codigo_municipio")]
    assert "municipality_code" in report.errors[0].message
    header = "codigo_municipio;municipio;correo"
    report = run_import(programme, csv_bytes(["05001;Peñalisa;a@b.example"], header=header))
    assert [error.column for error in report.errors] == ["nombre_completo"]
    assert table_counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("status", "fragment"),
    [("activo", "Unknown status"), ("replaced", "replacement"), ("Retirado", "replacement")],
)
def test_statuses_other_than_selected_or_reserve_are_refused(programme, status, fragment):
    report = run_import(programme, csv_bytes([f"05001;Peñalisa;;{status};;;;;;;"]))
    assert [(error.line, error.column) for error in report.errors] == [(2, "estado")]
    assert fragment in report.errors[0].message
    assert table_counts() == (0, 0, 0)


def test_every_bad_value_is_reported_with_its_line_and_column(programme):
    rows = [
        "05001;Peñalisa;;seleccionado;12,345;1.234;ana@;;jefe;z;de",
        "05002;;;;12.5;diez;;;;;",
        "05003;Bello;;;;;;Luis sin correo;;;",
        "05003;Bello Antioquia;;reserva;;;;;;;",
    ]
    report = run_import(programme, csv_bytes(rows))
    found = {(error.line, error.column) for error in report.errors}
    assert found == {
        (2, "población"),
        (2, "superficie_km2"),
        (2, "correo"),
        (2, "nombre_completo"),
        (2, "rol"),
        (2, "género"),
        (2, "idioma"),
        (3, "municipio"),
        (3, "población"),
        (3, "superficie_km2"),
        (4, "correo"),
        (5, "municipio"),
    }
    assert table_counts() == (0, 0, 0)


def test_one_bad_row_among_good_ones_writes_nothing(programme):
    rows = [*SPANISH_ROWS, "05004;Caldas;Antioquia;seleccionado;;;no-es-un-correo;Ana;;;"]
    report = run_import(programme, csv_bytes(rows))
    assert [(error.line, error.column) for error in report.errors] == [(7, "correo")]
    assert (report.municipalities_created, report.people_created) == (0, 0)
    assert table_counts() == (0, 0, 0)


def test_an_official_of_another_municipality_of_the_programme_is_refused(programme):
    elsewhere = MunicipalityFactory(programme=programme, code="05099", name="Envigado")
    official = MembershipFactory(
        municipality=elsewhere, user=UserFactory(email="ana@envigado.example")
    ).user
    in_another_programme = MembershipFactory(user=UserFactory(email="luis@otro.example")).user
    before = table_counts()
    rows = [
        "05001;Peñalisa;;;;;Ana@Envigado.example;Ana Ruiz;;;",
        "05001;Peñalisa;;;;;luis@otro.example;Luis Mora;;;",
    ]
    report = run_import(programme, csv_bytes(rows))
    assert [(error.line, error.column) for error in report.errors] == [(2, "correo")]
    assert "Envigado" in report.errors[0].message
    assert table_counts() == before

    report = run_import(programme, csv_bytes(rows[1:]))
    assert report.ok, report.errors
    assert (report.people_created, report.memberships_created) == (0, 1)
    assert in_another_programme.memberships.count() == 2
    assert official.memberships.count() == 1


def test_replaced_municipalities_keep_their_status(programme):
    reserve = MunicipalityFactory(programme=programme, code="05002", status="reserve")
    MunicipalityFactory(
        programme=programme, code="05001", name="Peñalisa", status="replaced", replaced_by=reserve
    )
    report = run_import(programme, csv_bytes(["05001;Peñalisa;;seleccionado;;;;;;;"]))
    assert [(error.line, error.column) for error in report.errors] == [(2, "estado")]
    # Without a status the municipality's other data can still be corrected.
    report = run_import(programme, csv_bytes(["05001;Peñalisa;;;5000;;;;;;"]))
    assert report.ok, report.errors
    assert Municipality.objects.get(code="05001").status == "replaced"
    assert Municipality.objects.get(code="05001").population == 5000


def test_a_code_that_lost_its_leading_zero_is_not_a_new_municipality(programme):
    MunicipalityFactory(programme=programme, code="05001", name="Peñalisa")
    report = run_import(programme, csv_bytes(["5001;Peñalisa;;;;;;;;;"]))
    assert [(error.line, error.column) for error in report.errors] == [(2, "codigo_municipio")]
    assert Municipality.objects.count() == 1


def test_a_concurrent_change_is_reported_and_rolled_back(programme, monkeypatch):
    """Someone creates the same person between the checks and the writes."""
    UserFactory(email="jose.nunez@penalisa.example")
    monkeypatch.setattr(services, "_import_existing_people", lambda programme, emails: {})
    report = run_import(programme, csv_bytes(SPANISH_ROWS))
    assert not report.ok
    assert [(error.line, error.column) for error in report.errors] == [(None, "")]
    assert table_counts() == (0, 1, 0)


def test_a_dry_run_reports_and_writes_nothing(programme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        report = run_import(programme, csv_bytes(SPANISH_ROWS), dry_run=True)
    assert report.ok and report.dry_run and not report.written
    assert (report.municipalities_created, report.people_created) == (3, 3)
    assert report.memberships_created == 4
    assert table_counts() == (0, 0, 0)
    assert callbacks == []


def test_activation_e_mails_go_once_to_each_new_person(
    programme, mailoutbox, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="maria@penalisa.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(programme, csv_bytes(SPANISH_ROWS)).ok
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "jose.nunez@penalisa.example",
        "pedro@santafe.example",
    ]
    assert all("/activate/" in mail.body for mail in mailoutbox)
    assert existing.email not in {mail.to[0] for mail in mailoutbox}

    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(programme, csv_bytes(SPANISH_ROWS)).ok
    assert len(mailoutbox) == 2


def test_a_whole_programme_imports_in_a_bounded_number_of_queries(
    programme, django_assert_max_num_queries
):
    rows = []
    for town in range(75):
        code = f"{5001 + town:05d}"
        if town >= 50:
            rows.append(f"{code};Reserva {town};Antioquia;reserva;1.000;10,5;;;;;")
            continue
        for person in range(10):
            role = "funcionario y coordinador" if person == 0 else "funcionario"
            rows.append(
                f"{code};Municipio {town};Antioquia;seleccionado;12.345;1.234,56;"
                f"p{person}@m{town}.example;Persona {person} de {town};{role};;"
            )
    with django_assert_max_num_queries(40):
        report = run_import(programme, csv_bytes(rows))
    assert report.ok, report.errors
    assert (report.municipalities_created, report.people_created) == (75, 500)
    assert report.memberships_created == 550
    with django_assert_max_num_queries(40):
        again = run_import(programme, csv_bytes(rows))
    assert (again.municipalities_unchanged, again.people_unchanged) == (75, 500)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12345", 12345), ("12.345", 12345), ("12 345", 12345), ("1\u00a0234\u00a0567", 1234567)],
)
def test_population_accepts_thousands_separators(text, expected):
    assert importing.parse_population(text) == expected


@pytest.mark.parametrize("text", ["12,345", "12.5", "1.23", "-5", "doce"])
def test_population_refuses_decimals_and_ambiguity(text):
    with pytest.raises(importing._BadValue):
        importing.parse_population(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1 234,5", "1234.50"),
        ("1,234.56", "1234.56"),
        ("7", "7.00"),
    ],
)
def test_area_accepts_decimal_commas_and_points(text, expected):
    assert importing.parse_area(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1,2,3", "1.234", "12,345", "diez", "1.23.4", "1,234,56"])
def test_area_refuses_what_it_cannot_read_for_sure(text):
    with pytest.raises(importing._BadValue):
        importing.parse_area(text)


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("", ("official",)),
        ("Funcionario", ("official",)),
        ("coordinadora", ("coordinator",)),
        ("funcionario y coordinador", ("official", "coordinator")),
        ("Coordinador, funcionario", ("official", "coordinator")),
        ("funcionario+coordinador", ("official", "coordinator")),
        ("funcionario / coordinador", ("official", "coordinator")),
        ("Funcionário e Coordenador", ("official", "coordinator")),
        ("official and coordinator", ("official", "coordinator")),
    ],
)
def test_roles(text, roles):
    assert importing.parse_roles(text) == roles


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("", None),
        ("Femenino", "female"),
        ("f", "female"),
        ("MUJER", "female"),
        ("masculino", "male"),
        ("hombre", "male"),
        ("otro", "other"),
        ("Prefiero no decir", ""),
    ],
)
def test_genders(text, gender):
    assert importing.parse_gender(text) == gender


@pytest.mark.parametrize(
    ("text", "language"),
    [("", None), ("ES", "es"), ("en", "en"), ("pt", "pt-br"), ("pt_BR", "pt-br"), ("fr", "fr")],
)
def test_languages(text, language):
    assert importing.parse_language(text) == language


def test_the_command_imports_and_reports(programme, tmp_path, capsys):
    path = tmp_path / "equipos.csv"
    path.write_bytes(csv_bytes(SPANISH_ROWS))
    out = io.StringIO()
    call_command("import_municipalities", str(path), programme=programme.pk, stdout=out)
    assert Municipality.objects.filter(programme=programme).count() == 3
    assert ": 3" in out.getvalue()


def test_the_command_exits_with_status_1_on_errors(programme, tmp_path):
    path = tmp_path / "equipos.csv"
    path.write_bytes(csv_bytes(["05001;Peñalisa;;activo;;;;;;;"]))
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_municipalities", str(path), programme=programme.pk, stderr=err)
    assert caught.value.returncode == 1
    # One line per error: "línea 2, columna estado: …" in Spanish.
    assert str(importing.RowError(2, "estado", "")) in err.getvalue()
    assert Municipality.objects.count() == 0


def test_the_command_dry_run_writes_nothing(programme, tmp_path):
    path = tmp_path / "equipos.csv"
    path.write_bytes(csv_bytes(SPANISH_ROWS))
    call_command(
        "import_municipalities",
        str(path),
        programme=programme.pk,
        dry_run=True,
        stdout=io.StringIO(),
    )
    assert table_counts() == (0, 0, 0)
