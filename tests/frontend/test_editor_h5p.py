"""Adding H5P packages in the course editor: real packages import, hostile ones are refused."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from content.models import H5PContent, H5PLibrary
from courses.models import Activity, ActivityKind
from tests.factories import CourseRunFactory, ModuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def module(media):
    run = CourseRunFactory(course__code="GEM-T")
    return ModuleFactory(course=run.course, position=1, title="Transparencia")


@pytest.fixture
def manager(module, manager_of):
    return manager_of(module.course.runs.get().programme)


def _upload(path_or_bytes, name="actividad.h5p"):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    return SimpleUploadedFile(name, data, content_type="application/zip")


def _add(client, module, upload, **fields):
    url = reverse("editor_activity_add", args=[module.course_id, module.pk])
    data = {
        "kind": "h5p",
        "title": "Verdadero o falso",
        "hours": "0,5",
        "required": "on",
        "completion_rule": "passed",
        "upload": upload,
        **fields,
    }
    return client.post(url, data)


@pytest.mark.fixtures
def test_a_real_package_becomes_an_activity(client, module, manager, fixtures_dir):
    client.force_login(manager)
    response = _add(
        client, module, _upload(fixtures_dir / "h5p" / "h5p-truefalse-lumi.h5p"), pass_mark="80"
    )

    assert response.status_code == 302
    activity = Activity.objects.get(module=module, kind=ActivityKind.H5P)
    assert activity.h5p.main_library.machine_name == "H5P.TrueFalse"
    assert str(activity.pass_fraction) == "0.800"
    preview = client.get(reverse("editor_preview_activity", args=[module.course_id, activity.pk]))
    assert 'sandbox="allow-scripts"' in preview.content.decode()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_hostile_package_is_refused_in_spanish_and_nothing_is_stored(
    client, module, manager, media
):
    client.force_login(manager)
    evil = _zip({"h5p.json": b"{}", "../../evil.js": b"alert(1)"})
    response = _add(client, module, _upload(evil))

    assert response.status_code == 400
    assert "evil.js" in response.content.decode()
    assert not Activity.objects.filter(kind=ActivityKind.H5P).exists()
    assert not H5PContent.objects.exists() and not H5PLibrary.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


@pytest.mark.fixtures
def test_the_command_adds_a_package_to_a_module(module, fixtures_dir, capsys):
    call_command(
        "import_h5p",
        str(fixtures_dir / "h5p" / "h5p-questionset-lumi.h5p"),
        course="GEM-T",
        module=1,
        hours="1",
    )

    activity = Activity.objects.get(module=module, kind=ActivityKind.H5P)
    assert activity.nominal_seconds == 3600
    assert activity.h5p.mastery_fraction is not None
    assert "as activity 1.1 of GEM-T" in capsys.readouterr().out


@pytest.mark.fixtures
def test_the_command_refuses_a_broken_package_naming_the_problem(module, fixtures_dir):
    with pytest.raises(CommandError, match=r"broken-content-json\.h5p was not imported"):
        call_command(
            "import_h5p",
            str(fixtures_dir / "h5p" / "h5p-invalid-broken-content-json.h5p"),
            course="GEM-T",
            module=1,
        )
    assert not Activity.objects.filter(kind=ActivityKind.H5P).exists()
    assert not H5PContent.objects.exists()


def test_the_command_checks_course_and_module_first(module, tmp_path):
    package = tmp_path / "x.h5p"
    package.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="No course"):
        call_command("import_h5p", str(package), course="NOPE", module=1)
    with pytest.raises(CommandError, match="has no module 7"):
        call_command("import_h5p", str(package), course="GEM-T", module=7)
