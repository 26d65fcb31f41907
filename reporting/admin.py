"""Operators see which reminders and notices went to whom (read-only: the log is the lock),
and the exports asked for, with their state (read-only: the task owns them)."""

from django.contrib import admin

from reporting.models import Notification, ReportExport


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "key", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__email", "key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ["kind", "programme", "status", "done", "total", "requested_by", "created_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["programme", "requested_by"]
    exclude = ["file"]  # served only by the managers' download view

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
