from django.contrib import admin

from content import services
from content.models import FileResource, Page, Video


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
