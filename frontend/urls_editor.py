from django.urls import path

from frontend.views import editor

COURSE = "edit/courses/<id:course_id>/"

urlpatterns = [
    path("edit/courses/", editor.course_list, name="editor_courses"),
    path(COURSE, editor.course_editor, name="editor_course"),
    path(COURSE + "modules/add/", editor.module_add, name="editor_module_add"),
    path(COURSE + "modules/<id:module_id>/", editor.module_edit, name="editor_module_edit"),
    path(COURSE + "modules/<id:module_id>/move/", editor.module_move, name="editor_module_move"),
    path(
        COURSE + "modules/<id:module_id>/remove/",
        editor.module_remove,
        name="editor_module_remove",
    ),
    path(
        COURSE + "modules/<id:module_id>/activities/add/",
        editor.activity_add,
        name="editor_activity_add",
    ),
    path(
        COURSE + "activities/<id:activity_id>/",
        editor.activity_edit,
        name="editor_activity_edit",
    ),
    path(
        COURSE + "activities/<id:activity_id>/move/",
        editor.activity_move,
        name="editor_activity_move",
    ),
    path(
        COURSE + "activities/<id:activity_id>/remove/",
        editor.activity_remove,
        name="editor_activity_remove",
    ),
    # Preview as a learner: nothing is recorded
    path(COURSE + "preview/", editor.preview_outline, name="editor_preview"),
    path(
        COURSE + "preview/<id:activity_id>/",
        editor.preview_activity,
        name="editor_preview_activity",
    ),
    path(
        COURSE + "preview/<id:activity_id>/file/",
        editor.preview_file,
        name="editor_preview_file",
    ),
    path(
        COURSE + "preview/<id:activity_id>/video/",
        editor.preview_video,
        name="editor_preview_video",
    ),
    path(
        COURSE + "preview/<id:activity_id>/captions/",
        editor.preview_captions,
        name="editor_preview_captions",
    ),
]
