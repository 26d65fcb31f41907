from django.contrib import admin

from content import services
from content.models import FileResource, H5PContent, H5PLibrary, Page, Video


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source_format"]

    def save_model(self, request, obj, form, change):
        # Always store the sanitised HTML next to the source.
        services.page_save(source=obj.source, source_format=obj.source_format, page=obj)


@admin.register(FileResource)
class FileResourceAdmin(admin.ModelAdmin):
    list_display = ["original_name", "content_type", "size_bytes"]


@admin.register(Video)
class VideoAdmin(admin.ModelAdmin):
    list_display = ["__str__", "content_type"]


class _ReadOnlyAdmin(admin.ModelAdmin):
    """H5P rows come only from importing packages (content.services), with their files."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(H5PLibrary)
class H5PLibraryAdmin(_ReadOnlyAdmin):
    list_display = ["machine_name", "major_version", "minor_version", "patch_version", "runnable"]
    search_fields = ["machine_name", "title"]


@admin.register(H5PContent)
class H5PContentAdmin(_ReadOnlyAdmin):
    list_display = ["title", "main_library", "language", "needs_internet", "imported_at"]
    list_select_related = ["main_library"]
    search_fields = ["title", "original_name", "sha256"]
