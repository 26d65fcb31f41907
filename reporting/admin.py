"""Operators see which reminders and notices went to whom (read-only: the log is the lock)."""

from django.contrib import admin

from reporting.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "key", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__email", "key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
