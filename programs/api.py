"""REST endpoints of programmes, municipalities and their teams (thin).

Managers of a programme (and administrators) see and change it; anybody else
gets 404, as on the pages.
"""

import django_filters
from django.db.models import F
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from programs import selectors, services
from programs.models import Membership, Municipality, Programme
from programs.serializers import (
    TEAM_ROLE_CHOICES,
    MembershipOutput,
    MeOutput,
    MunicipalityOutput,
    ProgrammeOutput,
    TeamMemberInput,
)


class MeApi(APIView):
    """Who is calling: the person, their current roles and the token's scope."""

    @extend_schema(responses=MeOutput, tags=["people"])
    def get(self, request):
        user = request.user
        token = request.auth if hasattr(request.auth, "scope") else None
        return Response(
            MeOutput(
                {
                    "id": user.pk,
                    "email": user.email,
                    "full_name": user.full_name,
                    "preferred_language": user.preferred_language,
                    "roles": sorted(selectors.roles_of(user)),
                    "token_scope": token.scope if token else None,
                }
            ).data
        )


class ProgrammeListApi(generics.ListAPIView):
    """The programmes the person manages (administrators: all)."""

    serializer_class = ProgrammeOutput
    queryset = Programme.objects.none()  # for the schema; the real one is the person's
    search_fields = ["name"]
    ordering_fields = ["name", "starts_on", "id"]
    ordering = ["name", "id"]
    filterset_fields = ["country"]

    def get_queryset(self):
        return selectors.programmes_managed_by(self.request.user)


class ProgrammeDetailApi(generics.RetrieveAPIView):
    serializer_class = ProgrammeOutput
    queryset = Programme.objects.none()
    lookup_url_kwarg = "programme_id"

    def get_object(self):
        programme = selectors.programme_get_for_manager(
            self.request.user, self.kwargs["programme_id"]
        )
        if programme is None:
            raise Http404
        return programme


class MunicipalityFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Municipality.Status.choices)
    region = django_filters.CharFilter(field_name="region", lookup_expr="iexact")
    h2_reached = django_filters.BooleanFilter(
        field_name="h2_reached_on", lookup_expr="isnull", exclude=True, label="H2 reached"
    )

    class Meta:
        model = Municipality
        fields = ["status", "region", "h2_reached"]


class MunicipalityListApi(generics.ListAPIView):
    """A programme's municipalities with their current team size."""

    serializer_class = MunicipalityOutput
    queryset = Municipality.objects.none()
    filterset_class = MunicipalityFilter
    search_fields = ["name", "code"]
    ordering_fields = ["name", "code", "status", "h2_reached_on", "team_size", "id"]
    ordering = ["name", "id"]

    def get_queryset(self):
        programme = selectors.programme_get_for_manager(
            self.request.user, self.kwargs["programme_id"]
        )
        if programme is None:
            raise Http404
        return selectors.municipalities_for_programme(programme)


def _municipality(request, municipality_id: int) -> Municipality:
    municipality = selectors.municipality_get_for_manager(request.user, municipality_id)
    if municipality is None:
        raise Http404
    return municipality


class MunicipalityDetailApi(generics.RetrieveAPIView):
    serializer_class = MunicipalityOutput
    queryset = Municipality.objects.none()

    def get_object(self):
        municipality = _municipality(self.request, self.kwargs["municipality_id"])
        return selectors.municipalities_for_programme(municipality.programme).get(
            pk=municipality.pk
        )


class MembershipFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=TEAM_ROLE_CHOICES)
    current = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label="Current members only"
    )

    class Meta:
        model = Membership
        fields = ["role", "current"]


class TeamApi(generics.ListCreateAPIView):
    """GET: the municipality's team, current members first, then past ones
    (filter `current=true`); for its programme's managers and its coordinator.

    POST: add a person to the team (managers; found by e-mail, or created and
    sent their activation link); adding someone already there changes nothing (200).
    """

    serializer_class = MembershipOutput
    queryset = Membership.objects.none()
    filterset_class = MembershipFilter
    search_fields = ["user__full_name", "user__email"]
    ordering_fields = ["user__full_name", "started_on", "ended_on", "id"]
    # Without `ordering`: current members first, then past ones, by name (below).

    def get_queryset(self):
        """The team for its programme's managers and its coordinator, as on their pages."""
        municipality = selectors.municipality_get_for_team_reader(
            self.request.user, self.kwargs["municipality_id"]
        )
        if municipality is None:
            raise Http404
        return selectors.team_memberships(municipality, current_only=False).order_by(
            F("ended_on").desc(nulls_first=True), "user__full_name", "pk"
        )

    @extend_schema(
        request=TeamMemberInput,
        responses={201: MembershipOutput, 200: MembershipOutput},
    )
    def post(self, request, municipality_id: int):
        municipality = _municipality(request, municipality_id)
        data = TeamMemberInput(data=request.data)
        data.is_valid(raise_exception=True)
        membership, added = services.team_member_add(
            municipality=municipality, **data.validated_data
        )
        return Response(
            MembershipOutput(membership).data,
            status=status.HTTP_201_CREATED if added else status.HTTP_200_OK,
        )
