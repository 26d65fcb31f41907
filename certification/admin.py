"""Operators' views of certification: signatories are edited here; keys and
certificates are shown read-only (they change only through the services)."""

from django.contrib import admin

from certification.models import Certificate, CertificateSignatory, SigningKey


@admin.register(CertificateSignatory)
class CertificateSignatoryAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "programme", "position"]
    list_filter = ["programme"]
    ordering = ["programme", "position"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin):
    list_display = ["kid", "created_at", "retired_at"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["short_code", "name_printed", "course_code", "status", "issued_at"]
    list_filter = ["status", "course_code"]
    search_fields = ["short_code", "name_printed"]
    exclude = ["signed_payload"]
