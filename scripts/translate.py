"""Set translations from a small JSON map: `translate.py LANG FILE.json`.

Keys are msgids; an entry with a context is keyed "context\u0004msgid" (the
gettext separator). Plural entries take a [singular, plural] list.

Used when a change adds a few strings: entries are filled (and un-fuzzied),
obsolete ones dropped. Large batches are better done in a PO editor.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(language: str, mapping_file: str) -> None:
    mapping = json.loads(Path(mapping_file).read_text())
    path = ROOT / "frontend" / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    for obsolete in catalogue.obsolete_entries():
        catalogue.remove(obsolete)
    for entry in catalogue:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in mapping:
            continue
        value = mapping[key]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    catalogue.save()
    missing = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    print(f"{language}: {catalogue.percent_translated()}% translated; missing: {missing}")


if __name__ == "__main__":
    main(*sys.argv[1:])
