from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from programs import services
from programs.models import Membership, Municipality, MunicipalityImport, Programme, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "preferred_language", "is_staff", "is_active"]
    search_fields = ["full_name", "email"]
    list_filter = ["is_staff", "is_active", "preferred_language"]
    readonly_fields = ["activation_link", "last_login", "date_joined", "activation_sent_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language", "gender"]}),
        (_("Activation"), {"fields": ["activation_link", "activation_sent_at"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    @admin.display(description=_("Activation link"))
    def activation_link(self, user):
        if user.pk is None or user.has_usable_password():
            return "—"
        return services.activation_link(user)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "started_on", "ended_on", "end_reason"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "starts_on", "ends_on"]
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region", "status", "programme"]
    list_filter = ["programme", "status"]
    search_fields = ["name", "code"]
    list_select_related = ["programme"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "municipality", "programme", "started_on", "ended_on"]
    list_filter = ["programme", "role"]
    search_fields = ["user__full_name", "user__email", "municipality__name"]
    list_select_related = ["user", "municipality", "programme"]
    autocomplete_fields = ["user", "municipality", "replaced_by"]


@admin.register(MunicipalityImport)
class MunicipalityImportAdmin(admin.ModelAdmin):
    """Imports of municipalities and their state, read-only (the task owns them)."""

    list_display = ["file_name", "programme", "dry_run", "status", "phase", "created_at"]
    list_filter = ["status", "dry_run"]
    list_select_related = ["programme"]
    exclude = ["file", "errors"]  # personal data and long lists: the manager's page shows them

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
