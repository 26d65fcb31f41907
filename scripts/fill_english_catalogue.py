"""Fill the English catalogue from the source strings (which are English).

Run after `makemessages`: every new msgid gets itself as msgstr, so the `en`
catalogue is complete by construction and the completeness test stays
meaningful for the other languages.
"""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "frontend/locale/en/LC_MESSAGES/django.po"


def main() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    for obsolete in catalogue.obsolete_entries():
        catalogue.remove(obsolete)
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.metadata_is_fuzzy = False
    catalogue.metadata["Project-Id-Version"] = "MuNet Aula"
    catalogue.metadata["Language"] = "en"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.save()


if __name__ == "__main__":
    main()
