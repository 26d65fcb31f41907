"""Every string a person sees is translated, in every interface language."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "frontend" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _catalogue(language: str) -> polib.POFile:
    folder = language.replace("-", "_").lower()
    if "_" in folder:
        head, tail = folder.split("_")
        folder = f"{head}_{tail.upper()}"
    return polib.pofile(str(LOCALE / folder / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_catalogue_is_complete(language):
    catalogue = _catalogue(language)
    assert not catalogue.metadata_is_fuzzy
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_translations_keep_their_placeholders(language):
    wrong = []
    for entry in _catalogue(language).translated_entries():
        if entry.msgid_plural:
            # The counter may be left out of a singular ("one day"); no other name may appear.
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            for translation in entry.msgstr_plural.values():
                if not set(PLACEHOLDER.findall(translation)) <= allowed:
                    wrong.append((entry.msgid, translation))
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for translation in [entry.msgstr]:
            # A singular may say "one" instead of "%(count)d"; names must all stay.
            found = sorted(PLACEHOLDER.findall(translation))
            if {p for p in found if "count" not in p} != {p for p in expected if "count" not in p}:
                wrong.append((entry.msgid, translation))
    assert wrong == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """`makemessages` on a copy of the code finds no string that the catalogue lacks."""
    for app in ("programs", "content", "courses", "assessments", "certification", "authoring",
                "reporting", "frontend", "lms"):  # fmt: skip
        shutil.copytree(
            ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("locale", "__pycache__")
        )
    shutil.copy(ROOT / "manage.py", tmp_path)
    (tmp_path / "frontend" / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location",
         "--ignore=lms/demo/*"],
        cwd=tmp_path, env={**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "lms.settings"},
        check=True, capture_output=True,
    )  # fmt: skip
    fresh = polib.pofile(str(tmp_path / "frontend/locale/es/LC_MESSAGES/django.po"))
    in_code = {entry.msgid for entry in fresh if entry.msgid}
    catalogued = {entry.msgid for entry in _catalogue("es")}
    assert sorted(in_code - catalogued) == [], "run makemessages and translate the new strings"
