"""Compile the translation catalogues (.po → .mo) without GNU gettext.

`make run` and `make test` call this, so a machine with only Python can show
the interface in every language. Compiled files are not committed.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every .po catalogue in LOCALE_PATHS into its .mo file."
    requires_system_checks = []  # runs before migrate; needs no database

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(locale_path.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"{compiled} catalogue(s) compiled.")
