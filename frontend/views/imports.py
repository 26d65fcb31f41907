"""Importing municipalities and their teams from a spreadsheet (being written)."""

from django.http import Http404


def municipality_import(request, programme_id: int):
    raise Http404


def import_template(request, programme_id: int, file_format: str):
    raise Http404
