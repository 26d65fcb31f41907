"""REST endpoints of the gradebook (thin): a learner's grades and a run's grade table.

Routed by `lms.api_urls` from `urlpatterns` below. Fractions are strings with
7 decimals; `on_scale` values are on the programme's scale with one decimal.
"""

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.selectors import gradebook as selectors
from courses import selectors as courses_selectors

FRACTION = {"max_digits": 8, "decimal_places": 7, "allow_null": True}
ON_SCALE = {"max_digits": 4, "decimal_places": 1, "allow_null": True}
MAX_PAGE_SIZE = 200


class ItemOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    activity = serializers.IntegerField(source="activity_id")
    title = serializers.CharField(source="activity.title")
    category = serializers.IntegerField(source="category_id")
    weight = serializers.DecimalField(max_digits=6, decimal_places=2)


class CategoryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    weight = serializers.DecimalField(max_digits=6, decimal_places=2)


class LayoutOutput(serializers.Serializer):
    scale = serializers.CharField()
    scale_maximum = serializers.IntegerField()
    pass_grade = serializers.DecimalField(max_digits=4, decimal_places=3)
    pass_on_scale = serializers.DecimalField(**ON_SCALE)
    items = ItemOutput(many=True)
    categories = CategoryOutput(many=True)


# --- A learner's grades ----------------------------------------------------------------------


class LearnerItemOutput(serializers.Serializer):
    item = serializers.IntegerField(source="item.pk")
    title = serializers.CharField(source="item.activity.title")
    fraction = serializers.DecimalField(**FRACTION)
    on_scale = serializers.DecimalField(**ON_SCALE)
    feedback = serializers.CharField()
    released_at = serializers.DateTimeField(allow_null=True)


class LearnerCategoryOutput(serializers.Serializer):
    category = CategoryOutput(source="column")
    grade = serializers.DecimalField(**FRACTION)
    on_scale = serializers.DecimalField(**ON_SCALE)
    items = LearnerItemOutput(many=True)


class LearnerGradesOutput(serializers.Serializer):
    enrolment = serializers.IntegerField(source="enrolment.pk")
    scale = serializers.CharField(source="layout.scale")
    scale_maximum = serializers.IntegerField(source="layout.scale_maximum")
    pass_grade = serializers.DecimalField(
        source="layout.pass_grade", max_digits=4, decimal_places=3
    )
    final = serializers.DecimalField(**FRACTION)
    final_on_scale = serializers.DecimalField(**ON_SCALE)
    passed = serializers.BooleanField(allow_null=True)
    categories = LearnerCategoryOutput(many=True)


class LearnerGradesApi(APIView):
    """An enrolment's released grades: for its learner and the run's staff."""

    @extend_schema(responses=LearnerGradesOutput, tags=["grades"])
    def get(self, request, enrolment_id: int):
        enrolment = courses_selectors.enrolment_get_for_viewer(request.user, enrolment_id)
        if enrolment is None:
            raise Http404
        return Response(LearnerGradesOutput(selectors.learner_grades(enrolment)).data)


# --- A run's grade table ---------------------------------------------------------------------


class GradeTableInput(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=1_000_000, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, default=50)
    municipality = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    search = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    order = serializers.ChoiceField(choices=list(selectors.ORDERS), default=selectors.DEFAULT_ORDER)
    withdrawn = serializers.BooleanField(default=False)


class CellOutput(serializers.Serializer):
    grade = serializers.IntegerField(source="grade_id")
    fraction = serializers.DecimalField(**FRACTION)
    on_scale = serializers.DecimalField(**ON_SCALE)
    released = serializers.BooleanField()
    overridden = serializers.BooleanField()


class GradeRowOutput(serializers.Serializer):
    enrolment = serializers.IntegerField(source="enrolment_id")
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField()
    email = serializers.CharField()
    municipality = serializers.IntegerField(source="municipality_id", allow_null=True)
    municipality_name = serializers.CharField(source="municipality")
    status = serializers.CharField()
    categories = serializers.ListField(child=serializers.DecimalField(**FRACTION))
    final = serializers.DecimalField(**FRACTION)
    final_on_scale = serializers.DecimalField(**ON_SCALE)
    passed = serializers.BooleanField(allow_null=True)
    cells = serializers.ListField(child=CellOutput(allow_null=True))


class GradeTableOutput(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    order = serializers.CharField()
    layout = LayoutOutput()
    results = GradeRowOutput(many=True)


class GradeTableApi(APIView):
    """One page of a run's grade table (drafts included, marked): for its tutors and managers.

    Query: page, page_size (≤ 200), municipality, search, order (name,
    municipality, final, each with "-" for descending), withdrawn.
    """

    @extend_schema(parameters=[GradeTableInput], responses=GradeTableOutput, tags=["grades"])
    def get(self, request, course_run_id: int):
        run = courses_selectors.course_run_get_for_staff(request.user, course_run_id)
        if run is None:
            raise Http404
        query = GradeTableInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        table = selectors.grade_table(
            run,
            municipality=data.get("municipality"),
            search=data["search"],
            order=data["order"],
            page=data["page"],
            page_size=data["page_size"],
            include_withdrawn=data["withdrawn"],
        )
        page = table.page
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "num_pages": page.paginator.num_pages,
                "order": table.order,
                "layout": LayoutOutput(table.layout).data,
                "results": GradeRowOutput(page.object_list, many=True).data,
            }
        )


urlpatterns = [
    path(
        "enrolments/<id:enrolment_id>/grades/",
        LearnerGradesApi.as_view(),
        name="enrolment_grades",
    ),
    path(
        "course-runs/<id:course_run_id>/grades/",
        GradeTableApi.as_view(),
        name="course_run_grades",
    ),
]
