"""The catalogue's upkeep: which messages the code marks, and the ``.po`` file brought up to
date with them.

``python -m analysis.i18n.catalogue`` adds every newly marked message to the Norwegian
catalogue (untranslated, for a translator to fill in) and drops those no code uses any more;
the tests fail while a message has no Norwegian or an entry is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from analysis.i18n import DOMAIN, LOCALES, catalogue_path

ANALYSIS = Path(__file__).resolve().parent.parent
# _("...") in reports, tr("...") in the dashboard's components, N_("...") in tables of words
KEYWORDS = {"_": None, "tr": None, "N_": None, "gettext": None}


def extract_messages(root: Path = ANALYSIS) -> dict[str, list[str]]:
    """Every marked message under ``root`` -> the places (``file:line``) that mark it."""
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(root), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append(f"{filename}:{lineno}")
    return found


def load_catalogue(lang: str) -> Catalog:
    with catalogue_path(lang).open("rb") as fh:
        return read_po(fh, locale=LOCALES[lang], domain=DOMAIN)


def update(lang: str = "nb") -> tuple[int, int]:
    """Bring ``lang``'s catalogue in line with the code: (messages added, messages dropped)."""
    found = extract_messages()
    path = catalogue_path(lang)
    catalog = (
        load_catalogue(lang)
        if path.exists()
        else Catalog(locale=LOCALES[lang], domain=DOMAIN, project="bygdesim")
    )
    catalog.fuzzy = False  # the header is written by this function, not guessed
    stale = [m.id for m in catalog if m.id and m.id not in found]
    for msgid in stale:
        del catalog[msgid]
    added = 0
    for msgid, places in found.items():
        if msgid not in catalog:
            catalog.add(msgid, "")
            added += 1
        catalog[msgid].locations = [(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in places]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True, include_lineno=False)
    return added, len(stale)


if __name__ == "__main__":
    added, dropped = update(sys.argv[1] if len(sys.argv) > 1 else "nb")
    print(f"{catalogue_path('nb')}: {added} messages added, {dropped} dropped")
