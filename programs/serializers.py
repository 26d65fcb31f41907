"""Shapes of the programmes API's input and output; they never write."""

from rest_framework import serializers

from programs.models import (
    TEAM_ROLES,
    Gender,
    Language,
    Membership,
    Municipality,
    Programme,
    Role,
    User,
)

TEAM_ROLE_CHOICES = [(role.value, role.label) for role in TEAM_ROLES]
# Module-level, for the schema's enum names (settings.SPECTACULAR_SETTINGS).
MUNICIPALITY_STATUSES = Municipality.Status.choices


class ProgrammeOutput(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = [
            "id", "name", "country", "languages", "time_zone", "starts_on", "ends_on",
            "grade_scale",
        ]  # fmt: skip


class MunicipalityOutput(serializers.ModelSerializer):
    programme = serializers.IntegerField(source="programme_id")
    replaced_by = serializers.IntegerField(source="replaced_by_id", allow_null=True)
    team_size = serializers.IntegerField(help_text="Current officials in the team.")

    class Meta:
        model = Municipality
        fields = [
            "id", "programme", "code", "name", "region", "population", "status",
            "replaced_by", "replaced_on", "h2_reached_on", "team_size",
        ]  # fmt: skip


class PersonOutput(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "preferred_language", "is_active"]


class MembershipOutput(serializers.ModelSerializer):
    person = PersonOutput(source="user")
    programme = serializers.IntegerField(source="programme_id")
    municipality = serializers.IntegerField(source="municipality_id", allow_null=True)
    replaced_by = serializers.IntegerField(source="replaced_by_id", allow_null=True)
    activated = serializers.BooleanField(source="user.is_activated")

    class Meta:
        model = Membership
        fields = [
            "id", "person", "activated", "programme", "municipality", "role", "started_on",
            "ended_on", "end_reason", "replaced_by",
        ]  # fmt: skip


class TeamMemberInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    full_name = serializers.CharField(
        max_length=200, help_text="Exactly as it must appear on the certificate."
    )
    role = serializers.ChoiceField(choices=TEAM_ROLE_CHOICES, default=Role.OFFICIAL)
    preferred_language = serializers.ChoiceField(choices=Language.choices, default=Language.SPANISH)
    gender = serializers.ChoiceField(choices=Gender.choices, default="", allow_blank=True)
    started_on = serializers.DateField(required=False)


class MembershipEndInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300, help_text="Why the person leaves the team.")
    ended_on = serializers.DateField(required=False)


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    preferred_language = serializers.CharField()
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    token_scope = serializers.ChoiceField(
        choices=["read", "write"],
        allow_null=True,
        help_text="The scope of the token used, or null for a browser session.",
    )
