"""How people name a body, and which body they mean: ``ØK``, ``oek``, ``Økonomiudvalget`` and
``Økonomiudvalget (ØK)`` all name the body whose key is ``OEK``.

Shared by the meeting commands (:mod:`aarshjul.services.meetings`), the årshjul import
(:mod:`aarshjul.services.meeting_import`) and the calendar feed, so that the three read a body's
name the same way. Pure functions: nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: What may trail a body's name in a calendar title: ``"BUU:"``, ``"OMU -"``.
TRAILING = ":;,.-–"


def ascii_key(text: str) -> str:
    """``ØK`` → ``OEK``, ``ledermøde`` → ``LEDERMOEDE``: what people type → the body key."""
    table = str.maketrans({"Æ": "AE", "Ø": "OE", "Å": "AA"})
    return text.strip().upper().translate(table).replace(" ", "-")


def split_name(key: str, name: str) -> tuple[str, str]:
    """``"Økonomiudvalget (ØK)"`` → ``("Økonomiudvalget", "ØK")``: the name and the label."""
    match = re.match(r"^(.*?)\s*\(([^()]+)\)$", name)
    if match and ascii_key(match.group(2)) == key:
        return match.group(1), match.group(2)
    return name, key


def resolve_body(text: str, bodies: Mapping[str, str]) -> str | None:
    """The key of the body ``text`` names: its key as people type it (ØK → OEK) or its name.

    ``bodies`` maps each known body key to its name."""
    text = " ".join(text.split()).strip(TRAILING)
    if not text:
        return None
    key = ascii_key(text)
    if key in bodies:
        return key
    wanted = text.casefold()
    for key, name in bodies.items():
        short, label = split_name(key, name)
        if wanted in (name.casefold(), short.casefold(), label.casefold()):
            return key
    return None
