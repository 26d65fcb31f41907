from django.urls import path

from frontend.views import h5p

urlpatterns = [
    path("h5p/play/<str:token>/", h5p.player, name="h5p_player"),
    path("h5p/content/<str:token>/<path:path>", h5p.content_file, name="h5p_content_file"),
    path("h5p/libraries/<str:folder>/<path:path>", h5p.library_file, name="h5p_library_file"),
]
