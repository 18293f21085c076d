"""An iCalendar component's bytes, the same as ``component.to_ical()``, folded faster.

RFC 5545 folds a content line longer than 75 octets. The icalendar library folds one
character at a time (it encodes every character to count its octets), which was a third of
``calendar export``'s CPU time. :func:`fold` cuts the encoded line instead: the same pieces,
byte for byte — at most 74 octets each, never inside a UTF-8 character, and not right after a
backslash or a caret (icalendar keeps an escape with the character it escapes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icalendar.cal.component import Component

#: A line of this many octets or more is folded (icalendar's limit).
LIMIT = 75
_ESCAPES = b"\\^"


def fold(line: str) -> bytes:
    """``line`` as UTF-8, folded as icalendar folds it (``Contentline(line).to_ical()``)."""
    data = line.encode("utf-8")
    size = len(data)
    if size < LIMIT:
        return data
    pieces = []
    start = 0
    while size - start >= LIMIT:
        end = start + LIMIT - 1
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            end -= 1
        if end - start > 1 and data[end - 1] in _ESCAPES:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def component_bytes(component: Component) -> bytes:
    """``component.to_ical()``: its content lines (sub-components included), each folded."""
    return b"".join(fold(line) + b"\r\n" for line in component.content_lines() if line)
