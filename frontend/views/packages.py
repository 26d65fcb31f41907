"""Course packages in the browser: import a package (.zip), download a course as one.

Importing needs `courses.add_course` (or a superuser); exporting, the right to
edit the course (`courses.selectors.courses_editable_by`). The import runs in the
request, synchronously: the shipped 100-hour course takes about a second. The
package is checked whole before anything is stored; every problem is listed.
"""

import tempfile
import zipfile
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from authoring.selectors import course_summary
from authoring.services import course_package_files, course_package_import, course_package_read
from authoring.services.exporting import zip_bytes
from courses import selectors as courses_selectors

PAGE_SIZE = 25


class PackageUploadForm(forms.Form):
    package = forms.FileField(
        label=gettext_lazy("Course package (.zip)"),
        help_text=gettext_lazy("A zip with course.toml at its top, as “Download” gives it."),
    )

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if not upload.name.lower().endswith(".zip"):
            raise ValidationError(_("Upload the package as a .zip file."))
        return upload


def can_import(user) -> bool:
    return user.is_superuser or user.has_perm("courses.add_course")


@login_required
@require_safe
def package_list(request):
    """The courses this person may download as packages, and the way to import one."""
    courses = courses_selectors.courses_editable_by(request.user).order_by("code")
    if not can_import(request.user) and not courses.exists():
        raise Http404
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav": "editor", "page": page, "can_import": can_import(request.user)}
    return render(request, "frontend/packages/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def package_import(request):
    if not can_import(request.user):
        raise PermissionDenied
    errors, warnings, course, summary, status = [], [], None, None, 200
    form = PackageUploadForm()
    if request.method == "POST":
        form = PackageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                course, warnings = _import(form.cleaned_data["package"])
            except ValidationError as error:
                errors = error.messages
                status = 400
            else:
                summary = course_summary(course)
                form = PackageUploadForm()
        else:
            status = 400
    context = {
        "nav": "editor",
        "form": form,
        "errors": errors,
        "warnings": warnings,
        "course": course,
        "summary": summary,
    }
    return render(request, "frontend/packages/import.html", context, status=status)


def _import(upload):
    """Import the uploaded zip from a temporary file; returns the course and the warnings."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "package.zip"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        if not zipfile.is_zipfile(path):
            # The reader's own message would name our temporary path.
            raise ValidationError(_("The zip file is damaged or encrypted."))
        warnings = course_package_read(path).warnings
        return course_package_import(path=path), warnings


@login_required
@require_safe
def package_export(request, course_id: int):
    course = courses_selectors.course_get_for_editor(request.user, course_id)
    if course is None:
        raise Http404
    try:
        data = zip_bytes(course_package_files(course=course))
    except ValidationError as error:
        return render(
            request,
            "frontend/packages/list.html",
            {"nav": "editor", "export_errors": error.messages, "export_course": course},
            status=409,
        )
    response = HttpResponse(data, content_type="application/zip")
    name = slugify(course.code) or "curso"
    response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
    return response
