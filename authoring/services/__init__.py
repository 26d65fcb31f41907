"""Course packages: read and check, import, export (docs/course-package.md)."""

from authoring.services.exporting import (
    course_package_export,
    course_package_files,
    zip_bytes,
)
from authoring.services.importing import course_package_import
from authoring.services.reading import course_package_read

__all__ = [
    "course_package_export",
    "course_package_files",
    "course_package_import",
    "course_package_read",
    "zip_bytes",
]
