import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from content import services
from content.models import Page

pytestmark = pytest.mark.django_db


def test_markdown_pages_are_rendered_and_sanitised():
    page = services.page_save(
        source=(
            "## Transparencia\n\nPublique el **presupuesto**.\n\n"
            '<script>alert("x")</script>\n\n'
            "[Portal](javascript:alert(1)) · [Ley 1712](https://www.funcionpublica.gov.co)\n\n"
            '<img src="x" onerror="alert(1)">\n\n'
            "| Año | Trámites en línea |\n|---|---|\n| 2026 | 42 |\n"
        )
    )
    assert "<h2>Transparencia</h2>" in page.html
    assert "<strong>presupuesto</strong>" in page.html
    assert "<script" not in page.html and "onerror" not in page.html
    assert "javascript:" not in page.html
    assert 'href="https://www.funcionpublica.gov.co" rel="noopener noreferrer"' in page.html
    assert "<table>" in page.html and "<td>42</td>" in page.html


def test_html_pages_keep_structure_but_lose_scripts_and_styles():
    page = services.page_save(
        source='<p style="color:red" onclick="x()">Hola <iframe src="https://x"></iframe></p>',
        source_format=Page.Format.HTML,
    )
    assert page.html == "<p>Hola </p>"


def test_an_empty_page_is_refused():
    with pytest.raises(ValidationError):
        services.page_save(source="   ")


def test_file_resources_remember_name_type_and_size():
    upload = SimpleUploadedFile("Guía de trámites.pdf", b"%PDF-1.4 ...", "application/pdf")
    resource = services.file_resource_create(upload=upload, description="Lista de chequeo")
    assert (resource.original_name, resource.content_type, resource.size_bytes) == (
        "Guía de trámites.pdf",
        "application/pdf",
        12,
    )


def test_a_video_is_a_file_or_a_link_never_both():
    with pytest.raises(ValidationError):
        services.video_create()
    with pytest.raises(ValidationError):
        services.video_create(
            upload=SimpleUploadedFile("a.mp4", b"x", "video/mp4"), url="https://x/a.mp4"
        )
    with pytest.raises(ValidationError, match="MP4"):
        services.video_create(upload=SimpleUploadedFile("a.avi", b"x", "video/x-msvideo"))
    linked = services.video_create(url="https://videos.example.org/clase-1.mp4")
    assert linked.needs_internet and linked.plays_inline
    page_link = services.video_create(url="https://www.youtube.com/watch?v=abc")
    assert page_link.needs_internet and not page_link.plays_inline
    uploaded = services.video_create(upload=SimpleUploadedFile("c.mp4", b"x", "video/mp4"))
    assert not uploaded.needs_internet and uploaded.content_type == "video/mp4"
